package io.newshound.alert.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What alert-service reads of {@code article.classified.v1} (topic {@code news.articles.classified.v1}, produced by
 * classifier-service, golden sample
 * {@code classifier-service/src/test/resources/contracts/article.classified.v1.json}).
 *
 * @param revision
 *            the article's revision; a later revision of an article already in a story changes neither the story nor
 *            the alerts that have it
 * @param acceptedAt
 *            when ingest-service accepted the article; the pipeline's latency counts from it (null from producers older
 *            than the field)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleClassified(String type, UUID eventId, Instant occurredAt, UUID articleId, Integer revision,
        Article article, String language, List<Topic> topics, Instant acceptedAt) {

    public static final String TYPE = "article.classified.v1";

    /** An event without an accept time. */
    public ArticleClassified(String type, UUID eventId, Instant occurredAt, UUID articleId, Integer revision,
            Article article, String language, List<Topic> topics) {
        this(type, eventId, occurredAt, articleId, revision, article, language, topics, null);
    }

    /** The article; {@code body} is read by keyword matching only and never forwarded to subscribers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Article(String url, String title, String body, String source, Instant publishedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Topic(String slug, String label, double score, List<Evidence> evidence) {
    }

    /** Where a topic rule matched: char offsets {@code [start, end)} in {@code field} (title or body). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(String ruleId, String field, List<String> terms, int start, int end, String snippet) {
    }

    /** @return the topics, never null */
    public List<Topic> topicsOrEmpty() {
        return topics == null ? List.of() : topics;
    }

    /** @return the revision, 1 when the producer did not set one */
    public int revisionOrFirst() {
        return revision == null ? 1 : revision;
    }
}
