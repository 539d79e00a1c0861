package io.newshound.alert.thread;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert thread in a list.
 *
 * @param storyId
 *            null for alerts raised before stories existed
 * @param revision
 *            the latest revision sent
 * @param waitingArticles
 *            articles recorded on the thread that the update policy has not sent yet
 */
public record AlertView(UUID id, UUID subscriptionId, UUID storyId, String headline, int revision,
        int waitingArticles, Instant createdAt, Instant updatedAt) {
}
