package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.newshound.alert.config.WebhookConfig;
import io.quarkus.logging.Log;

/**
 * Endpoint circuits: an endpoint whose last attempts, across its deliveries, failed as many times in a row as
 * configured is throttled for the circuit's time (doubling with each further failure, up to a maximum), and its waiting
 * deliveries wait with it, so the receiver gets probes rather than its backlog when the throttle ends. The batch that
 * records the attempts ({@link AttemptRecords}) finds the endpoints whose circuit opens; this opens them, in the same
 * transaction.
 */
@ApplicationScoped
public class EndpointCircuits {

    /**
     * Moves the unleased pending deliveries of the endpoints just throttled (CTE {@code throttled}: id, throttled
     * until) past the end of their throttle, spread at random over the {@code ?} seconds after it: shared by circuits
     * and ejections.
     */
    static final String HOLD_WAITING_SQL = """
            update delivery d
            set next_attempt_at = t.throttled_until + random() * make_interval(secs => ?), updated_at = now()
            from throttled t
            where d.endpoint_id = t.id and d.status = 'pending' and d.next_attempt_at < t.throttled_until
              and (d.locked_until is null or d.locked_until < now())""";

    /**
     * Opens the circuits of endpoints whose last attempts all failed, {@code ?4}, now that their count of failures in a
     * row reached the threshold {@code ?2}: throttles each for the base time {@code ?1} doubled for every failure past
     * the threshold, at most {@code ?3} seconds (keeping any later throttle), and moves their unleased pending
     * deliveries to the end of the throttle, spread at random over the base time after it, as {@link #EJECT_SQL} does
     * for a host: claims do not step over them meanwhile, and the receiver gets probes rather than its backlog when the
     * throttle ends.
     */
    private static final String OPEN_CIRCUITS_SQL = """
            with throttled as (
                update webhook_endpoint e
                set throttled_until = greatest(e.throttled_until, now() + make_interval(
                        secs => least(? * power(2, least(e.consecutive_failures - ?, 30)), ?)))
                where e.id = any(?)
                returning e.id, e.throttled_until)
            """ + HOLD_WAITING_SQL;

    /** failures in a row that open an endpoint's circuit; {@link Integer#MAX_VALUE} when switched off */
    private final int threshold;
    private final Duration base;
    private final Duration max;

    public EndpointCircuits(WebhookConfig config) {
        WebhookConfig.EndpointCircuit circuit = config.endpointCircuit();
        this.threshold = circuit.consecutiveFailures() > 0 ? circuit.consecutiveFailures() : Integer.MAX_VALUE;
        this.base = circuit.baseTime();
        this.max = circuit.maxTime();
    }

    /** @return the failures in a row that open a circuit; {@link Integer#MAX_VALUE} when circuits are off */
    int threshold() {
        return threshold;
    }

    /** Throttles the endpoints whose circuit opens now, and makes their waiting deliveries wait for its end. */
    void open(Connection c, Set<UUID> opened) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_CIRCUITS_SQL)) {
            ps.setDouble(1, base.toMillis() / 1000.0);
            ps.setInt(2, threshold);
            ps.setDouble(3, max.toMillis() / 1000.0);
            ps.setArray(4, c.createArrayOf("uuid", opened.toArray()));
            ps.setDouble(5, base.toMillis() / 1000.0);
            int held = ps.executeUpdate();
            Log.debugf("Circuit opened for %d endpoints whose attempts keep failing; %d deliveries wait for it",
                    opened.size(), held);
        }
    }
}
