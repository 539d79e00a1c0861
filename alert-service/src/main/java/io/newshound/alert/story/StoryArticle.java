package io.newshound.alert.story;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What story grouping reads of a classified article.
 *
 * @param articleId
 *            the article's id
 * @param title
 *            the headline as published
 * @param body
 *            the article text (plain text)
 * @param source
 *            the outlet's name
 * @param url
 *            the article's address
 * @param language
 *            ISO 639-1 code (en, uk, ru, de, fr)
 * @param publishedAt
 *            when the outlet published it; story time runs on this clock, never on the wall clock
 * @param topics
 *            topic slug to classifier score in [0,1]
 */
public record StoryArticle(UUID articleId, String title, String body, String source, String url, String language,
        Instant publishedAt, Map<String, Double> topics) {

    public StoryArticle {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(publishedAt, "publishedAt");
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        source = source == null ? "" : source;
        language = language == null ? "" : language;
        topics = topics == null ? Map.of() : Map.copyOf(topics);
    }
}
