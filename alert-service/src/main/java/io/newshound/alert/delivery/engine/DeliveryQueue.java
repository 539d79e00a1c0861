package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * How deliveries join the queue the {@link DeliveryWorker} works through: one pending row per alert revision or digest,
 * written on the caller's connection inside its transaction, so a delivery commits together with what it delivers.
 */
public final class DeliveryQueue {

    private DeliveryQueue() {
    }

    /**
     * Queues revision {@code revision} of an alert for the endpoint, due {@code delay} from now, or when the endpoint's
     * throttle (a receiver's {@code Retry-After}, an open circuit, an ejected host) ends if that is later: the claims
     * then do not step over it while it could not be sent anyway.
     */
    public static void alertRevision(Connection c, String tenantId, UUID endpointId, UUID alertId, int revision,
            Duration delay) throws SQLException {
        insert(c, tenantId, endpointId, alertId, revision, null, delay);
    }

    /** Queues a digest for the endpoint, due at once or when the endpoint's throttle ends. */
    public static void digest(Connection c, String tenantId, UUID endpointId, UUID digestId) throws SQLException {
        insert(c, tenantId, endpointId, null, null, digestId, Duration.ZERO);
    }

    /** A delivery carries either an alert revision or a digest ({@code delivery_carries_one}). */
    private static void insert(Connection c, String tenantId, UUID endpointId, UUID alertId, Integer revision,
            UUID digestId, Duration delay) throws SQLException {
        // deliveries run on the wall clock: the worker compares their due time with the database's now()
        Instant now = Instant.now();
        try (PreparedStatement s = c.prepareStatement("""
                insert into delivery (id, tenant_id, alert_id, revision, digest_id, endpoint_id, status,
                                      next_attempt_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'pending',
                        greatest(?, (select e.throttled_until from webhook_endpoint e where e.id = ?)), ?, ?)""")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, tenantId);
            s.setObject(3, alertId, Types.OTHER);
            s.setObject(4, revision, Types.INTEGER);
            s.setObject(5, digestId, Types.OTHER);
            s.setObject(6, endpointId);
            s.setTimestamp(7, Timestamp.from(now.plus(delay)));
            s.setObject(8, endpointId);
            s.setTimestamp(9, Timestamp.from(now));
            s.setTimestamp(10, Timestamp.from(now));
            s.executeUpdate();
        }
    }
}
