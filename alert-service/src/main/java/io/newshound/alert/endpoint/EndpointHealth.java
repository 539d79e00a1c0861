package io.newshound.alert.endpoint;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How an endpoint has been answering.
 *
 * @param windowStart
 *            the attempt statistics cover attempts since then
 * @param successRate
 *            share of attempts in the window answered with 2xx; absent without attempts
 * @param lastError
 *            the most recent failed attempt's HTTP status or error, ever
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointHealth(UUID endpointId, Instant windowStart, long attempts, long successes, Double successRate,
        Double latencyMsAvg, Double latencyMsP95, Instant lastSuccessAt, Instant lastErrorAt, String lastError,
        long pending, long dead, boolean disabled, String disabledReason, Instant throttledUntil) {
}
