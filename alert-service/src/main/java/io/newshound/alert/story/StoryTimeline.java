package io.newshound.alert.story;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A story's articles in the order they joined it, each with what it added. */
public record StoryTimeline(StoryView story, List<Entry> articles) {

    /**
     * @param sequence
     *            1 for the article that started the story, then one more per article
     * @param match
     *            why it joined: {@code new-story}, {@code near-duplicate} or {@code key-terms}
     * @param score
     *            the grouping score against the story it joined (1 for the first article)
     */
    public record Entry(int sequence, UUID articleId, String title, String url, String source, String language,
            Instant publishedAt, Set<String> topics, Added added, String match, double score, Instant assignedAt) {
    }

    /** What an article brought to the story that no earlier article had. */
    public record Added(Set<String> topics, Set<String> sources, Set<String> languages) {
    }
}
