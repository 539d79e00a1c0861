package io.newshound.alert.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.newshound.alert.access.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An API key of a tenant as stored: its prefix and the hash of the whole key, never the key itself. */
@Entity
@Table(name = "tenant_api_key")
public class TenantApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, unique = true)
    public String prefix;

    @Column(name = "secret_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String secretHash;

    /** {@link Role#TENANT} or {@link Role#ADMIN}. */
    @Column(nullable = false)
    public String role;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
