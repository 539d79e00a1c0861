package io.newshound.ingest.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes events into the outbox inside the caller's transaction, so an event exists exactly when the change that caused
 * it was committed. The {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final Event<OutboxWritten> written;
    private final Clock clock;

    public Outbox(ObjectMapper json, Event<OutboxWritten> written, Clock clock) {
        this.json = json;
        this.written = written;
        this.clock = clock;
    }

    /**
     * Adds an event to the outbox of the current transaction.
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
     *            the event, serialised to JSON now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID eventId, String type, String topic, String key, Object event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.eventType = type;
        row.topic = topic;
        row.recordKey = key;
        try {
            row.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type, e);
        }
        row.createdAt = Instant.now(clock);
        row.persist();
        written.fire(new OutboxWritten());
    }

    /** Fired inside the writing transaction; the relay wakes up once that transaction has committed. */
    public record OutboxWritten() {
    }
}
