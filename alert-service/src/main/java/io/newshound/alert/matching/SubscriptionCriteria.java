package io.newshound.alert.matching;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a subscriber wants to be alerted about, as the matching engine sees it.
 *
 * @param id
 *            stable subscription id
 * @param topics
 *            taxonomy slugs; empty means the subscription does not filter on topics
 * @param topicMode
 *            whether any one of the topics is enough or all of them are needed
 * @param query
 *            optional keyword query in news-alert syntax (see {@link KeywordQueryParser}); null or blank for none
 * @param languages
 *            article languages (ISO 639-1) to accept; empty accepts every language
 * @param includeSources
 *            when not empty, only articles from one of these sources (name or URL host) match
 * @param excludeSources
 *            articles from these sources (name or URL host) never match
 * @param minTopicScore
 *            the score in [0,1] a topic needs to count as present
 * @param paused
 *            a paused subscription is kept but never matches
 */
public record SubscriptionCriteria(UUID id, Set<String> topics, TopicMode topicMode, String query,
        Set<String> languages,
        Set<String> includeSources, Set<String> excludeSources, double minTopicScore, boolean paused) {

    public SubscriptionCriteria {
        Objects.requireNonNull(id, "id");
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        topicMode = topicMode == null ? TopicMode.ANY_OF : topicMode;
        query = query == null || query.isBlank() ? null : query;
        languages = languages == null ? Set.of() : Set.copyOf(languages);
        includeSources = includeSources == null ? Set.of() : Set.copyOf(includeSources);
        excludeSources = excludeSources == null ? Set.of() : Set.copyOf(excludeSources);
        if (!(minTopicScore >= 0.0 && minTopicScore <= 1.0)) {
            throw new IllegalArgumentException("minTopicScore must be within [0,1], was " + minTopicScore);
        }
        if (topics.isEmpty() && query == null) {
            throw new IllegalArgumentException("a subscription needs topics or a keyword query");
        }
    }

    /** Whether the subscription filters on topics. */
    public boolean hasTopics() {
        return !topics.isEmpty();
    }

    /** Whether the subscription has a keyword query. */
    public boolean hasQuery() {
        return query != null;
    }
}
