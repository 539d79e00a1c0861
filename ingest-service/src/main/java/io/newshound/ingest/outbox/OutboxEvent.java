package io.newshound.ingest.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event waiting in the outbox to be relayed to Kafka, or relayed already (then {@link #publishedAt} is set). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** W3C {@code traceparent} of the transaction that wrote the event, null when tracing is off. */
    @Column
    public String traceparent;

    /** W3C {@code tracestate} that came with {@link #traceparent}, if any. */
    @Column
    public String tracestate;

    /** The key's hash range (0-63), computed by the database; it decides which relay worker publishes the row. */
    @Column(name = "key_slot", insertable = false, updatable = false)
    public Short keySlot;
}
