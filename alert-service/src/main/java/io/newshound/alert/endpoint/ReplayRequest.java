package io.newshound.alert.endpoint;

/**
 * Which deliveries to send again; several given = all must hold.
 *
 * @param status
 *            {@code dead} or {@code delivered}
 * @param since
 *            ISO-8601 instant: deliveries created at or after it
 * @param sinceAlertId
 *            an alert id: deliveries of that alert and of every alert raised after it
 */
public record ReplayRequest(String status, String since, String sinceAlertId) {
}
