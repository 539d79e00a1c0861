package io.newshound.alert.delivery.webhook;

import java.util.List;
import java.util.UUID;

/**
 * One claimed attempt: everything needed to send it without touching the database.
 *
 * @param webhookId
 *            the delivery's stable id, sent as {@code webhook-id} on every attempt and replay
 * @param attemptNo
 *            1 for the first attempt
 * @param retryBase
 *            attempts made before the last replay; the retry schedule counts from there
 * @param secrets
 *            secrets to sign with (two during a rotation overlap)
 */
public record DeliveryTask(UUID deliveryId, UUID endpointId, UUID leaseToken, int attemptNo, int retryBase, String url,
        String payload, List<String> secrets) {

    public String webhookId() {
        return deliveryId.toString();
    }
}
