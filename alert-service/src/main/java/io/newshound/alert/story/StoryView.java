package io.newshound.alert.story;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A story as the API shows it.
 *
 * @param live
 *            whether new articles can still join it (its latest article is inside the grouping window)
 */
public record StoryView(UUID id, String headline, Instant firstSeen, Instant lastSeen, int articleCount,
        Set<String> sources, Set<String> languages, Set<String> topics, boolean live) {
}
