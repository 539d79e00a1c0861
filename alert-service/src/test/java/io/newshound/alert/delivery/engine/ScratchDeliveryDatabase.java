package io.newshound.alert.delivery.engine;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.delivery.webhook.WebhookSender;
import io.newshound.alert.delivery.webhook.WebhookTargetGuard;
import io.newshound.devkit.postgres.LocalPostgres;
import io.vertx.core.Vertx;

/**
 * A database of its own with the real schema, for tests that drive {@link DeliveryClaims}, {@link AttemptRecords} or
 * {@link DeliveryWorker} directly, where the application's running worker would take their deliveries first. Wiped by
 * {@link #reset()}.
 */
final class ScratchDeliveryDatabase implements AutoCloseable {

    private final LocalPostgres pg = LocalPostgres.fromEnvironment();
    private final String name;
    private final Flyway flyway;
    private final AgroalDataSource dataSource;

    ScratchDeliveryDatabase(String name) throws SQLException {
        this.name = name;
        pg.ensureDatabase(name);
        flyway = Flyway.configure().dataSource(pg.jdbcUrl(name), pg.user(), pg.password()).cleanDisabled(false)
                .locations("classpath:db/migration").load();
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(4).connectionFactoryConfiguration(f -> f
                        .jdbcUrl(pg.jdbcUrl(name)).principal(new NamePrincipal(pg.user()))
                        .credential(new SimplePassword(pg.password())))));
    }

    AgroalDataSource dataSource() {
        return dataSource;
    }

    /** Empties the database and migrates it again. */
    void reset() {
        flyway.clean();
        flyway.migrate();
    }

    /** @return a new enabled endpoint */
    UUID endpoint(String url) throws SQLException {
        UUID endpoint = UUID.randomUUID();
        try (Connection c = connect()) {
            execute(c, "insert into webhook_endpoint (id, url, secret) values (?, ?, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZI')",
                    endpoint, url);
        }
        return endpoint;
    }

    /** @return a new pending delivery of a new alert, after {@code attempts} attempts, due {@code dueIn} from now */
    UUID delivery(UUID endpoint, int attempts, int retryBase, Duration dueIn) throws SQLException {
        UUID subscription = UUID.randomUUID();
        UUID alert = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        try (Connection c = connect()) {
            execute(c, "insert into subscription (id, name, topics, match_mode, endpoint_id)"
                    + " values (?, 'scratch', '{land-swap}', 'any', ?)", subscription, endpoint);
            execute(c, "insert into alert (id, subscription_id, article_id, article_revision, revision, event_id,"
                    + " updated_at) values (?, ?, gen_random_uuid(), 1, 1, gen_random_uuid(), now())", alert,
                    subscription);
            execute(c, "insert into alert_update (alert_id, revision, changes, payload, created_at)"
                    + " values (?, 1, '{}', '{\"type\":\"alert.raised\"}', now())", alert);
            execute(c, "insert into delivery (id, alert_id, revision, endpoint_id, status, attempt_count, retry_base,"
                    + " next_attempt_at) values (?, ?, 1, ?, 'pending', ?, ?, now() + make_interval(secs => ?))",
                    delivery, alert, endpoint, attempts, retryBase, dueIn.toMillis() / 1000.0);
        }
        return delivery;
    }

    /**
     * One new alert fanned out to {@code count} new enabled endpoints at {@code url}: a pending delivery to each, due
     * now.
     *
     * @return the new endpoints
     */
    List<UUID> fanOut(String url, int count) throws SQLException {
        UUID subscription = UUID.randomUUID();
        UUID alert = UUID.randomUUID();
        List<UUID> endpoints = new ArrayList<>(count);
        try (Connection c = connect()) {
            try (PreparedStatement ps = c.prepareStatement("insert into webhook_endpoint (id, url, secret)"
                    + " select gen_random_uuid(), ?, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZI' from generate_series(1, ?)"
                    + " returning id")) {
                ps.setString(1, url);
                ps.setInt(2, count);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        endpoints.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            execute(c, "insert into subscription (id, name, topics, match_mode, endpoint_id)"
                    + " values (?, 'scratch', '{land-swap}', 'any', ?)", subscription, endpoints.get(0));
            execute(c, "insert into alert (id, subscription_id, article_id, article_revision, revision, event_id,"
                    + " updated_at) values (?, ?, gen_random_uuid(), 1, 1, gen_random_uuid(), now())", alert,
                    subscription);
            execute(c, "insert into alert_update (alert_id, revision, changes, payload, created_at)"
                    + " values (?, 1, '{}', '{\"type\":\"alert.raised\"}', now())", alert);
            try (PreparedStatement ps = c.prepareStatement("insert into delivery (id, alert_id, revision, endpoint_id,"
                    + " status, next_attempt_at) select gen_random_uuid(), ?, 1, e, 'pending', now() from unnest(?) e")) {
                ps.setObject(1, alert);
                ps.setArray(2, c.createArrayOf("uuid", endpoints.toArray()));
                ps.executeUpdate();
            }
        }
        return endpoints;
    }

    /** @return the single number that {@code sql} selects */
    long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * @return a started delivery worker on this database, sending with its own Vert.x client on {@code vertx}, signing
     *         and retrying as {@code config} says (no jitter)
     */
    DeliveryWorker startWorker(StaticWebhookConfig config, Vertx vertx, MeterRegistry metrics) {
        WebhookSender sender = new WebhookSender(config,
                new WebhookTargetGuard(config.allowedHosts, InetAddress::getAllByName), vertx);
        DeliveryWorker worker = new DeliveryWorker(claims(), records(config), hostThrottles(), sender, config, metrics);
        worker.start();
        return worker;
    }

    /** @return claims of this database's due deliveries */
    DeliveryClaims claims() {
        return new DeliveryClaims(dataSource);
    }

    /** @return the attempt records of this database, retried and with circuits as {@code config} says (no jitter) */
    AttemptRecords records(StaticWebhookConfig config) {
        return new AttemptRecords(dataSource, new RetrySchedule(config.retrySchedule, 0), config,
                new EndpointCircuits(config));
    }

    /** @return the host throttles of this database */
    HostThrottles hostThrottles() {
        return new HostThrottles(dataSource);
    }

    boolean allDelivered(List<UUID> deliveries) throws SQLException {
        for (UUID d : deliveries) {
            if (!"delivered".equals(status(d))) {
                return false;
            }
        }
        return true;
    }

    String status(UUID delivery) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("select status from delivery where id = ?")) {
            ps.setObject(1, delivery);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(name), pg.user(), pg.password());
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
