package io.newshound.alert.endpoint;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newshound.alert.thread.Alert;

/**
 * A delivery in the delivery log. {@code id} is the {@code webhook-id} the receiver saw.
 *
 * @param articleId
 *            the article that raised the alert
 * @param revision
 *            the alert revision this delivery sends
 * @param nextAttemptAt
 *            when the next attempt is due; only while pending
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(UUID id, UUID alertId, UUID digestId, UUID subscriptionId, UUID articleId, Integer revision,
        UUID endpointId, String status, int attemptCount, Instant nextAttemptAt, Integer lastStatus, String lastError,
        Instant createdAt, Instant deliveredAt) {

    static DeliveryView of(Delivery d, Alert a) {
        return new DeliveryView(d.id, d.alertId, d.digestId, a == null ? null : a.subscriptionId,
                a == null ? null : a.articleId, d.revision, d.endpointId, d.status, d.attemptCount,
                "pending".equals(d.status) ? d.nextAttemptAt : null, d.lastStatus, d.lastError, d.createdAt,
                d.deliveredAt);
    }
}
