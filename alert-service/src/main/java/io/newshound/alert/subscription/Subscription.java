package io.newshound.alert.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.newshound.alert.endpoint.WebhookEndpoint;
import io.newshound.alert.thread.UpdatePolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A subscriber's wish to hear about articles (by topics, a keyword query, languages and sources), delivered to one
 * webhook endpoint.
 */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId = "default";

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> topics;

    @Column(name = "match_mode", nullable = false)
    public String matchMode;

    @Column(name = "min_score")
    public Double minScore;

    /** Keyword query in news-alert syntax, or null. */
    public String query;

    /** ISO 639-1 codes; empty = every language. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> languages = List.of();

    /** Source names or domains to accept; empty = every source. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> sources = List.of();

    /** Source names or domains never to accept. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "exclude_sources", nullable = false, columnDefinition = "text[]")
    public List<String> excludeSources = List.of();

    @Column(nullable = false)
    public boolean paused;

    @Column(name = "update_policy", nullable = false)
    public String updatePolicy = UpdatePolicy.Kind.EVERY_ARTICLE.wire();

    @Column(name = "update_interval_minutes")
    public Integer updateIntervalMinutes;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "endpoint_id", nullable = false)
    public WebhookEndpoint endpoint;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
