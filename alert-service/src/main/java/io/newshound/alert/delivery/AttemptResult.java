package io.newshound.alert.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened on one attempt.
 *
 * @param status
 *            the HTTP status, null when no response arrived
 * @param error
 *            why the attempt failed when there is no status to say so (timeout, refused target, ...)
 * @param retryAfter
 *            the receiver's {@code Retry-After}, if it sent one
 */
public record AttemptResult(Instant attemptedAt, Integer status, long latencyMs, String error, Duration retryAfter) {

    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }
}
