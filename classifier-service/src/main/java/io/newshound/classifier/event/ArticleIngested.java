package io.newshound.classifier.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The classifier's view of {@code article.ingested.v1}: only the fields it reads. Ids stay strings because the
 * classifier passes them through without interpreting them; so does {@code occurredAt}, the time ingest-service
 * accepted the article, which travels on as {@code acceptedAt}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleIngested(String type, String eventId, String occurredAt, String articleId, Integer revision,
        String url, String title, String body, String source, String language, String publishedAt) {

    /** Stable type string of the event. */
    public static final String TYPE = "article.ingested.v1";
}
