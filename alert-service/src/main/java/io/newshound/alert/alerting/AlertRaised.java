package io.newshound.alert.alerting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newshound.alert.event.ArticleClassified;

/**
 * The webhook body of an alert ({@code type = alert.raised}). It links the article instead of carrying its text.
 *
 * @param timestamp
 *            when the alert was raised; the same on every attempt, so retried bodies are byte-identical
 */
public record AlertRaised(String type, Instant timestamp, Data data) {

    public static final String TYPE = "alert.raised";

    /**
     * @param matchedTerms
     *            where the subscription's keyword query hit the article; left out of the body when there is none, so
     *            topic alerts look as they always did
     */
    public record Data(UUID alertId, UUID subscriptionId, UUID articleId, int revision, String title, String url,
            String source, String language, Instant publishedAt, List<ArticleClassified.Topic> topics,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MatchedTerm> matchedTerms) {

        /** The body of an alert without keyword hits. */
        public Data(UUID alertId, UUID subscriptionId, UUID articleId, int revision, String title, String url,
                String source, String language, Instant publishedAt, List<ArticleClassified.Topic> topics) {
            this(alertId, subscriptionId, articleId, revision, title, url, source, language, publishedAt, topics,
                    List.of());
        }
    }

    /**
     * A stretch of the article a keyword query term or phrase matched.
     *
     * @param field
     *            {@code title} or {@code body}
     * @param start
     *            first character, inclusive, within that field
     * @param end
     *            last character, exclusive
     * @param text
     *            the matched text as it appears in the article
     */
    public record MatchedTerm(String field, int start, int end, String text) {
    }
}
