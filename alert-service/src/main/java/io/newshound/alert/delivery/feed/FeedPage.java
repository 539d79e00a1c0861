package io.newshound.alert.delivery.feed;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One page of the pull feed.
 *
 * @param nextCursor
 *            pass it as {@code cursor} to get what follows; when {@code items} is empty it is the cursor given, so a
 *            client polls with it until something new arrives
 */
public record FeedPage(List<Item> items, String nextCursor) {

    /**
     * @param cursor
     *            this entry's position; resuming from it returns what came after
     * @param data
     *            the same JSON document a webhook receives for this event
     */
    public record Item(String cursor, String type, UUID subscriptionId, Instant createdAt, @JsonRawValue String data) {
    }
}
