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
 * Relays outbox rows to Kafka in commit order. One relay at a time across all replicas drains the outbox (a
 * transaction-scoped advisory lock), so events of one article are never reordered; a row is marked published only after
 * the broker acknowledged it, so a crash at any point republishes at worst (consumers dedupe on event id).
 */
@ApplicationScoped
public class OutboxRelay {

    /** Advisory lock id shared by every replica's relay ("newshound outbox"). */
    private static final long RELAY_LOCK = 0x6e68_6f75_7462_6f78L;

    private final EntityManager em;
    private final IngestConfig config;
    private final Map<String, Object> kafkaConfig;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private final Timer lag;
    private final Tracer tracer;
    private final MeterRegistry meters;
    private KafkaClientMetrics producerMetrics;
    private volatile boolean running;
    /** when the relay thread last began a round; read by its liveness check */
    private volatile long roundStartedNanos = System.nanoTime();
    private Thread worker;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(EntityManager em, IngestConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Clock clock, MeterRegistry meters,
            Tracer tracer) {
        this.em = em;
        this.tracer = tracer;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.clock = clock;
        this.meters = meters;
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
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wakeUp.release();
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producerMetrics.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** @return whether this replica relays (configured to, and its thread is alive) */
    public boolean isRelaying() {
        return running && worker != null && worker.isAlive();
    }

    /** @return whether this replica is configured to relay the outbox */
    public boolean isEnabled() {
        return config.outbox().enabled();
    }

    /** @return time since the relay thread last began a round (a round waits for the broker at most a few minutes) */
    public Duration sinceLastRound() {
        return Duration.ofNanos(System.nanoTime() - roundStartedNanos);
    }

    /**
     * @return the longest a healthy round takes: a transaction that waits for acknowledgements (send timeout plus its
     *         30 s margin) and then the longest backoff (30 s)
     */
    public Duration longestRound() {
        return config.outbox().sendTimeout().plusSeconds(60);
    }

    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wakeUp.release();
    }

    private void run() {
        Duration backoff = config.outbox().pollInterval();
        while (running) {
            roundStartedNanos = System.nanoTime();
            try {
                Drain drain = drainOnce();
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
                Log.warnf("Outbox relay failed, retrying in %s: %s", backoff, e.toString());
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

    /**
     * Publishes the oldest pending events, up to one batch, and marks the acknowledged ones published.
     *
     * @return how many events were published, and whether one failed (it and those after it stay pending)
     */
    Drain drainOnce() {
        return QuarkusTransaction.requiringNew().timeout((int) config.outbox().sendTimeout().toSeconds() + 30)
                .call(this::drainInTransaction);
    }

    private Drain drainInTransaction() {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new Drain(0, false);
        }
        List<OutboxEvent> batch = em.createQuery(
                "from OutboxEvent where publishedAt is null order by id", OutboxEvent.class)
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
        int done = 0;
        for (int i = 0; i < batch.size(); i++) {
            OutboxEvent row = batch.get(i);
            try {
                acks.get(i).get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                row.publishedAt = Instant.now(clock);
                row.attempts++;
                lag.record(Duration.between(row.createdAt, row.publishedAt));
                spans[i].end();
                done++;
            } catch (Exception e) {
                // keep order: this row and everything after it stay pending and are retried together
                row.attempts++;
                row.lastError = e.toString();
                spans[i].setStatus(StatusCode.ERROR, e.toString());
                for (int j = i + 1; j < batch.size(); j++) {
                    acks.get(j).cancel(false);
                }
                for (int j = i; j < batch.size(); j++) {
                    spans[j].end();
                }
                MDC.put("articleId", row.recordKey);
                Log.warnf("Outbox event %s not acknowledged (%s); %d of %d published", row.eventId, e, done,
                        batch.size());
                MDC.remove("articleId");
                break;
            }
        }
        published.increment(done);
        return new Drain(done, done < batch.size());
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
}
