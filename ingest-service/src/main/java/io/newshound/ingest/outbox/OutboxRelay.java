package io.newshound.ingest.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.MDC;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.newshound.ingest.config.IngestConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * Relays outbox rows to Kafka, in parallel by key slot and in commit order within each slot.
 *
 * <p>
 * Every row carries a slot, a fixed hash range of its record key ({@code key_slot}, 64 of them), so all events of one
 * article share a slot. Each of this replica's {@code workers} relay workers offers to take the slots whose number
 * modulo the worker count is its index, and takes those whose transaction-scoped advisory lock it gets: one worker
 * across all replicas holds a slot at a time, whatever worker counts the replicas run, so events of one article are
 * never reordered while different articles are published side by side. A worker publishes its oldest pending rows (by
 * id, which for one article is commit order, since its writes serialise on the article's row) with one shared
 * idempotent producer, waits for the broker's acknowledgements and then marks the acknowledged rows with one
 * {@code UPDATE}, in the transaction that holds the locks.
 *
 * <p>
 * Crashes: a row is marked published only after the broker acknowledged it, and the mark commits with the slot locks
 * released; a crash or failover before that commit leaves the rows pending, the next holder of the slot publishes them
 * again in the same order, and consumers dedupe on the {@code event-id} header (their inbox), so nothing is lost and no
 * event takes effect twice. The only copies on the log are those of the batch in flight at the crash.
 */
@ApplicationScoped
public class OutboxRelay {

    /**
     * Advisory lock id of the single relay before slots ("newshound outbox"): workers hold it shared, so a replica
     * still relaying alone (exclusively) during a rolling upgrade never runs beside them.
     */
    private static final long RELAY_LOCK = 0x6e68_6f75_7462_6f78L;
    /** First key of the two-key advisory locks of the slots ("nhob"); the second is the slot. */
    private static final int SLOT_LOCK_CLASS = 0x6e68_6f62;
    /** Number of key slots, as computed by the {@code key_slot} column. */
    static final int SLOTS = 64;

    private final EntityManager em;
    private final IngestConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final Timer lag;
    private final Tracer tracer;
    private final MeterRegistry meters;
    private final List<Worker> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running;
    private KafkaProducer<String, String> producer;
    private KafkaClientMetrics producerMetrics;

    public OutboxRelay(EntityManager em, IngestConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Clock clock, MeterRegistry meters,
            Tracer tracer) {
        this.em = em;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.clock = clock;
        this.meters = meters;
        this.tracer = tracer;
        this.published = meters.counter("newshound.outbox.published");
        this.failures = meters.counter("newshound.outbox.failures");
        this.lag = Timer.builder("newshound.outbox.lag").description("From outbox write to broker acknowledgement")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.outbox().enabled()) {
            return;
        }
        Map<String, Object> props = new java.util.HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.startsWith("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.")
                    || k.startsWith("ssl.")) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.outbox().sendTimeout().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(config.outbox().sendTimeout().toMillis() / 2, 15_000));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.outbox().sendTimeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-outbox-relay");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        // the relay's own producer is not one the messaging extension binds: its client metrics are bound here
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(meters);
        workers.clear();
        running = true;
        int count = Math.max(1, Math.min(SLOTS, config.outbox().workers()));
        for (int index = 0; index < count; index++) {
            List<Integer> slots = new ArrayList<>();
            for (int slot = index; slot < SLOTS; slot += count) {
                slots.add(slot);
            }
            Worker worker = new Worker(slots);
            workers.add(worker);
            worker.thread = new Thread(worker::run, "outbox-relay-" + index);
            worker.thread.setDaemon(true);
            worker.thread.start();
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        workers.forEach(worker -> worker.wakeUp.release());
        for (Worker worker : workers) {
            try {
                worker.thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producerMetrics.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** @return whether this replica relays (configured to, and every worker thread is alive) */
    public boolean isRelaying() {
        return running && !workers.isEmpty() && workers.stream().allMatch(w -> w.thread.isAlive());
    }

    /** @return whether this replica is configured to relay the outbox */
    public boolean isEnabled() {
        return config.outbox().enabled();
    }

    /** @return time since the stalest worker last began a round (a round waits for the broker at most a few minutes) */
    public Duration sinceLastRound() {
        long now = System.nanoTime();
        return Duration.ofNanos(workers.stream().mapToLong(w -> now - w.roundStartedNanos).max().orElse(0));
    }

    /**
     * @return the longest a healthy round takes: a transaction that waits for acknowledgements (send timeout plus its
     *         30 s margin) and then the longest backoff (30 s)
     */
    public Duration longestRound() {
        return config.outbox().sendTimeout().plusSeconds(60);
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        workers.forEach(worker -> worker.wakeUp.release());
    }

    /**
     * Publishes the oldest pending events of every slot, up to one batch per slot group, and marks the acknowledged
     * ones published: one round of each worker's share, for tests and for draining by hand.
     *
     * @return how many events were published, and whether one failed (it and those after it in its slots stay pending)
     */
    Drain drainOnce() {
        int count = Math.max(1, Math.min(SLOTS, config.outbox().workers()));
        int done = 0;
        boolean failed = false;
        for (int index = 0; index < count; index++) {
            List<Integer> slots = new ArrayList<>();
            for (int slot = index; slot < SLOTS; slot += count) {
                slots.add(slot);
            }
            Drain drain = drainSlots(slots);
            done += drain.published();
            failed |= drain.failed();
        }
        return new Drain(done, failed);
    }

    private Drain drainSlots(List<Integer> slots) {
        return QuarkusTransaction.requiringNew().timeout((int) config.outbox().sendTimeout().toSeconds() + 30)
                .call(() -> drainInTransaction(slots));
    }

    private Drain drainInTransaction(List<Integer> offered) {
        Boolean shared = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock_shared(:lock)")
                .setParameter("lock", RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(shared)) {
            return new Drain(0, false);
        }
        @SuppressWarnings("unchecked")
        List<Number> locked = em.createNativeQuery("""
                select s from unnest(cast(:slots as int[])) as s
                where pg_try_advisory_xact_lock(:lockClass, s)""")
                .setParameter("slots", offered.toArray(Integer[]::new)).setParameter("lockClass", SLOT_LOCK_CLASS)
                .getResultList();
        if (locked.isEmpty()) {
            return new Drain(0, false);
        }
        List<Short> slots = locked.stream().map(Number::shortValue).toList();
        List<OutboxEvent> batch = em.createQuery(
                "from OutboxEvent where publishedAt is null and keySlot in :slots order by id", OutboxEvent.class)
                .setParameter("slots", slots).setHint(HibernateHints.HINT_READ_ONLY, true)
                .setMaxResults(config.outbox().batchSize()).getResultList();
        if (batch.isEmpty()) {
            return new Drain(0, false);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        Span[] spans = new Span[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent row = batch.get(i);
            RecordHeaders headers = new RecordHeaders();
            headers.add("event-type", row.eventType.getBytes(StandardCharsets.UTF_8));
            headers.add("event-id", row.eventId.toString().getBytes(StandardCharsets.UTF_8));
            spans[i] = publishSpan(row);
            TraceContext.inject(io.opentelemetry.context.Context.root().with(spans[i]), headers);
            acks.add(producer.send(new ProducerRecord<>(row.topic, null, row.recordKey, row.payload, headers)));
        }
        List<Long> acknowledged = new ArrayList<>(batch.size());
        Instant now = null;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent row = batch.get(i);
            try {
                acks.get(i).get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                now = Instant.now(clock);
                lag.record(Duration.between(row.createdAt, now));
                spans[i].end();
                acknowledged.add(row.id);
            } catch (Exception e) {
                // keep order: this row and everything after it stay pending and are retried together
                em.createQuery("update OutboxEvent set attempts = attempts + 1, lastError = :error where id = :id")
                        .setParameter("error", e.toString()).setParameter("id", row.id).executeUpdate();
                spans[i].setStatus(StatusCode.ERROR, e.toString());
                for (int j = i + 1; j < batch.size(); j++) {
                    acks.get(j).cancel(false);
                }
                for (int j = i; j < batch.size(); j++) {
                    spans[j].end();
                }
                MDC.put("articleId", row.recordKey);
                Log.warnf("Outbox event %s not acknowledged (%s); %d of %d published", row.eventId, e,
                        acknowledged.size(), batch.size());
                MDC.remove("articleId");
                break;
            }
        }
        if (!acknowledged.isEmpty()) {
            // one statement and one bound array for the whole acknowledged batch
            em.createNativeQuery("""
                    update outbox_event set published_at = :now, attempts = attempts + 1
                    where id = any(cast(:ids as bigint[]))""")
                    .setParameter("now", now).setParameter("ids", acknowledged.toArray(Long[]::new)).executeUpdate();
        }
        published.increment(acknowledged.size());
        return new Drain(acknowledged.size(), acknowledged.size() < batch.size());
    }

    /**
     * A producer span continuing the trace of the request that wrote the row; its context goes onto the record, so the
     * consumers continue the same trace. Without a stored trace (tracing off when the row was written) the record gets
     * no trace headers.
     */
    private Span publishSpan(OutboxEvent row) {
        if (row.traceparent == null) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(row.topic + " publish").setSpanKind(SpanKind.PRODUCER)
                .setParent(new TraceContext(row.traceparent, row.tracestate).asParent())
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", row.topic)
                .setAttribute("messaging.message.id", row.eventId.toString()).startSpan();
    }

    /** Deletes events published longer ago than the retention; they only serve as an audit trail until then. */
    @Scheduled(every = "${newshound.ingest.outbox.prune-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prunePublished() {
        Instant cutoff = Instant.now(clock).minus(config.outbox().retention());
        int deleted = QuarkusTransaction.requiringNew().call(() -> em
                .createQuery("delete from OutboxEvent where publishedAt < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
        if (deleted > 0) {
            Log.debugf("Pruned %d published outbox events", deleted);
        }
    }

    record Drain(int published, boolean failed) {
    }

    /** One relay thread and the key slots it offers to take. */
    private final class Worker {
        private final List<Integer> slots;
        private final Semaphore wakeUp = new Semaphore(0);
        private Thread thread;
        /** when this worker last began a round; read by the relay's liveness check */
        private volatile long roundStartedNanos = System.nanoTime();

        Worker(List<Integer> slots) {
            this.slots = slots;
        }

        void run() {
            Duration backoff = config.outbox().pollInterval();
            while (running) {
                roundStartedNanos = System.nanoTime();
                try {
                    Drain drain = drainSlots(slots);
                    if (drain.failed()) {
                        throw new IllegalStateException("the broker did not acknowledge every event");
                    }
                    backoff = config.outbox().pollInterval();
                    if (drain.published() < config.outbox().batchSize()) {
                        wakeUp.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                        wakeUp.drainPermits();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    failures.increment();
                    Log.warnf("Outbox relay worker failed, retrying in %s: %s", backoff, e.toString());
                    try {
                        wakeUp.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                            ? Duration.ofSeconds(30)
                            : backoff.multipliedBy(2);
                }
            }
        }
    }
}
