package io.newshound.alert.delivery.webhook;

import java.time.Instant;
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
 * @param traceparent
 *            the W3C trace context the webhook continues, null without one
 * @param tracestate
 *            the W3C trace state that came with it, null when empty
 * @param acceptedAt
 *            when ingest-service accepted the article delivered, null for digests
 */
public record DeliveryTask(UUID deliveryId, UUID endpointId, UUID leaseToken, int attemptNo, int retryBase, String url,
        String payload, List<String> secrets, String traceparent, String tracestate, Instant acceptedAt) {

    /** A task outside any trace, with no accept time. */
    public DeliveryTask(UUID deliveryId, UUID endpointId, UUID leaseToken, int attemptNo, int retryBase, String url,
            String payload, List<String> secrets) {
        this(deliveryId, endpointId, leaseToken, attemptNo, retryBase, url, payload, secrets, null, null, null);
    }

    public String webhookId() {
        return deliveryId.toString();
    }
}
