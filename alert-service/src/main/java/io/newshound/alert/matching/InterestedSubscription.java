package io.newshound.alert.matching;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A subscription that wants an article.
 *
 * @param topicSlugs
 *            the article topics that made it match; empty when it matched on something else, in which case the alert
 *            lists all of the article's topics
 * @param matchedTerms
 *            where its keyword query hit the article; empty without keyword query
 */
public record InterestedSubscription(UUID subscriptionId, UUID endpointId, Set<String> topicSlugs,
        List<MatchedTerm> matchedTerms) {

    public InterestedSubscription {
        matchedTerms = matchedTerms == null ? List.of() : List.copyOf(matchedTerms);
    }

    /** A match on topics alone. */
    public InterestedSubscription(UUID subscriptionId, UUID endpointId, Set<String> topicSlugs) {
        this(subscriptionId, endpointId, topicSlugs, List.of());
    }
}
