package io.newshound.alert.delivery.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened on one attempt.
 *
 * @param status
 *            the HTTP status, null when no response arrived
 * @param latencyMs
 *            from the start of the attempt to its outcome, waiting for a pooled connection included
 * @param error
 *            why the attempt failed when there is no status to say so (timeout, refused target, ...)
 * @param retryAfter
 *            the receiver's {@code Retry-After}, if it sent one
 * @param receiverMs
 *            how long the receiver had the request before it answered or the attempt gave up; null when the request
 *            never got a connection
 */
public record AttemptResult(Instant attemptedAt, Integer status, long latencyMs, String error, Duration retryAfter,
        Long receiverMs) {

    public AttemptResult(Instant attemptedAt, Integer status, long latencyMs, String error, Duration retryAfter) {
        this(attemptedAt, status, latencyMs, error, retryAfter, null);
    }

    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }
}
