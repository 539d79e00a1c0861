package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.newshound.alert.delivery.engine.AttemptRecords.Completed;
import io.newshound.alert.delivery.webhook.DeliveryTask;

/**
 * Failed attempts whose writing waits while fresh deliveries are still being sent, so that in a fan-out the database's
 * time goes first to the partners who answer. Writing such a failure only schedules its retry, which the claims put
 * behind first attempts anyway, so holding it back changes when nothing is sent; its delivery stays leased meanwhile,
 * and a crash only makes the attempt be made again once the lease runs out.
 * <p>
 * Kept per endpoint in the order they were held, so that an endpoint's held failures are always written together and
 * before any newer result of that endpoint (its count of failures in a row and failing time stay right). Not thread
 * safe: the recorder thread alone uses it, besides {@link #size()}.
 */
final class HeldFailures {

    private final long maxHoldNanos;
    private final int capacity;
    /** endpoints in the order their oldest held failure was held: the first holds the oldest of all */
    private final Map<UUID, List<Held>> byEndpoint = new LinkedHashMap<>();
    private volatile int size;

    private record Held(Completed completed, long heldAt) {
    }

    /**
     * @param maxHold
     *            longest a failure waits while fresh deliveries keep coming; zero holds none
     * @param capacity
     *            most failures held at once; past it the oldest are written even while fresh deliveries wait
     */
    HeldFailures(Duration maxHold, int capacity) {
        this.maxHoldNanos = maxHold.toNanos();
        this.capacity = capacity;
    }

    boolean enabled() {
        return maxHoldNanos > 0 && capacity > 0;
    }

    /**
     * Holds a failed attempt, without what was only needed to send it (payload, secrets): writing it needs the ids and
     * the result alone.
     *
     * @param now
     *            {@link System#nanoTime()}
     */
    void hold(Completed failed, long now) {
        DeliveryTask t = failed.task();
        DeliveryTask slim = new DeliveryTask(t.deliveryId(), t.endpointId(), t.leaseToken(), t.attemptNo(),
                t.retryBase(), t.url(), null, List.of());
        byEndpoint.computeIfAbsent(t.endpointId(), k -> new ArrayList<>(2))
                .add(new Held(new Completed(slim, failed.result()), now));
        size++;
    }

    /** Removes and returns an endpoint's held failures, oldest first, to be written with a newer result of it. */
    List<Completed> takeFor(UUID endpointId) {
        List<Held> held = byEndpoint.remove(endpointId);
        if (held == null) {
            return List.of();
        }
        size -= held.size();
        return held.stream().map(Held::completed).toList();
    }

    /**
     * Removes and returns the held failures to write now, oldest endpoints first, whole endpoints at a time: about
     * {@code max}, all of them if fresh deliveries no longer wait; otherwise only those of endpoints whose oldest held
     * failure has waited the longest allowed, and the oldest beyond the capacity.
     *
     * @param backlog
     *            whether fresh deliveries are still waiting to be sent
     * @param now
     *            {@link System#nanoTime()}
     */
    List<Completed> due(boolean backlog, long now, int max) {
        List<Completed> due = new ArrayList<>();
        Iterator<List<Held>> it = byEndpoint.values().iterator();
        while (it.hasNext() && due.size() < max) {
            List<Held> held = it.next();
            if (backlog && size <= capacity && now - held.get(0).heldAt() < maxHoldNanos) {
                break; // the rest were held later still
            }
            it.remove();
            size -= held.size();
            held.forEach(h -> due.add(h.completed()));
        }
        return due;
    }

    /** @return failures held now; readable from any thread */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return byEndpoint.isEmpty();
    }
}
