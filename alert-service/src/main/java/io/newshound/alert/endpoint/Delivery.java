package io.newshound.alert.endpoint;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One alert on its way to one endpoint. Its id is the {@code webhook-id}: the same on every attempt and replay, so
 * receivers can deduplicate. Read-only: the consumer and the delivery engine write the table with JDBC on their hot
 * paths ({@code DeliveryQueue}, {@code DeliveryClaims}, {@code AttemptRecords}); the delivery log reads it here.
 */
@Entity
@Immutable
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    /** The alert carried, or null for a digest. */
    @Column(name = "alert_id")
    public UUID alertId;

    /** The revision of the alert this delivery sends. */
    @Column
    public Integer revision;

    /** The digest carried, or null for an alert. */
    @Column(name = "digest_id")
    public UUID digestId;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    /** pending, delivered, dead or cancelled */
    @Column(nullable = false)
    public String status;

    @Column(name = "attempt_count", nullable = false)
    public int attemptCount;

    @Column(name = "retry_base", nullable = false)
    public int retryBase;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "lease_token")
    public UUID leaseToken;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
