package io.newshound.alert.delivery.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a tenant's notification log.
 *
 * @param seq
 *            position in the log; within a tenant, larger means committed later
 * @param type
 *            {@code alert.raised}, {@code alert.updated}, {@code digest.ready}, {@code endpoint.disabled}, ...
 * @param payload
 *            the JSON document sent to webhooks for the same event
 */
public record Notification(long seq, String tenantId, UUID subscriptionId, String type, String payload,
        Instant createdAt) {
}
