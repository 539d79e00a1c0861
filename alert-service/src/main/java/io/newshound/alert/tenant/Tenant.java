package io.newshound.alert.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A partner or newsroom desk: owns subscriptions, endpoints, alerts and deliveries, and has its own API keys. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "max_subscriptions", nullable = false)
    public int maxSubscriptions;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
