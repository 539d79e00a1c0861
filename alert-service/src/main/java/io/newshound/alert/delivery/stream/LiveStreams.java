package io.newshound.alert.delivery.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.delivery.notification.Notification;
import io.newshound.alert.delivery.notification.NotificationConfig;
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.alert.delivery.notification.Notifications.Position;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The open server-sent-event streams of this replica. One poller per replica reads every open stream's next entries
 * from the notification log in a single query and writes them out, so any replica serves any tenant and a client that
 * reconnects with {@code Last-Event-ID} resumes exactly where it stopped.
 */
@ApplicationScoped
public class LiveStreams {

    private final Notifications notifications;
    private final NotificationConfig.Stream config;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-poller");
        t.setDaemon(true);
        return t;
    });

    public LiveStreams(Notifications notifications, NotificationConfig config, MeterRegistry metrics) {
        this.notifications = notifications;
        this.config = config.stream();
        metrics.gaugeCollectionSize("newshound.streams.open", List.of(), listeners);
    }

    /**
     * Starts streaming the tenant's entries after {@code afterSeq} (of one subscription when {@code subscriptionId} is
     * set) to {@code sink}.
     *
     * @throws ProblemException
     *             429 when the tenant already has the maximum number of streams open here
     */
    public void open(String tenantId, UUID subscriptionId, long afterSeq, SseEventSink sink, Sse sse) {
        long open = listeners.stream().filter(l -> l.tenantId.equals(tenantId) && !l.sink.isClosed()).count();
        if (open >= config.maxConnectionsPerTenant()) {
            throw new ProblemException("https://newshound.io/problems/too-many-streams", 429, "Too many streams",
                    "this tenant already has " + open + " streams open; close one or resume later", List.of(), 5L);
        }
        var listener = new Listener(tenantId, subscriptionId, afterSeq, sink, sse);
        listeners.add(listener);
        // Sent at once so clients and proxies see the response start; also tells browsers how soon to reconnect.
        listener.send(sse.newEventBuilder().comment("stream open after " + afterSeq)
                .reconnectDelay(config.pollInterval().toMillis() * 4).build());
        Log.debugf("Stream opened for tenant %s after seq %d", tenantId, afterSeq);
    }

    void start(@Observes StartupEvent event) {
        // the scheduler extension does not run jobs more often than once a second; streams want less delay than that
        poller.scheduleWithFixedDelay(this::pollSafely, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            Log.warnf(e, "Streams: poll failed");
        }
    }

    void poll() {
        listeners.removeIf(l -> l.sink.isClosed());
        if (listeners.isEmpty()) {
            return;
        }
        Set<Position> positions = new HashSet<>();
        for (Listener l : listeners) {
            positions.add(l.position());
        }
        Map<Position, List<Notification>> found;
        try {
            found = notifications.after(positions, config.batchSize());
        } catch (RuntimeException e) {
            Log.warnf("Streams: reading the notification log failed, retrying next poll: %s", e.getMessage());
            return;
        }
        long now = System.nanoTime();
        for (Listener l : listeners) {
            l.push(found.getOrDefault(l.position(), List.of()), now);
        }
    }

    @PreDestroy
    void closeAll() {
        poller.shutdownNow();
        listeners.forEach(l -> l.sink.close());
        listeners.clear();
    }

    private final class Listener {

        final String tenantId;
        final UUID subscriptionId;
        final SseEventSink sink;
        final Sse sse;
        final AtomicInteger pending = new AtomicInteger();
        volatile long seq;
        volatile long lastSentNanos = System.nanoTime();

        Listener(String tenantId, UUID subscriptionId, long seq, SseEventSink sink, Sse sse) {
            this.tenantId = tenantId;
            this.subscriptionId = subscriptionId;
            this.seq = seq;
            this.sink = sink;
            this.sse = sse;
        }

        Position position() {
            return new Position(tenantId, seq);
        }

        void push(List<Notification> entries, long now) {
            for (Notification n : entries) {
                seq = n.seq();
                if (subscriptionId == null || subscriptionId.equals(n.subscriptionId())) {
                    send(sse.newEventBuilder().id(Long.toString(n.seq())).name(n.type())
                            .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, n.payload()).build());
                }
            }
            if (now - lastSentNanos >= config.heartbeat().toNanos()) {
                send(sse.newEventBuilder().comment("heartbeat").build());
            }
        }

        void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                return;
            }
            if (pending.incrementAndGet() > config.maxPendingEvents()) {
                Log.infof("Stream of tenant %s is %d events behind; closing it, the client resumes", tenantId,
                        pending.get());
                sink.close();
                return;
            }
            lastSentNanos = System.nanoTime();
            sink.send(event).whenComplete((ok, failure) -> {
                pending.decrementAndGet();
                if (failure != null) {
                    sink.close();
                }
            });
        }
    }
}
