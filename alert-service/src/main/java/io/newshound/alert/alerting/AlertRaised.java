package io.newshound.alert.alerting;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.newshound.alert.event.ArticleClassified;

/**
 * The webhook body of an alert ({@code type = alert.raised}). It links the article instead of carrying its text.
 *
 * @param timestamp
 *            when the alert was raised; the same on every attempt, so retried bodies are byte-identical
 */
public record AlertRaised(String type, Instant timestamp, Data data) {

    public static final String TYPE = "alert.raised";

    public record Data(UUID alertId, UUID subscriptionId, UUID articleId, int revision, String title, String url,
            String source, String language, Instant publishedAt, List<ArticleClassified.Topic> topics) {
    }
}
