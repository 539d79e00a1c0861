package io.newshound.alert.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Where a subscriber receives alerts, and the secret its deliveries are signed with. Updates write only the columns
 * that changed: the delivery engine writes an endpoint's delivery state (failing since, failures in a row, throttle)
 * with its own statements, and an API request holding the entity meanwhile must not write back what it read.
 */
@Entity
@DynamicUpdate
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId = "default";

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "throttled_until")
    public Instant throttledUntil;

    /** requests per second for this endpoint; null = the configured default */
    @Column(name = "rate_limit_per_second")
    public Double rateLimitPerSecond;

    /** start of the current unbroken run of failed attempts, null after a success */
    @Column(name = "failing_since")
    public Instant failingSince;

    /** failed attempts since the last success, across deliveries: enough of them open the endpoint's circuit */
    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** @return the secrets to sign with at {@code now}: the current one, then a rotated-out one still in overlap */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
