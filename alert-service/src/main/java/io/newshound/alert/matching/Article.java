package io.newshound.alert.matching;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A classified article as the matching engine reads it.
 *
 * @param articleId
 *            the article's id
 * @param title
 *            headline
 * @param body
 *            plain-text body
 * @param source
 *            source name, e.g. "Example Wire"
 * @param url
 *            canonical URL; its host also counts as the source for {@code site:} filters
 * @param language
 *            ISO 639-1 code detected by the classifier, or null when unknown
 * @param topics
 *            topic slug to score in [0,1]
 */
public record Article(UUID articleId, String title, String body, String source, String url, String language,
        Map<String, Double> topics) {

    public Article {
        Objects.requireNonNull(articleId, "articleId");
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        topics = topics == null ? Map.of() : Map.copyOf(topics);
    }
}
