package io.newshound.ingest.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An API key as stored: its prefix and the hash of the whole key, never the key itself. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true)
    public String prefix;

    @Column(name = "secret_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String secretHash;

    /** Comma-separated roles: {@code ingest}, {@code read}, {@code admin}. */
    @Column(nullable = false)
    public String roles;

    @Column(name = "rate_limit_per_minute")
    public Integer rateLimitPerMinute;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
