package io.newshound.alert.alerting;

import java.util.Set;
import java.util.UUID;

/**
 * A subscription that wants an article.
 *
 * @param topicSlugs
 *            the article topics that made it match; empty when it matched on something else, in which case the alert
 *            lists all of the article's topics
 */
public record SubscriptionMatch(UUID subscriptionId, UUID endpointId, Set<String> topicSlugs) {
}
