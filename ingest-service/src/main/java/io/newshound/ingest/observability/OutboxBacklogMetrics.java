package io.newshound.ingest.observability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * What waits in the outbox, read from the database every {@code newshound.observability.outbox-every} (default 15s)
 * over the index of unpublished rows: {@code newshound_outbox_unpublished} (events written but not yet acknowledged by
 * the broker) and {@code newshound_outbox_oldest_unpublished_seconds} (age of the oldest of them; 0 when none). A relay
 * that stopped shows as both growing. Every replica reports the same numbers; aggregate with {@code max}. When the
 * database cannot be read the gauges read NaN.
 */
@Startup
@ApplicationScoped
public class OutboxBacklogMetrics {

    private static final String SNAPSHOT = """
            select (select count(*) from outbox_event where published_at is null),
                   coalesce((select extract(epoch from now() - created_at) from outbox_event
                              where published_at is null order by id limit 1), 0)""";

    private final DataSource dataSource;
    private final AtomicReference<double[]> last = new AtomicReference<>(new double[]{Double.NaN, Double.NaN});

    public OutboxBacklogMetrics(DataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        Gauge.builder("newshound.outbox.unpublished", last, r -> r.get()[0])
                .description("Outbox events not yet acknowledged by the broker").register(meters);
        Gauge.builder("newshound.outbox.oldest.unpublished", last, r -> r.get()[1]).baseUnit("seconds")
                .description("Age of the oldest outbox event not yet acknowledged by the broker").register(meters);
    }

    @Scheduled(every = "${newshound.observability.outbox-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SNAPSHOT)) {
            s.setQueryTimeout(10);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                last.set(new double[]{r.getLong(1), Math.max(0, r.getDouble(2))});
            }
        } catch (SQLException | RuntimeException e) {
            Log.debugf("Outbox backlog not read: %s", e.toString());
            last.set(new double[]{Double.NaN, Double.NaN});
        }
    }
}
