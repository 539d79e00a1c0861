package io.newshound.alert.endpoint;

import java.time.Instant;
import java.util.List;

/**
 * One delivery with every attempt and the exact body sent.
 *
 * @param payload
 *            the webhook body, byte for byte as signed and sent on every attempt
 */
public record DeliveryDetail(DeliveryView delivery, String payload, List<Attempt> attempts) {

    /**
     * @param httpStatus
     *            null when no response arrived, in which case {@code error} says why
     */
    public record Attempt(int attemptNo, Instant attemptedAt, Integer httpStatus, long latencyMs, String error) {
    }
}
