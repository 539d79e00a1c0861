package io.newshound.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.delivery.webhook.WebhookSender;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers due alerts, outside the Kafka path. Each poll claims what fits into the free request slots (globally and per
 * endpoint), sends without holding any transaction, and records each result as it arrives, so a slow endpoint only ever
 * occupies its own slots.
 */
@ApplicationScoped
public class DeliveryWorker {

    private final DeliveryStore store;
    private final WebhookSender sender;
    private final int maxInFlight;
    private final int maxPerEndpoint;
    private final Duration lease;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** set while one thread claims, so completions arriving together trigger one claim, not many */
    private final AtomicBoolean claiming = new AtomicBoolean();
    /** the last claim found due deliveries, so more may be waiting for a free slot */
    private final AtomicBoolean backlog = new AtomicBoolean();
    private final Map<UUID, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
    private final ExecutorService recorder = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "delivery-recorder");
        t.setDaemon(true);
        return t;
    });

    private final MeterRegistry metrics;

    public DeliveryWorker(DeliveryStore store, WebhookSender sender, WebhookConfig config, MeterRegistry metrics) {
        this.store = store;
        this.sender = sender;
        this.metrics = metrics;
        metrics.gauge("newshound.webhook.in_flight", inFlight);
        this.maxInFlight = config.maxInFlight();
        this.maxPerEndpoint = config.maxInFlightPerEndpoint();
        // long enough that a lease never runs out while its request can still be in flight
        this.lease = config.connectTimeout().plus(config.requestTimeout()).plusSeconds(30);
    }

    @Scheduled(every = "${newshound.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            Log.warnf(e, "Delivery poll failed");
        }
    }

    /**
     * Claims due deliveries and starts sending them. Called by the scheduler, and again whenever an attempt finishes
     * while a backlog is waiting, so throughput is not bounded by the poll interval.
     *
     * @return the number of attempts started
     */
    public int deliverDue() {
        if (!claiming.compareAndSet(false, true)) {
            return 0;
        }
        try {
            return claimAndSend();
        } finally {
            claiming.set(false);
        }
    }

    private int claimAndSend() {
        int free = maxInFlight - inFlight.get();
        if (free <= 0) {
            return 0;
        }
        Map<UUID, Integer> busy = new HashMap<>();
        inFlightByEndpoint.forEach((endpoint, n) -> {
            if (n.get() > 0) {
                busy.put(endpoint, n.get());
            }
        });
        List<DeliveryTask> tasks = store.claim(free, maxPerEndpoint, busy, lease);
        backlog.set(!tasks.isEmpty());
        for (DeliveryTask task : tasks) {
            inFlight.incrementAndGet();
            AtomicInteger endpointCount = inFlightByEndpoint.computeIfAbsent(task.endpointId(),
                    k -> new AtomicInteger());
            endpointCount.incrementAndGet();
            send(task).thenAcceptAsync(result -> {
                try {
                    count(result);
                    store.record(task, result);
                } catch (RuntimeException e) {
                    // the lease runs out and the attempt is made again: at least once, never lost
                    Log.warnf(e, "Could not record attempt %d of delivery %s", task.attemptNo(), task.deliveryId());
                } finally {
                    endpointCount.decrementAndGet();
                    inFlight.decrementAndGet();
                }
                if (backlog.get()) {
                    poll();
                }
            }, recorder);
        }
        return tasks.size();
    }

    private CompletableFuture<AttemptResult> send(DeliveryTask task) {
        try {
            return sender.send(task);
        } catch (RuntimeException e) {
            // never leave a claimed slot counted as busy: an unexpected failure is recorded as a failed attempt
            return CompletableFuture.completedFuture(new AttemptResult(Instant.now(), null, 0, e.toString(), null));
        }
    }

    private void count(AttemptResult result) {
        String outcome = result.succeeded() ? "success" : result.status() == null ? "no-response" : "http-error";
        String status = result.status() == null ? "none" : Integer.toString(result.status());
        metrics.counter("newshound.webhook.attempts", "outcome", outcome, "status", status).increment();
        metrics.timer("newshound.webhook.latency", "outcome", outcome).record(Duration.ofMillis(result.latencyMs()));
    }

    @PreDestroy
    void stop() {
        recorder.shutdown();
    }
}
