package io.newshound.alert.endpoint;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook endpoint as the API shows it (never its secrets).
 *
 * @param state
 *            {@code enabled}, {@code throttled} or {@code disabled}
 * @param disabledAt
 *            since when the endpoint is disabled (see {@code disabledReason}); deliveries wait until it is enabled
 * @param throttledUntil
 *            set while the receiver asked to slow down (429, 502, 503, 504), while its circuit is open (its attempts
 *            keep failing) or while its host is ejected; its deliveries wait until then
 * @param failingSince
 *            start of the current unbroken run of failed attempts; after the configured time the endpoint is disabled
 * @param consecutiveFailures
 *            failed attempts in that run, across deliveries; from the configured number on, its circuit is open
 * @param rateLimitPerSecond
 *            requests per second this endpoint receives at most (its own limit, or the default)
 * @param previousSecretExpiresAt
 *            while a rotated-out secret still signs deliveries, when it stops
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(UUID id, String url, Instant createdAt, String state, Instant disabledAt,
        String disabledReason, Instant throttledUntil, Instant failingSince, int consecutiveFailures,
        double rateLimitPerSecond,
        Instant previousSecretExpiresAt) {

    static EndpointView of(WebhookEndpoint e, Instant now, double defaultRate) {
        Instant throttled = e.throttledUntil != null && e.throttledUntil.isAfter(now) ? e.throttledUntil : null;
        String state = e.disabledAt != null ? "disabled" : throttled != null ? "throttled" : "enabled";
        return new EndpointView(e.id, e.url, e.createdAt, state, e.disabledAt, e.disabledReason, throttled,
                e.failingSince, e.consecutiveFailures,
                e.rateLimitPerSecond != null ? e.rateLimitPerSecond : defaultRate,
                e.previousSecretExpiresAt != null && e.previousSecretExpiresAt.isAfter(now)
                        ? e.previousSecretExpiresAt
                        : null);
    }
}
