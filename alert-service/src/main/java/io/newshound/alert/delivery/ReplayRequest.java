package io.newshound.alert.delivery;

/**
 * Which deliveries to send again; both given = both must hold.
 *
 * @param status
 *            {@code dead} or {@code delivered}
 * @param since
 *            ISO-8601 instant: deliveries created at or after it
 */
public record ReplayRequest(String status, String since) {
}
