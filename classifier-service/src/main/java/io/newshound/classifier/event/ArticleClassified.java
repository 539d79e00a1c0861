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

    /** A topic the article is about, with its score in [0,1] and why. */
    public record Topic(String slug, String label, double score, List<Evidence> evidence) {
    }

    /** One matched passage: which rule, in which field, at which character offsets of the original text. */
    public record Evidence(String ruleId, String field, List<String> terms, int start, int end, String snippet) {
    }
}
