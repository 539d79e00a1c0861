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
 * One HTTP attempt of a delivery, kept for the delivery log and endpoint health. Read-only: the delivery engine writes
 * attempts in batches with JDBC ({@code AttemptRecords}); the log and the health report read them here.
 */
@Entity
@Immutable
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    @Column(name = "attempt_no", nullable = false)
    public int attemptNo;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    /** null when no response arrived */
    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    public String error;
}
