package io.newshound.alert.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The compact, immutable form of a subscription that the indexes hold. A new version is created for every change;
 * {@link #retired} is set on the old one before the new one becomes visible, so a concurrent match never reports both.
 */
final class IndexedSubscription {

    private static final String[] NONE = new String[0];

    final UUID id;
    final long generation;
    /** Sorted, interned slugs. */
    final String[] topics;
    final boolean allOf;
    final double minScore;
    /** Lowercase codes, interned; empty = every language. */
    final String[] languages;
    /** Normalized source names/hosts; empty = no filter. */
    final String[] includeSources;
    final String[] excludeSources;
    final boolean keywordQuery;
    final boolean paused;
    volatile boolean retired;

    IndexedSubscription(SubscriptionCriteria subscription, long generation, Interner interner) {
        this.id = subscription.id();
        this.generation = generation;
        this.topics = subscription.topics().stream().sorted().map(interner::intern).toArray(String[]::new);
        this.allOf = subscription.topicMode() == TopicMode.ALL_OF && topics.length > 1;
        this.minScore = subscription.minTopicScore();
        this.languages = subscription.languages().isEmpty()
                ? NONE
                : subscription.languages().stream().map(l -> interner.intern(l.toLowerCase(java.util.Locale.ROOT)))
                        .distinct().sorted().toArray(String[]::new);
        this.includeSources = normalized(subscription.includeSources().stream().map(Sources::normalize).toList(),
                interner);
        this.excludeSources = normalized(subscription.excludeSources().stream().map(Sources::normalize).toList(),
                interner);
        this.keywordQuery = subscription.hasQuery();
        this.paused = subscription.paused();
    }

    private static String[] normalized(List<String> values, Interner interner) {
        return values.isEmpty() ? NONE : values.stream().map(interner::intern).distinct().toArray(String[]::new);
    }

    /**
     * Id under which the keyword query is registered in the Monitor: the subscription id, so that registering a new
     * version replaces the old one in a single commit. The version travels in the query metadata.
     */
    String monitorId() {
        return id.toString();
    }

    boolean acceptsLanguage(String language) {
        if (languages.length == 0) {
            return true;
        }
        for (String accepted : languages) {
            if (accepted.equals(language)) {
                return true;
            }
        }
        return false;
    }

    boolean acceptsSource(ArticleView article) {
        if (includeSources.length > 0 && !article.hasAnySource(includeSources)) {
            return false;
        }
        return excludeSources.length == 0 || !article.hasAnySource(excludeSources);
    }

    /**
     * The article's topics that satisfy this subscription's topic filter, or null when the filter fails. Empty when the
     * subscription has no topic filter.
     */
    List<SubscriptionMatch.TopicHit> topicHits(ArticleView article) {
        if (topics.length == 0) {
            return List.of();
        }
        if (topics.length == 1) {
            double score = article.score(topics[0]);
            return score >= minScore ? article.topicHit(topics[0]) : null;
        }
        List<SubscriptionMatch.TopicHit> hits = new ArrayList<>(topics.length);
        for (String topic : topics) {
            double score = article.score(topic);
            if (score >= minScore) {
                hits.add(new SubscriptionMatch.TopicHit(topic, score));
            } else if (allOf) {
                return null;
            }
        }
        return hits.isEmpty() ? null : List.copyOf(hits);
    }
}
