package io.newshound.classifier.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Continues the trace of a consumed record: the span classifying it is a child of the W3C context in the record's
 * headers, and the record published for it carries that span's context. The batch and its Kafka transaction serve many
 * traces at once, so each record gets its own span rather than one span for the batch.
 */
@ApplicationScoped
public class RecordTrace {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header h = carrier == null ? null : carrier.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;

    public RecordTrace(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Starts the span that classifies one record, in the record's trace. A record without trace context gets no span:
     * the invalid span, which has no context to pass on.
     *
     * @return the started span; the caller ends it
     */
    public Span start(Headers headers, String topic) {
        Context parent = W3C.extract(Context.root(), headers, KAFKA_HEADERS);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(topic + " process").setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", topic)
                .startSpan();
    }

    /** @return the W3C headers ({@code traceparent}, {@code tracestate}) that continue the span's trace downstream */
    public static List<RecordHeader> headers(Span span) {
        List<RecordHeader> headers = new ArrayList<>(2);
        W3C.inject(Context.root().with(span), headers,
                (list, key, value) -> list.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8))));
        return headers;
    }
}
