package io.newshound.alert.tracing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * What an event brings along besides its data: the W3C trace context of the record (from its headers) and the time
 * ingest-service accepted the article. Both live in the OpenTelemetry {@link Context} while the event is stored, so the
 * deliveries queued for it pick them up ({@link #current()}) without every method in between passing them on. Parsing
 * and formatting of the headers are the OpenTelemetry W3C propagator's.
 */
public final class PipelineTrace {

    /** The W3C headers carried on records, delivery rows and webhooks. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final ContextKey<Instant> ACCEPTED_AT = ContextKey.named("newshound-accepted-at");

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

    private static final TextMapGetter<Carried> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Carried carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Carried carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return TRACEPARENT.equals(key)
                    ? carrier.traceparent()
                    : TRACESTATE.equals(key) ? carrier.tracestate() : null;
        }
    };

    private PipelineTrace() {
    }

    /**
     * @param headers
     *            the consumed record's headers; their W3C trace context (if any) becomes the parent
     * @param acceptedAt
     *            when ingest-service accepted the article, null if the event did not say
     * @return a context to make current while the event is stored
     */
    public static Context ofRecord(Headers headers, Instant acceptedAt) {
        Context context = headers == null ? Context.root() : W3C.extract(Context.root(), headers, KAFKA_HEADERS);
        return acceptedAt == null ? context : context.with(ACCEPTED_AT, acceptedAt);
    }

    /** @return the trace context and accept time of the event being stored on this thread */
    public static Carried current() {
        Context context = Context.current();
        Map<String, String> w3c = new HashMap<>(2);
        W3C.inject(context, w3c, Map::put);
        return new Carried(w3c.get(TRACEPARENT), w3c.get(TRACESTATE), context.get(ACCEPTED_AT));
    }

    /**
     * What a delivery row keeps of its event.
     *
     * @param traceparent
     *            W3C {@code traceparent}, null without a trace
     * @param tracestate
     *            W3C {@code tracestate}, null when empty
     * @param acceptedAt
     *            when the article was accepted, null for digests and events that did not say
     */
    public record Carried(String traceparent, String tracestate, Instant acceptedAt) {

        /** @return this trace context as a parent for a span (the root context without one) */
        public Context asParent() {
            return traceparent == null ? Context.root() : W3C.extract(Context.root(), this, STORED);
        }

        /** Writes a span's trace context as W3C headers. */
        public static void inject(Span span, BiConsumer<String, String> headers) {
            W3C.inject(Context.root().with(span), headers, (h, key, value) -> h.accept(key, value));
        }
    }
}
