package io.newshound.alert.thread;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A subscription's alert thread on one story. Each revision (1 = raised, then one per update) has its own webhook body
 * in {@code alert_update}; alerts raised before stories existed have no story and one revision.
 *
 * <p>
 * Read-only: {@link AlertThreads} writes the table with JDBC on the consumer's hot path (batched statements under the
 * thread's row lock); the API reads it here, through Panache, which is the rule for everything off the hot path.
 */
@Entity
@Immutable
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "story_id")
    public UUID storyId;

    /** The article that raised the alert. */
    @Column(name = "article_id", nullable = false)
    public UUID articleId;

    @Column(name = "article_revision", nullable = false)
    public int articleRevision;

    /** The latest revision sent. */
    @Column(nullable = false)
    public int revision;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
