package io.newshound.alert.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.event.ArticleClassifiedReader;
import io.newshound.alert.tracing.PipelineTrace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Consumes {@code news.articles.classified.v1} a poll at a time: each batch is stored in one transaction (see
 * {@link ArticleIntake#raiseAll(List)}), and its offsets are committed only after this method returns, i.e. after that
 * transaction has committed and any poison record has been written to the dead-letter topic. A crash at any point
 * redelivers the batch, whose inbox rows then make the part already stored a no-op.
 *
 * <p>
 * A record that cannot be read goes straight to {@code news.articles.classified.v1.dlq}. A batch that fails to store is
 * retried a few times as a whole (the database restarting, say), each try its own transaction, so a short outage does
 * not send good records to the dead-letter topic; if it still fails it is split in halves that are stored on their own,
 * down to the single record that fails, which is dead-lettered while its batch-mates are stored.
 *
 * <p>
 * Each event is stored in its own record's trace: a consumer span, child of the W3C context the record carries, is
 * current while that event's alerts and deliveries are written, so each delivery row keeps its article's trace.
 */
@ApplicationScoped
public class ClassifiedArticleConsumer {

    /** Retries of a failed batch: 1 s, 2 s and 4 s apart, then the batch is split. */
    private static final int STORE_RETRIES = 3;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final ArticleClassifiedReader reader;
    private final ArticleIntake alerts;
    private final MutinyEmitter<String> deadLetters;
    private final MeterRegistry metrics;
    private final Tracer tracer;

    public ClassifiedArticleConsumer(ArticleClassifiedReader reader, ArticleIntake alerts,
            @Channel("articles-classified-dlq") MutinyEmitter<String> deadLetters, MeterRegistry metrics,
            Tracer tracer) {
        this.reader = reader;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /** Stores one poll's records; runs on a worker thread, one batch at a time. */
    @Incoming("articles-classified")
    public void consume(ConsumerRecords<String, String> records) {
        List<Read> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                batch.add(new Read(record, reader.read(record.value())));
            } catch (RuntimeException e) {
                deadLetter(record, e);
            }
        }
        if (!batch.isEmpty()) {
            storeRetrying(batch);
        }
    }

    private void storeRetrying(List<Read> batch) {
        Duration pause = FIRST_RETRY;
        for (int attempt = 0;; attempt++) {
            try {
                store(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == STORE_RETRIES) {
                    Log.warnf("Storing a batch of %d event(s) failed %d times (%s); splitting it", batch.size(),
                            attempt + 1, e);
                    split(batch, e);
                    return;
                }
                Log.warnf("Storing a batch of %d event(s) failed (%s); retrying in %s", batch.size(), e, pause);
                pause(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** Stores each half on its own, splitting further down to the record that fails, which is dead-lettered. */
    private void split(List<Read> batch, RuntimeException failure) {
        if (batch.size() == 1) {
            deadLetter(batch.get(0).record(), failure);
            return;
        }
        int half = batch.size() / 2;
        for (List<Read> part : List.of(batch.subList(0, half), batch.subList(half, batch.size()))) {
            try {
                store(part);
            } catch (RuntimeException e) {
                split(part, e);
            }
        }
    }

    private void store(List<Read> batch) {
        Map<UUID, Context> traces = new HashMap<>();
        List<Span> spans = new ArrayList<>();
        for (Read read : batch) {
            Context context = PipelineTrace.ofRecord(read.record().headers(), read.event().acceptedAt());
            Span span = Span.fromContext(context).getSpanContext().isValid()
                    ? tracer.spanBuilder(read.record().topic() + " process").setSpanKind(SpanKind.CONSUMER)
                            .setParent(context).setAttribute("messaging.system", "kafka")
                            .setAttribute("messaging.destination.name", read.record().topic()).startSpan()
                    : Span.getInvalid();
            spans.add(span);
            traces.put(read.event().eventId(), context.with(span));
        }
        try {
            alerts.raiseAll(batch.stream().map(Read::event).toList(),
                    event -> traces.getOrDefault(event.eventId(), Context.root()));
        } finally {
            spans.forEach(Span::end);
        }
        metrics.counter("newshound.events.consumed").increment(batch.size());
    }

    /** Writes the record to the dead-letter topic, key and value as they came, and waits for the broker's ack. */
    private void deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
        Log.errorf("Record %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-cause", reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition",
                String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata
                .<String>builder().withKey(record.key()).withHeaders(headers).build()));
        metrics.counter("newshound.events.dead-lettered").increment();
    }

    private static void pause(Duration pause) {
        try {
            // jitter so that replicas hitting the same outage do not retry in step
            TimeUnit.MILLISECONDS.sleep(pause.toMillis() + (long) (Math.random() * pause.toMillis() / 4));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    /** A record and the event read from it. */
    private record Read(ConsumerRecord<String, String> record, ArticleClassified event) {
    }
}
