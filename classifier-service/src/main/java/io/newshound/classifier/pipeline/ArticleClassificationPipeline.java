package io.newshound.classifier.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.classifier.classification.Classification;
import io.newshound.classifier.classification.Classifier;
import io.newshound.classifier.config.ClassifierConfig;
import io.newshound.classifier.event.ArticleClassified;
import io.newshound.classifier.event.ArticleIngested;
import io.newshound.classifier.event.ClassifiedEventId;
import io.newshound.classifier.event.EventHeaders;
import io.newshound.classifier.observability.ClassificationMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;

/**
 * Consumes {@code article.ingested.v1} in batches and, inside one Kafka transaction per batch, publishes an
 * {@code article.classified.v1} for each good record, sends each poison record (not JSON, missing required fields,
 * failing classification) unchanged to the dead-letter topic with the reason in its headers, and commits the consumed
 * offsets. Either all of it becomes visible to {@code read_committed} consumers or none of it; an aborted transaction
 * rewinds the consumer to the last committed offsets, and the deterministic event id makes even a replay that escapes
 * the transaction harmless downstream.
 */
@ApplicationScoped
public class ArticleClassificationPipeline {

    private final KafkaTransactions<String> out;
    private final Classifier classifier;
    private final ObjectMapper json;
    private final String deadLetterTopic;
    private final Counter classified;
    private final Counter deadLettered;
    private final RecordTrace trace;
    private final ClassificationMetrics classifications;

    public ArticleClassificationPipeline(@Channel("articles-classified") KafkaTransactions<String> out,
            Classifier classifier, ObjectMapper json, ClassifierConfig config, MeterRegistry registry,
            RecordTrace trace, ClassificationMetrics classifications) {
        this.out = out;
        this.trace = trace;
        this.classifier = classifier;
        this.json = json;
        this.deadLetterTopic = config.deadLetterTopic();
        this.classified = registry.counter("newshound.classifier.articles", "outcome", "classified");
        this.deadLettered = registry.counter("newshound.classifier.articles", "outcome", "dead-lettered");
        this.classifications = classifications;
    }

    /**
     * Classifies a batch and publishes its results in one transaction. Runs on a worker thread, one batch at a time:
     * classifying a batch of 200 long articles takes tens of milliseconds of CPU, which must not hold the Kafka
     * connector's event loop (polling, the transaction's own callbacks and the other channels share it). The
     * transactional emitter notices the worker thread and keeps the transaction's steps on it.
     */
    @Incoming("articles-ingested")
    @Blocking
    public Uni<Void> classify(KafkaRecordBatch<String, String> batch) {
        List<Message<String>> outgoing = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, String> record : batch) {
            outgoing.add(process(record));
        }
        return out.withTransactionAndAck(batch, emitter -> {
            outgoing.forEach(emitter::send);
            return Uni.createFrom().voidItem();
        }).onFailure().invoke(e -> Log.warnf(e, "Transaction of %d records aborted; the batch will be read again",
                outgoing.size()));
    }

    /**
     * @return the record to publish for one consumed record: classified, or dead-lettered; either continues the
     *         record's trace, and the logs written meanwhile name the article (MDC {@code articleId})
     */
    Message<String> process(KafkaRecord<String, String> record) {
        Span span = trace.start(record.getHeaders(), record.getTopic());
        MDC.put("articleId", record.getKey() == null ? "" : record.getKey());
        try {
            return process(record, span);
        } finally {
            MDC.remove("articleId");
            span.end();
        }
    }

    private Message<String> process(KafkaRecord<String, String> record, Span span) {
        ArticleIngested article;
        try {
            article = json.readValue(record.getPayload() == null ? "" : record.getPayload(), ArticleIngested.class);
        } catch (JsonProcessingException e) {
            return deadLetter(record, "value is not an article.ingested.v1 JSON document: " + e.getOriginalMessage(),
                    e);
        }
        String missing = missingFields(article);
        if (missing != null) {
            return deadLetter(record, "missing required field(s): " + missing, null);
        }
        try {
            Classification classification = classifier.classify(article.title(), article.body(), article.language());
            ArticleClassified event = toEvent(article, classification);
            String value = json.writeValueAsString(event);
            classified.increment();
            classifications.record(classification);
            List<RecordHeader> headers = new ArrayList<>(RecordTrace.headers(span));
            headers.add(header(EventHeaders.EVENT_TYPE, ArticleClassified.TYPE));
            headers.add(header(EventHeaders.EVENT_ID, event.eventId().toString()));
            return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(article.articleId()).withHeaders(headers).build())
                    .addMetadata(TracingMetadata.withCurrent(Context.root().with(span)));
        } catch (RuntimeException | JsonProcessingException e) {
            return deadLetter(record, "classification failed: " + e, e);
        }
    }

    /**
     * Builds the classified event for an ingested article.
     *
     * @return the event with its deterministic id
     */
    public static ArticleClassified toEvent(ArticleIngested article, Classification c) {
        UUID eventId = ClassifiedEventId.of(article.eventId(), c.taxonomyVersion(), c.classifierVersion());
        return new ArticleClassified(ArticleClassified.TYPE, eventId, Instant.now(), article.articleId(),
                article.revision() == null ? 1 : article.revision(), article.eventId(),
                new ArticleClassified.Article(article.url(), article.title(), article.body() == null
                        ? ""
                        : article.body(), article.source(), article.publishedAt()),
                c.language(), c.taxonomyVersion(), c.classifierVersion(), c.topics(), article.occurredAt());
    }

    static String missingFields(ArticleIngested a) {
        List<String> missing = new ArrayList<>();
        if (blank(a.eventId())) {
            missing.add("eventId");
        }
        if (blank(a.articleId())) {
            missing.add("articleId");
        }
        if (blank(a.title())) {
            missing.add("title");
        }
        if (a.type() != null && !ArticleIngested.TYPE.equals(a.type())) {
            missing.add("type (expected " + ArticleIngested.TYPE + ", was " + a.type() + ")");
        }
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private Message<String> deadLetter(KafkaRecord<String, String> record, String reason, Throwable cause) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
        Log.warnf("Dead-lettering %s-%d@%d (key %s): %s", record.getTopic(), record.getPartition(), offset,
                record.getKey(), reason);
        deadLettered.increment();
        List<RecordHeader> headers = new ArrayList<>();
        for (Header h : record.getHeaders()) {
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        headers.add(header(EventHeaders.DEAD_LETTER_REASON, reason));
        if (cause != null) {
            headers.add(header(EventHeaders.DEAD_LETTER_CAUSE, cause.getClass().getName()));
        }
        headers.add(header(EventHeaders.DEAD_LETTER_TOPIC, record.getTopic()));
        headers.add(header(EventHeaders.DEAD_LETTER_PARTITION, Integer.toString(record.getPartition())));
        headers.add(header(EventHeaders.DEAD_LETTER_OFFSET, Long.toString(offset)));
        return Message.of(record.getPayload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(deadLetterTopic).withKey(record.getKey()).withHeaders(headers).build());
    }

    private static RecordHeader header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
