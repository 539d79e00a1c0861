package io.newshound.ingest.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Published to {@value #TOPIC} when an article enters the pipeline or an update of it does (same article id, higher
 * revision). Keyed by article id.
 */
public record ArticleIngested(String type, UUID eventId, Instant occurredAt, UUID articleId, int revision,
        String url, String title, String body, String source, String language, Instant publishedAt) {

    /** The stable type string of this event. */
    public static final String TYPE = "article.ingested.v1";
    /** The topic it is published to. */
    public static final String TOPIC = "news.articles.v1";

    public ArticleIngested {
        if (!TYPE.equals(type)) {
            throw new IllegalArgumentException("type must be " + TYPE);
        }
    }
}
