package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newshound.alert.WebhookReceiver;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;
import io.vertx.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An endpoint with many deliveries whose receiver keeps failing, beside a healthy one, through the whole engine (real
 * receivers, real PostgreSQL): after a few failures in a row its circuit opens and its deliveries wait instead of each
 * being tried on its own schedule; the attempt after the circuit's time is the probe; once the receiver answers again
 * everything is delivered, without a delivery having used up its attempts meanwhile.
 */
class EndpointCircuitTest {

    private static final int DELIVERIES = 20;
    private static final int THRESHOLD = 3;
    private static final Duration BASE = Duration.ofSeconds(2);

    private ScratchDeliveryDatabase db;
    private WebhookReceiver failing;
    private WebhookReceiver healthy;
    private Vertx vertx;
    private SimpleMeterRegistry metrics;
    private DeliveryWorker worker;

    @BeforeEach
    void start() throws Exception {
        db = new ScratchDeliveryDatabase("newshound_alert_circuit");
        db.reset();
        failing = new WebhookReceiver();
        healthy = new WebhookReceiver();
        vertx = Vertx.vertx();
        metrics = new SimpleMeterRegistry();
    }

    private void startWorker(int circuitAfterFailures) {
        StaticWebhookConfig config = new StaticWebhookConfig();
        config.allowedHosts = Set.of("127.0.0.1");
        // retries come quickly: without the circuit the receiver is sent every delivery every 100 ms
        config.retrySchedule = new ArrayList<>(Collections.nCopies(50, Duration.ofMillis(100)));
        config.retrySchedule.set(0, Duration.ZERO);
        // one request at a time to an endpoint: each result is written before the next attempt is claimed, so the
        // number of attempts before the circuit opens is exact
        config.maxInFlightPerEndpoint = 1;
        config.circuitAfterFailures = circuitAfterFailures;
        config.circuitBaseTime = BASE;
        config.circuitMaxTime = BASE.multipliedBy(10);
        config.ejectAfterFailures = 0;
        worker = db.startWorker(config, vertx, metrics);
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        failing.close();
        healthy.close();
        db.close();
    }

