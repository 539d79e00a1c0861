package io.newshound.alert.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A subscription as the API shows it.
 *
 * @param secret
 *            the webhook signing secret, present only in the response that created it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, String name, List<String> topics, String match, Double minScore,
        UpdatePolicy updates, String webhookUrl, UUID endpointId, Instant createdAt, String secret) {

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.name, s.topics, s.matchMode, s.minScore,
                UpdatePolicy.of(s.updatePolicy, s.updateIntervalMinutes), s.endpoint.url, s.endpoint.id, s.createdAt,
                null);
    }

    SubscriptionView withSecret(String secret) {
        return new SubscriptionView(id, name, topics, match, minScore, updates, webhookUrl, endpointId, createdAt,
                secret);
    }
}
