package io.newshound.alert.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newshound.alert.thread.UpdatePolicy;

/**
 * A subscription as the API shows it: everything it was given, never the secret except in the creation response.
 *
 * @param tenantId
 *            the tenant that owns it
 * @param secret
 *            the webhook signing secret, present only in the response that created it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, String tenantId, String name, List<String> topics, String match, String query,
        List<String> languages, List<String> sources, List<String> excludeSources, Double minScore, boolean paused,
        UpdatePolicy updates, String webhookUrl, UUID endpointId, Instant createdAt, Instant updatedAt, String secret) {

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.tenantId, s.name, s.topics, s.matchMode, s.query, s.languages, s.sources,
                s.excludeSources, s.minScore, s.paused, UpdatePolicy.of(s.updatePolicy, s.updateIntervalMinutes),
                s.endpoint.url, s.endpoint.id, s.createdAt, s.updatedAt,
                null);
    }

    SubscriptionView withSecret(String secret) {
        return new SubscriptionView(id, tenantId, name, topics, match, query, languages, sources, excludeSources,
                minScore, paused, updates, webhookUrl, endpointId, createdAt, updatedAt, secret);
    }
}
