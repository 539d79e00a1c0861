package io.newshound.alert.thread;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.story.StoryView;

/**
 * An alert with its story, every revision sent and the articles each carried, and what waits for the next revision.
 *
 * @param story
 *            null for alerts raised before stories existed
 */
public record AlertDetail(AlertView alert, StoryView story, List<Revision> revisions, List<Article> waiting) {

    /** One revision: 1 raised the alert, each later one is an update. */
    public record Revision(int revision, String type, Instant createdAt, AlertWebhook.Changes changes,
            List<Article> articles) {
    }

    /** An article on the thread, with the topics that made the subscription want it. */
    public record Article(UUID id, String title, String url, String source, String language, Instant publishedAt,
            List<ArticleClassified.Topic> topics, Instant recordedAt) {
    }
}
