package io.newshound.ingest.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes events into the outbox inside the caller's transaction, so an event exists exactly when the change that caused
 * it was committed. The {@link OutboxRelay} publishes them. Each row keeps the trace context of the writing request, so
 * the trace continues on the Kafka record.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Event<OutboxWritten> written;
    private final Clock clock;

    public Outbox(EntityManager em, ObjectMapper json, Event<OutboxWritten> written, Clock clock) {
        this.em = em;
        this.json = json;
        this.written = written;
        this.clock = clock;
    }

    /**
     * An event to add.
     *
     * @param eventId
     *            the event's idempotency key
     * @param type
     *            the event's stable type string
     * @param topic
     *            the Kafka topic
     * @param key
     *            the record key (the aggregate id, so one aggregate's events stay in order)
     * @param event
     *            the event, serialised to JSON when added
     */
    public record Pending(UUID eventId, String type, String topic, String key, Object event) {
    }

    /**
     * Adds events to the outbox of the current transaction, in order, with one statement.
     *
     * @param events
     *            the events
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addAll(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Pending e = events.get(i);
            ids[i] = e.eventId();
            types[i] = e.type();
            topics[i] = e.topic();
            keys[i] = e.key();
            try {
                payloads[i] = json.writeValueAsString(e.event());
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("cannot serialise " + e.type(), ex);
            }
        }
        TraceContext trace = TraceContext.current();
        // unnest keeps the array order, and ids come from the sequence in that order
        em.createNativeQuery(
                """
                        insert into outbox_event (event_id, event_type, topic, record_key, payload, created_at,
                            traceparent, tracestate)
                        select e, t, p, k, v, :now, :traceparent, :tracestate from unnest(cast(:ids as uuid[]), cast(:types as text[]),
                            cast(:topics as text[]), cast(:keys as text[]), cast(:payloads as text[]))
                            with ordinality as x(e, t, p, k, v, n) order by n""")
                .setParameter("ids", ids).setParameter("types", types).setParameter("topics", topics)
                .setParameter("keys", keys).setParameter("payloads", payloads)
                .setParameter("now", Instant.now(clock))
                .setParameter("traceparent", trace.traceparent()).setParameter("tracestate", trace.tracestate())
                .executeUpdate();
        written.fire(new OutboxWritten());
    }

    /** Fired inside the writing transaction; the relay wakes up once that transaction has committed. */
    public record OutboxWritten() {
    }
}
