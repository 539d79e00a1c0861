package io.newshound.alert.delivery.webhook;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook endpoint as the API shows it (never its secrets).
 *
 * @param previousSecretExpiresAt
 *            while a rotated-out secret still signs deliveries, when it stops
 * @param throttledUntil
 *            set while the receiver asked to slow down (429, 502, 503, 504)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(UUID id, String url, Instant createdAt, Instant disabledAt, String disabledReason,
        Instant throttledUntil, Instant previousSecretExpiresAt) {

    static EndpointView of(WebhookEndpoint e, Instant now) {
        return new EndpointView(e.id, e.url, e.createdAt, e.disabledAt, e.disabledReason,
                e.throttledUntil != null && e.throttledUntil.isAfter(now) ? e.throttledUntil : null,
                e.previousSecretExpiresAt != null && e.previousSecretExpiresAt.isAfter(now)
                        ? e.previousSecretExpiresAt
                        : null);
    }
}
