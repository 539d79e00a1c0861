package io.newshound.alert.matching;

import java.util.List;
import java.util.UUID;

/**
 * One subscription that an article matched, and why.
 *
 * @param subscriptionId
 *            the matched subscription
 * @param topics
 *            the article's topics that satisfied the topic filter, with their scores (empty without topic filter)
 * @param keywords
 *            where the keyword query hit the article (empty without keyword query or for queries that only exclude or
 *            filter on the source)
 */
public record SubscriptionMatch(UUID subscriptionId, List<TopicHit> topics, List<KeywordHit> keywords) {

    /**
     * A topic that counted for the match.
     *
     * @param slug
     *            topic slug
     * @param score
     *            the article's score for it
     */
    public record TopicHit(String slug, double score) {
    }

    /**
     * A stretch of the article that a query term or phrase matched.
     *
     * @param field
     *            title or body
     * @param start
     *            first character, inclusive, within that field
     * @param end
     *            last character, exclusive, within that field
     * @param text
     *            the matched text as it appears in the article
     */
    public record KeywordHit(ArticleField field, int start, int end, String text) {
    }

    /** The article text fields keyword queries search. */
    public enum ArticleField {
        TITLE, BODY
    }
}
