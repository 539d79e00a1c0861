package io.newshound.alert.observability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.config.WebhookConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The delivery backlog and the state of endpoints, read from the database every
 * {@code newshound.observability.deliveries-every} (default 15s) with one statement over the partial indexes of pending
 * deliveries: {@code newshound_deliveries_due} (due now to an endpoint that may be sent to: what the workers should be
 * sending), {@code newshound_deliveries_pending} (due or waiting for a retry, a throttle or an open circuit),
 * {@code newshound_deliveries_dead} (out of attempts, waiting for a replay),
 * {@code newshound_deliveries_oldest_due_seconds} (how long the oldest due delivery has been due),
 * {@code newshound_webhook_endpoints_circuit_open} and {@code newshound_webhook_endpoints_disabled}. Every replica
 * reports the same numbers; aggregate with {@code max}. When the database cannot be read the gauges read NaN.
 */
@Startup
@ApplicationScoped
public class DeliveryBacklogMetrics {

    /**
     * Due counts deliveries whose endpoint may be sent to now (enabled, not throttled), leased ones in flight included:
     * those held by a disabled or throttled endpoint wait for it, not for the workers. Times are the database's, as in
     * the claims.
     */
    private static final String SNAPSHOT = """
            select due.n, (select count(*) from delivery where status = 'pending'),
                   (select count(*) from delivery where status = 'dead'),
                   coalesce(extract(epoch from now() - due.oldest), 0),
                   (select count(*) from webhook_endpoint
                     where disabled_at is null and throttled_until > now() and ? > 0 and consecutive_failures >= ?),
                   (select count(*) from webhook_endpoint where disabled_at is not null)
            from (select count(*) as n, min(d.next_attempt_at) as oldest
                  from delivery d join webhook_endpoint e on e.id = d.endpoint_id
                  where d.status = 'pending' and d.next_attempt_at <= now()
                    and e.disabled_at is null and (e.throttled_until is null or e.throttled_until <= now())) due""";

    private final DataSource dataSource;
    private final int circuitThreshold;
    private final AtomicReference<Snapshot> last = new AtomicReference<>(Snapshot.UNKNOWN);

    public DeliveryBacklogMetrics(DataSource dataSource, WebhookConfig webhooks, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.circuitThreshold = webhooks.endpointCircuit().consecutiveFailures();
        gauge(meters, "newshound.deliveries.due", "Pending deliveries due now", Snapshot::due);
        gauge(meters, "newshound.deliveries.pending", "Pending deliveries, due or waiting", Snapshot::pending);
        gauge(meters, "newshound.deliveries.dead", "Deliveries out of attempts", Snapshot::dead);
        Gauge.builder("newshound.deliveries.oldest.due", last, r -> r.get().oldestDueSeconds()).baseUnit("seconds")
                .description("How long the oldest due delivery has been due").register(meters);
        gauge(meters, "newshound.webhook.endpoints.circuit.open", "Enabled endpoints whose circuit is open",
                Snapshot::circuitsOpen);
        gauge(meters, "newshound.webhook.endpoints.disabled", "Disabled endpoints", Snapshot::disabled);
    }

    private void gauge(MeterRegistry meters, String name, String description,
            java.util.function.ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, last, r -> value.applyAsDouble(r.get())).description(description).register(meters);
    }

    @Scheduled(every = "${newshound.observability.deliveries-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SNAPSHOT)) {
            s.setInt(1, circuitThreshold);
            s.setInt(2, circuitThreshold);
            s.setQueryTimeout(10);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                last.set(new Snapshot(r.getLong(1), r.getLong(2), r.getLong(3), r.getDouble(4), r.getLong(5),
                        r.getLong(6)));
            }
        } catch (SQLException | RuntimeException e) {
            Log.debugf("Delivery backlog not read: %s", e.toString());
            last.set(Snapshot.UNKNOWN);
        }
    }

    record Snapshot(double due, double pending, double dead, double oldestDueSeconds, double circuitsOpen,
            double disabled) {
        static final Snapshot UNKNOWN = new Snapshot(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
    }
}