    @Test
    void aFailingEndpointIsHeldAfterAFewFailuresProbedAndDeliveredOnceItAnswers() throws SQLException {
        // three failures open the circuit, the first probe fails too, the second succeeds
        failing.answer(500, 500, 503, 500);
        UUID down = db.endpoint(failing.url());
        UUID up = db.endpoint(healthy.url());
        List<UUID> held = seed(down);
        List<UUID> others = seed(up);
        startWorker(THRESHOLD);
        worker.wake();

        await().atMost(Duration.ofSeconds(30)).until(() -> db.allDelivered(others));
        await().atMost(Duration.ofSeconds(10)).until(() -> consecutiveFailures(down) == THRESHOLD);
        assertThat(failing.requests()).hasSize(THRESHOLD);
        assertThat(metrics.counter("newshound.webhook.circuit_opens").count()).isEqualTo(1);
        Instant until = throttledUntil(down);
        assertThat(until).isAfter(Instant.now());
        // every delivery still pending, none of them dying meanwhile, and all waiting for the circuit
        for (UUID delivery : held) {
            assertThat(db.status(delivery)).isEqualTo("pending");
            assertThat(dueAt(delivery)).isAfterOrEqualTo(until);
        }
        // while open, the receiver is left alone
        await().during(BASE.dividedBy(4)).atMost(BASE.dividedBy(2)).until(() -> failing.requests().size() == THRESHOLD);

        // the probe fails: open again, for twice as long; the next probe succeeds and the rest follows
        await().atMost(Duration.ofSeconds(20)).until(() -> db.allDelivered(held));
        List<WebhookReceiver.Request> requests = failing.requests();
        assertThat(requests).hasSize(DELIVERIES + THRESHOLD + 1);
        assertThat(metrics.counter("newshound.webhook.circuit_opens").count()).isEqualTo(2);
        Duration secondOpening = Duration.between(requests.get(THRESHOLD).receivedAt(),
                requests.get(THRESHOLD + 1).receivedAt());
        assertThat(secondOpening).isGreaterThanOrEqualTo(BASE.multipliedBy(2));
        assertThat(consecutiveFailures(down)).isZero();
        assertThat(healthy.requests()).hasSize(DELIVERIES);
        assertThat(consecutiveFailures(up)).isZero();
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() throws SQLException {
        for (int i = 0; i < 6; i++) {
            failing.answer(500, 500, 204);
        }
        UUID flaky = db.endpoint(failing.url());
        List<UUID> deliveries = seed(flaky);
        startWorker(THRESHOLD);
        worker.wake();

        await().atMost(Duration.ofSeconds(30)).until(() -> db.allDelivered(deliveries));
        assertThat(metrics.counter("newshound.webhook.circuit_opens").count()).isZero();
        assertThat(failing.requests()).hasSize(DELIVERIES + 12);
        assertThat(throttledUntil(flaky)).isNull();
    }

    @Test
    void withoutTheCircuitEveryDeliveryIsTriedOnItsOwnSchedule() throws SQLException {
        for (int i = 0; i < 1000; i++) {
            failing.answer(500);
        }
        UUID down = db.endpoint(failing.url());
        seed(down);
        startWorker(0);
        worker.wake();

        // counted once recorded, a moment after the receiver answered
        await().atMost(Duration.ofSeconds(30)).until(() -> consecutiveFailures(down) > 3 * DELIVERIES);
        assertThat(failing.requests().size()).isGreaterThan(3 * DELIVERIES);
        assertThat(throttledUntil(down)).isNull();
        assertThat(metrics.counter("newshound.webhook.circuit_opens").count()).isZero();
    }

    @Test
    void aDeliveryQueuedWhileTheEndpointIsThrottledIsDueWhenTheThrottleEnds() throws SQLException {
        UUID throttled = db.endpoint(failing.url());
        UUID open = db.endpoint(healthy.url());
        UUID alert = alertOf(db.delivery(open, 0, 0, Duration.ofDays(1)));
        Instant until = Instant.now().plus(Duration.ofMinutes(10));
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c
                        .prepareStatement("update webhook_endpoint set throttled_until = ? where id = ?")) {
            ps.setObject(1, java.sql.Timestamp.from(until));
            ps.setObject(2, throttled);
            ps.executeUpdate();
            DeliveryQueue.alertRevision(c, "default", throttled, alert, 1, Duration.ZERO);
            DeliveryQueue.alertRevision(c, "default", open, alert, 1, Duration.ofSeconds(30));
        }
        assertThat(dueOf(throttled, alert)).isCloseTo(until, org.assertj.core.api.Assertions.within(
                Duration.ofMillis(1)));
        assertThat(dueOf(open, alert)).isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(31));
    }

    @Test
    void failuresThatAnotherReplicaRecordsMeanwhileAreAllCounted() throws Exception {
        UUID endpoint = db.endpoint(failing.url());
        UUID delivery = db.delivery(endpoint, 0, 0, Duration.ZERO);
        AttemptRecords records = db.records(new StaticWebhookConfig());
        DeliveryTask task = new DeliveryTask(delivery, endpoint, UUID.randomUUID(), 1, 0, failing.url(), "{}",
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZI"));
        AttemptResult failed = new AttemptResult(Instant.now(), 500, 3, null, null);
        try (Connection other = db.dataSource().getConnection()) {
            // another replica records two failures of the endpoint and has not committed yet
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement(
                    "update webhook_endpoint set consecutive_failures = consecutive_failures + 2 where id = ?")) {
                ps.setObject(1, endpoint);
                ps.executeUpdate();
            }
            var recording = java.util.concurrent.CompletableFuture
                    .runAsync(() -> records.record(List.of(new AttemptRecords.Completed(task, failed))));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLocks() > 0);
            other.commit();
            recording.get(10, TimeUnit.SECONDS);
        }
        assertThat(consecutiveFailures(endpoint)).isEqualTo(3);
    }

    /** @return statements of this database waiting for a row lock */
    private int waitingForLocks() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and wait_event_type = 'Lock'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** @return deliveries to the endpoint, all due now, in order */
    private List<UUID> seed(UUID endpoint) throws SQLException {
        List<UUID> deliveries = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            deliveries.add(db.delivery(endpoint, 0, 0, Duration.ofMillis(-DELIVERIES + i)));
        }
        return deliveries;
    }

    private int consecutiveFailures(UUID endpoint) throws SQLException {
        return query("select consecutive_failures from webhook_endpoint where id = ?", endpoint, rs -> rs.getInt(1));
    }

    private Instant throttledUntil(UUID endpoint) throws SQLException {
        return query("select throttled_until from webhook_endpoint where id = ?", endpoint, EndpointCircuitTest::at);
    }

    private Instant dueAt(UUID delivery) throws SQLException {
        return query("select next_attempt_at from delivery where id = ?", delivery, EndpointCircuitTest::at);
    }

    private UUID alertOf(UUID delivery) throws SQLException {
        return query("select alert_id from delivery where id = ?", delivery, rs -> rs.getObject(1, UUID.class));
    }

    private Instant dueOf(UUID endpoint, UUID alert) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select next_attempt_at from delivery where endpoint_id = ? and alert_id = ?"
                                + " order by created_at desc limit 1")) {
            ps.setObject(1, endpoint);
            ps.setObject(2, alert);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return at(rs);
            }
        }
    }

    private static Instant at(ResultSet rs) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, UUID id, Column<T> column) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return column.read(rs);
            }
        }
    }
}
