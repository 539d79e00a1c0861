package io.newshound.alert.thread;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What alert threads read of subscriptions: who they belong to, where their alerts go and how often updates may go out.
 * Owned by the event path and implemented where subscriptions are managed, so that threads do not depend on that side.
 */
public interface Subscribers {

    /**
     * A subscription as threads need it.
     *
     * @param muted
     *            whether it muted the story at hand
     */
    record Subscriber(UUID id, String tenantId, UUID endpointId, UpdatePolicy policy, boolean muted) {
    }

    /**
     * Called inside the transaction that records the alerts.
     *
     * @return the active subscriptions among {@code ids}, with whether each muted the story
     */
    Map<UUID, Subscriber> find(Collection<UUID> ids, UUID storyId);
}
