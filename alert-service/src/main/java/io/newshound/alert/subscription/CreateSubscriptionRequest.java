package io.newshound.alert.subscription;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/subscriptions}: the {@link SubscriptionSettings} plus the webhook that receives the
 * alerts.
 */
public record CreateSubscriptionRequest(String name, List<String> topics, String match, String query,
        List<String> languages, List<String> sources, List<String> excludeSources, Double minScore, Boolean paused,
        JsonNode updates, String webhookUrl) {

    /** @return the part of the request that can be changed later */
    SubscriptionSettings settings() {
        return new SubscriptionSettings(name, topics, match, query, languages, sources, excludeSources, minScore,
                paused, updates);
    }
}
