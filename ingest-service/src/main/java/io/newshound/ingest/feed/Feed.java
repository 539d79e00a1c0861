package io.newshound.ingest.feed;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A registered feed and the health of its recent polls. */
@Entity
@Table(name = "feed")
public class Feed extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The canonical feed URL; unique. */
    @Column(nullable = false)
    public String url;

    @Column(name = "source_name")
    public String sourceName;

    public String language;

    @Column(name = "poll_interval_seconds", nullable = false)
    public int pollIntervalSeconds;

    @Column(nullable = false)
    public boolean paused;

    @Column(name = "paused_reason")
    public String pausedReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "next_poll_at", nullable = false)
    public Instant nextPollAt;

    @Column(name = "leased_until")
    public Instant leasedUntil;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_status")
    public Integer lastErrorStatus;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "items_seen_last", nullable = false)
    public int itemsSeenLast;

    @Column(name = "items_seen_total", nullable = false)
    public long itemsSeenTotal;

    @Column(name = "items_new_last", nullable = false)
    public int itemsNewLast;

    @Column(name = "items_new_total", nullable = false)
    public long itemsNewTotal;

    public String etag;

    @Column(name = "last_modified")
    public String lastModified;
}
