package io.newshound.ingest.article;

import java.time.Instant;
import java.util.UUID;

/** An article as the API shows it. */
public record ArticleView(UUID id, int revision, String url, String canonicalUrl, String title, String body,
        String source, String language, Instant publishedAt, Instant receivedAt, Instant updatedAt) {

    static ArticleView of(Article a) {
        return new ArticleView(a.id, a.revision, a.url, a.canonicalUrl, a.title, a.body, a.source, a.language,
                a.publishedAt, a.createdAt, a.updatedAt);
    }
}
