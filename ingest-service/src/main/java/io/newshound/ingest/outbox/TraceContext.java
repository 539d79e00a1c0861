package io.newshound.ingest.outbox;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * A W3C trace context as stored in an outbox row: written from the current OpenTelemetry context, read back by the
 * relay as the parent of the publishing span. Parsing and formatting are the OpenTelemetry propagator's.
 *
 * @param traceparent
 *            the {@code traceparent} header value, null when no trace is active (tracing off)
 * @param tracestate
 *            the {@code tracestate} header value, null when empty
 */
record TraceContext(String traceparent, String tracestate) {

    static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<TraceContext> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return java.util.List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? carrier.traceparent : TRACESTATE.equals(key) ? carrier.tracestate : null;
        }
    };

    /** @return the context of the current span, or an empty one when none is recording or sampled */
    static TraceContext current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return new TraceContext(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** @return this context as the parent for a new span (the root context when empty) */
    Context asParent() {
        return traceparent == null ? Context.root() : W3C.extract(Context.root(), this, GETTER);
    }

    /** Writes the given context into Kafka record headers ({@code traceparent}, {@code tracestate}). */
    static void inject(Context context, Headers headers) {
        W3C.inject(context, headers, (h, key, value) -> {
            h.remove(key);
            h.add(key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    }
}
