package io.newshound.alert.thread;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.matching.MatchedTerm;

/**
 * The webhook body of one revision of an alert: {@code alert.raised} for the first, {@code alert.updated} for every
 * later one. It links the articles instead of carrying their text.
 *
 * @param timestamp
 *            when the revision was made; the same on every attempt, so retried bodies are byte-identical
 */
public record AlertWebhook(String type, Instant timestamp, Data data) {

    public static final String RAISED = "alert.raised";
    public static final String UPDATED = "alert.updated";

    /**
     * @param revision
     *            1 for the alert itself, then one more per update
     * @param articles
     *            the articles new in this revision, oldest first (the newest {@code MAX_ARTICLES} when there are more:
     *            {@code changes.newArticles} counts them all)
     * @param topics
     *            the topics of these articles that made the subscription match, with the best score among them and
     *            their evidence
     */
    public record Data(UUID alertId, UUID subscriptionId, int revision, StorySummary story, List<Article> articles,
            List<ArticleClassified.Topic> topics, Changes changes) {
    }

    /** The story as it stood when the revision was made. */
    public record StorySummary(UUID id, String headline, Instant firstSeen, Instant lastSeen, int articleCount,
            Set<String> sources, Set<String> languages) {
    }

    /**
     * @param matchedTerms
     *            where the subscription's keyword query hit this article; left out when it has none, so topic alerts
     *            look as they always did
     */
    public record Article(UUID id, String title, String url, String source, String language, Instant publishedAt,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MatchedTerm> matchedTerms) {
    }

    /**
     * What this revision tells that the alert's earlier revisions did not.
     *
     * @param newArticles
     *            how many articles are new in this revision
     */
    public record Changes(int newArticles, Set<String> newTopics, Set<String> newSources, Set<String> newLanguages) {
    }
}
