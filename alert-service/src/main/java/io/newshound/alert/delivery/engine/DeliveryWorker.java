package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.delivery.engine.AttemptRecords.Completed;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;
import io.newshound.alert.delivery.webhook.WebhookSender;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers due alerts, outside the Kafka path. One dispatcher thread claims due deliveries in batches, as many as fit
 * into the free request slots, the per-endpoint limits (requests in flight and requests per second) and the endpoints'
 * health; the requests run on the Vert.x event loops without any transaction open; one recorder thread writes the
 * results back in batches and frees their slots. A slow or failing endpoint only ever occupies its own slots; once an
 * endpoint is seen to answer slowly, its requests go over connections of their own and take at most half of the request
 * slots, so healthy endpoints on its host do not queue for the connections it holds. An endpoint whose attempts keep
 * failing has its circuit opened ({@link AttemptRecords#record}): its deliveries wait, and are not tried one by one. A
 * host whose attempts keep failing is ejected ({@link HostEjection}): all its endpoints are throttled for a while.
 * While fresh deliveries wait to be sent, failures that only reschedule their delivery are written after the rest
 * ({@link HeldFailures}), so that a fan-out reaches the partners who answer first.
 *
 * <p>
 * Longer than the service's other classes on purpose: the dispatcher, the recorder and the request callbacks share the
 * request slots, per-endpoint limits and slow-lane accounting, which change together on every claim, completion and
 * record; the database work ({@link DeliveryClaims}, {@link AttemptRecords}, {@link HostThrottles}), ejection and held
 * failures are already classes of their own.
 */
@ApplicationScoped
public class DeliveryWorker {

    private final DeliveryClaims claims;
    private final AttemptRecords records;
    private final HostThrottles hosts;
    private final WebhookSender sender;
    private final MeterRegistry metrics;
    private final int maxInFlight;
    private final int maxPerEndpoint;
    private final double defaultRate;
    private final int batchSize;
    private final Duration lease;
    private final long slowAfterMs;
    private final int maxSlowInFlight;
    /** used by the recorder thread only, besides the gauge */
    private final HostEjection hostEjection;
    /** how long after an ejection the host's waiting deliveries trickle back in */
    private final Duration ejectionSpread;
    private long hostsForgottenAt = System.nanoTime();
    /** used by the recorder thread only, besides the gauge */
    private final HeldFailures held;
    /** failures in a row that open an endpoint's circuit: the failure that reaches it is never held */
    private final int circuitAfter;
    /** whether the dispatcher's last claim took as many deliveries as it asked for: more are likely waiting */
    private volatile boolean backlog;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger slowInFlight = new AtomicInteger();
    /** how fast endpoints answered, applied by the dispatcher so that an endpoint's lane holds still while it claims */
    private final ConcurrentLinkedQueue<Speed> speeds = new ConcurrentLinkedQueue<>();
    private final Map<UUID, EndpointSlots> endpoints = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Completed> completed = new LinkedBlockingQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean rateLimited;
    private Thread dispatcher;
    private Thread recorder;

    @Inject
    public DeliveryWorker(DeliveryClaims claims, AttemptRecords records, HostThrottles hosts, WebhookSender sender,
            WebhookConfig config, MeterRegistry metrics) {
        this.claims = claims;
        this.records = records;
        this.hosts = hosts;
        this.sender = sender;
        this.metrics = metrics;
        metrics.gauge("newshound.webhook.in_flight", inFlight);
        metrics.gauge("newshound.webhook.in_flight.slow", slowInFlight);
        this.maxInFlight = config.maxInFlight();
        this.maxPerEndpoint = config.maxInFlightPerEndpoint();
        this.defaultRate = config.rateLimitPerSecond();
        this.batchSize = config.claimBatchSize();
        // long enough that a lease never runs out while its request can still be in flight or its result queued
        this.lease = config.connectTimeout().plus(config.requestTimeout()).plus(config.holdFailuresFor())
                .plusSeconds(30);
        this.slowAfterMs = config.slowReceiverAfter().toMillis();
        this.maxSlowInFlight = Math.max(1, maxInFlight / 2);
        WebhookConfig.HostEjection ejection = config.hostEjection();
        this.hostEjection = new HostEjection(ejection.consecutiveFailures(), ejection.baseTime(), ejection.maxTime());
        this.ejectionSpread = ejection.baseTime();
        metrics.gauge("newshound.webhook.ejected_hosts", hostEjection, h -> h.ejectedHosts(System.nanoTime()));
        this.held = new HeldFailures(config.holdFailuresFor(), maxInFlight * 4);
        metrics.gauge("newshound.webhook.held_failures", held, HeldFailures::size);
        int circuit = config.endpointCircuit().consecutiveFailures();
        this.circuitAfter = circuit > 0 ? circuit : Integer.MAX_VALUE;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    /** Starts the dispatcher and the recorder threads. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        dispatcher = new Thread(this::dispatch, "delivery-dispatcher");
        recorder = new Thread(this::recordResults, "delivery-recorder");
        dispatcher.setDaemon(true);
        recorder.setDaemon(true);
        dispatcher.start();
        recorder.start();
    }

    @Scheduled(every = "${newshound.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Makes the dispatcher look for due deliveries now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    /**
     * Lifts the throttles on a host's endpoints (for every instance) and forgets this instance's ejection of it, so its
     * results count again at once; other instances' ejections of it only stop ignoring late results when they run out.
     * Then looks for the deliveries made due.
     */
    public HostThrottles.Released releaseHost(String host) {
        HostThrottles.Released released = hosts.releaseHost(host);
        hostEjection.forget(host);
        Log.infof("Host %s released: %d endpoints no longer throttled, %d deliveries due now", host,
                released.endpoints(), released.deliveries());
        wake();
        return released;
    }

    /** @return requests started and not yet recorded, held failures aside */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return failed attempts whose record waits while fresh deliveries are being sent */
    public int heldFailures() {
        return held.size();
    }

    private void dispatch() {
        long forgotAt = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() - forgotAt > TimeUnit.SECONDS.toNanos(10)) {
                    // here, on the only thread that admits, so no slot is dropped while being taken
                    forgetIdleEndpoints();
                    forgotAt = System.nanoTime();
                }
                claimWhileSlotsAreFree();
            } catch (RuntimeException e) {
                Log.warnf(e, "Claiming due deliveries failed");
            }
            try {
                // an endpoint over its rate has due deliveries that become sendable within milliseconds
                wake.tryAcquire(rateLimited ? 20 : 1000, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void claimWhileSlotsAreFree() {
        rateLimited = false;
        while (running) {
            applySpeeds();
            int busy = inFlight.get();
            int free = maxInFlight - busy;
            // while many requests are running, wait for more of them to finish so claims stay large and cheap
            if (free <= 0 || (busy > 0 && free < Math.min(batchSize, maxInFlight) / 4)) {
                return;
            }
            int want = Math.min(free, batchSize);
            long t0 = System.nanoTime();
            List<DeliveryTask> tasks = claims.claim(want, maxPerEndpoint, admission, lease);
            metrics.timer("newshound.webhook.claim").record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            metrics.summary("newshound.webhook.claim.size").record(tasks.size());
            inFlight.addAndGet(tasks.size());
            backlog = tasks.size() >= want;
            for (DeliveryTask task : tasks) {
                EndpointSlots slots = endpoints.get(task.endpointId());
                boolean slow = slots != null && slots.slow();
                send(task, slow).whenComplete((result, failure) -> {
                    AttemptResult r = result != null ? result : unexpected(failure);
                    if (slow) {
                        slowInFlight.decrementAndGet();
                    }
                    if (r.receiverMs() != null) {
                        speeds.add(new Speed(task.endpointId(), r.receiverMs() >= slowAfterMs));
                    }
                    completed.add(new Completed(task, r));
                });
            }
            if (tasks.size() < want) {
                return;
            }
        }
    }

    /** Moves endpoints between the lanes by how fast they last answered; on the dispatcher, between claims. */
    private void applySpeeds() {
        for (Speed s; (s = speeds.poll()) != null;) {
            EndpointSlots slots = endpoints.get(s.endpointId());
            if (slots != null) {
                slots.slow(s.slow());
            }
        }
    }

    private CompletableFuture<AttemptResult> send(DeliveryTask task, boolean slowLane) {
        try {
            return sender.send(task, slowLane);
        } catch (RuntimeException e) {
            // never leave a claimed slot counted as busy: an unexpected failure is recorded as a failed attempt
            return CompletableFuture.completedFuture(unexpected(e));
        }
    }

    private static AttemptResult unexpected(Throwable e) {
        return new AttemptResult(Instant.now(), null, 0, e.toString(), null);
    }

    private void recordResults() {
        List<Completed> batch = new ArrayList<>(batchSize);
        List<Completed> write = new ArrayList<>(batchSize);
        while (running || !completed.isEmpty() || !held.isEmpty()) {
            try {
                Completed first = completed.poll(held.isEmpty() ? 500 : 20, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    // results arrive in bursts: waiting a few milliseconds for the rest of one makes the statement
                    // carry many rows instead of a few, which is where its cost per row drops
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                    while (batch.size() < batchSize && System.nanoTime() < until) {
                        completed.drainTo(batch, batchSize - batch.size());
                        if (batch.size() < batchSize) {
                            Completed next = completed.poll(1, TimeUnit.MILLISECONDS);
                            if (next != null) {
                                batch.add(next);
                            }
                        }
                    }
                    batch.forEach(k -> count(k.result()));
                    holdOrWrite(batch, write);
                }
                // held failures go out once no fresh deliveries wait, or once they have waited long enough
                write.addAll(held.due(backlog && running, System.nanoTime(), batchSize - write.size()));
                if (!write.isEmpty()) {
                    long t0 = System.nanoTime();
                    Set<UUID> opened = records.record(write);
                    if (!opened.isEmpty()) {
                        metrics.counter("newshound.webhook.circuit_opens").increment(opened.size());
                    }
                    metrics.timer("newshound.webhook.record").record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                    metrics.summary("newshound.webhook.record.size").record(write.size());
                }
                ejectFailingHosts(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the leases run out and the attempts are made again: at least once, never lost
                Log.warnf(e, "Could not record %d attempts", write.size());
            } finally {
                for (Completed k : batch) {
                    EndpointSlots slots = endpoints.get(k.task().endpointId());
                    if (slots != null) {
                        slots.finished();
                    }
                }
                inFlight.addAndGet(-batch.size());
                if (!batch.isEmpty()) {
                    wake();
                }
                batch.clear();
                write.clear();
            }
        }
    }

    /**
     * Splits finished attempts into those to write now and failures to hold while fresh deliveries wait. A failure is
     * held only if writing it merely reschedules its delivery and its endpoint's failures in a row stay below the
     * circuit's threshold; any other result of an endpoint is written together with the endpoint's held failures, so
     * its failing state is always written in attempt order.
     */
    private void holdOrWrite(List<Completed> batch, List<Completed> write) {
        boolean holding = held.enabled() && backlog && running;
        long now = System.nanoTime();
        int newlyHeld = 0;
        for (Completed k : batch) {
            UUID endpoint = k.task().endpointId();
            EndpointSlots slots = endpoints.get(endpoint);
            int inARow = slots == null ? 0 : slots.attempted(k.result().succeeded());
            if (holding && slots != null && inARow < circuitAfter && AttemptRecords.onlyReschedules(k.result())) {
                held.hold(k, now);
                newlyHeld++;
            } else {
                write.addAll(held.takeFor(endpoint));
                write.add(k);
            }
        }
        if (newlyHeld > 0) {
            metrics.counter("newshound.webhook.failures_held").increment(newlyHeld);
        }
    }

    /**
     * Counts the recorded attempts per host, in completion order, and ejects the hosts that reached the limit. Requests
     * in flight to a host when it is ejected complete and are recorded as usual.
     */
    private void ejectFailingHosts(List<Completed> batch) {
        if (!hostEjection.enabled()) {
            return;
        }
        for (Completed k : batch) {
            HostEjection.Outcome outcome = HostEjection.outcome(k.task(), k.result());
            if (outcome == HostEjection.Outcome.NONE
                    || (outcome == HostEjection.Outcome.UP && hostEjection.size() == 0)) {
                continue; // no URL to parse: nothing would change
            }
            String host = HostEjection.hostOf(k.task().url());
            hostEjection.onAttempt(host, outcome, System.nanoTime()).ifPresent(this::eject);
        }
        long now = System.nanoTime();
        if (now - hostsForgottenAt > TimeUnit.SECONDS.toNanos(10)) {
            hostEjection.forgetIdle(now);
            hostsForgottenAt = now;
        }
    }

    private void eject(HostEjection.Ejection ejection) {
        try {
            HostThrottles.Ejected ejected = hosts.ejectHost(ejection.host(), ejection.duration(), ejectionSpread);
            metrics.counter("newshound.webhook.host_ejections").increment();
            Log.warnf("Host %s ejected until %s: its attempts keep failing (%d endpoints throttled, %d deliveries"
                    + " waiting, ejection %d in a row)", ejection.host(), Instant.now().plus(ejection.duration()),
                    ejected.endpoints(), ejected.deliveries(), ejection.inARow());
        } catch (RuntimeException e) {
            // its deliveries are still sent and recorded as usual: after the ejection time the next failure tries again
            Log.warnf(e, "Could not eject host %s", ejection.host());
        }
    }

    private final DeliveryClaims.Admission admission = new DeliveryClaims.Admission() {
        @Override
        public boolean admit(UUID endpointId, Double rateLimitPerSecond) {
            EndpointSlots slots = endpoints.computeIfAbsent(endpointId, k -> new EndpointSlots());
            if (slots.slow() && slowInFlight.get() >= maxSlowInFlight) {
                return false;
            }
            double rate = rateLimitPerSecond != null ? rateLimitPerSecond : defaultRate;
            return switch (slots.take(maxPerEndpoint, rate, System.nanoTime())) {
                case TAKEN -> {
                    if (slots.slow()) {
                        slowInFlight.incrementAndGet();
                    }
                    yield true;
                }
                case BUSY -> false;
                case OVER_RATE -> {
                    rateLimited = true;
                    yield false;
                }
            };
        }

        @Override
        public void release(UUID endpointId) {
            EndpointSlots slots = endpoints.get(endpointId);
            if (slots != null) {
                slots.giveBack();
                if (slots.slow()) {
                    slowInFlight.decrementAndGet();
                }
            }
        }
    };

    /** Whether an endpoint's last answer took at least the slow receiver time. */
    private record Speed(UUID endpointId, boolean slow) {
    }

    private void forgetIdleEndpoints() {
        long now = System.nanoTime();
        endpoints.entrySet().removeIf(e -> e.getValue().idleSince(now) > TimeUnit.SECONDS.toNanos(60));
    }

    private void count(AttemptResult result) {
        String outcome = result.succeeded() ? "success" : result.status() == null ? "no-response" : "http-error";
        String status = result.status() == null ? "none" : Integer.toString(result.status());
        metrics.counter("newshound.webhook.attempts", "outcome", outcome, "status", status).increment();
        metrics.timer("newshound.webhook.latency", "outcome", outcome).record(Duration.ofMillis(result.latencyMs()));
        if (result.receiverMs() != null) {
            // time spent queued for a pooled connection: a host's pool that slow requests fill shows here
            metrics.timer("newshound.webhook.connection_wait")
                    .record(Duration.ofMillis(Math.max(0, result.latencyMs() - result.receiverMs())));
        }
    }

    /** Stops claiming, and writes what has already been sent. */
    @PreDestroy
    public void stop() {
        running = false;
        if (dispatcher != null) {
            dispatcher.interrupt();
        }
        if (recorder != null) {
            try {
                recorder.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    enum Take {
        TAKEN, BUSY, OVER_RATE
    }

    /**
     * Requests in flight to one endpoint and its token bucket: refilled at the endpoint's rate, holding at most one
     * second's worth (at least one request), so bursts stay short.
     */
    static final class EndpointSlots {
        private int inFlight;
        private double tokens = Double.NaN;
        private long refilledAt;
        private long lastUsed;
        /** changed only by the dispatcher, between claims */
        private boolean slow;
        /** failed attempts since the last success, as this instance saw them; changed only by the recorder */
        private int failedInARow;

        synchronized Take take(int maxInFlight, double ratePerSecond, long now) {
            if (inFlight >= maxInFlight) {
                return Take.BUSY;
            }
            double capacity = Math.max(1, ratePerSecond);
            if (Double.isNaN(tokens)) {
                tokens = capacity;
            } else {
                tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
            }
            refilledAt = now;
            lastUsed = now;
            if (tokens < 1) {
                return Take.OVER_RATE;
            }
            tokens -= 1;
            inFlight++;
            return Take.TAKEN;
        }

        synchronized void giveBack() {
            inFlight--;
            tokens += 1;
        }

        synchronized void finished() {
            inFlight--;
        }

        /** @return failed attempts in a row, this one included */
        synchronized int attempted(boolean succeeded) {
            failedInARow = succeeded ? 0 : failedInARow + 1;
            return failedInARow;
        }

        synchronized boolean slow() {
            return slow;
        }

        synchronized void slow(boolean slow) {
            this.slow = slow;
        }

        synchronized long idleSince(long now) {
            return inFlight > 0 ? 0 : now - lastUsed;
        }
    }
}
