package io.newshound.classifier.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code article.classified.v1}: an ingested article with the topics the classifier found and the evidence for each.
 * Published even when no topic matched ({@code topics: []}). {@code acceptedAt} is when ingest-service accepted the
 * article (the {@code occurredAt} of its {@code article.ingested.v1}); alert-service measures the pipeline's latency
 * from it. Null for events whose source carried no time.
 */
public record ArticleClassified(String type, UUID eventId, Instant occurredAt, String articleId, int revision,
        String sourceEventId, Article article, String language, String taxonomyVersion, String classifierVersion,
        List<Topic> topics, String acceptedAt) {

    /** Stable type string of the event. */
    public static final String TYPE = "article.classified.v1";

    /** The article as it was ingested. */
    public record Article(String url, String title, String body, String source, String publishedAt) {
    }

    /**
     * A topic the article is about, with its score in [0,1] and why: the evidence (rule hits) and the decision that
     * weighed how central the topic is to the article.
     */
    public record Topic(String slug, String label, double score, List<Evidence> evidence, Decision decision) {
    }

    /**
     * What the document-level decision weighed.
     *
     * @param model
     *            version of the decision model, or {@code rules} when the rule score alone decided
     * @param threshold
     *            score the topic needed
     * @param ruleScore
     *            the rule evidence's combined score, {@code 1 - prod(1 - w)} over the hits
     * @param contributions
     *            each feature's value and its contribution to the log-odds of the score, largest first
     */
    public record Decision(String model, double threshold, double ruleScore, List<Contribution> contributions) {
    }

    /** One feature of a decision: its value and what it added to the log-odds of the score. */
    public record Contribution(String feature, double value, double contribution) {
    }

    /** One matched passage: which rule, in which field, at which character offsets of the original text. */
    public record Evidence(String ruleId, String field, List<String> terms, int start, int end, String snippet) {
    }
}
