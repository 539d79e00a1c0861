package io.newshound.alert.delivery.engine;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newshound.alert.WebhookReceiver;
import io.vertx.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fan-out in which some partners fail, through the whole engine (real receivers, real PostgreSQL), with few request
 * slots so that fresh deliveries keep waiting: the failures' records wait until the fan-out is through, yet every
 * attempt ends up written once, endpoints' failing state and circuits come out as if nothing had been held, and a
 * stopping worker writes what it held.
 */
class HeldFailuresEngineTest {

    private static final int HEALTHY = 1500;
    private static final int FAILING = 20;
    private static final int ATTEMPTS = 3;

    private ScratchDeliveryDatabase db;
    private WebhookReceiver healthy;
    private WebhookReceiver failing;
    private Vertx vertx;
    private SimpleMeterRegistry metrics;
    private DeliveryWorker worker;

    @BeforeEach
    void start() throws Exception {
        db = new ScratchDeliveryDatabase("newshound_alert_held");
        db.reset();
        healthy = new WebhookReceiver();
        failing = new WebhookReceiver();
        vertx = Vertx.vertx();
        metrics = new SimpleMeterRegistry();
    }

    private void startWorker(int circuitAfterFailures) {
        startWorker(circuitAfterFailures, Duration.ofMillis(100));
    }

    private void startWorker(int circuitAfterFailures, Duration retryAfter) {
        StaticWebhookConfig config = new StaticWebhookConfig();
        config.allowedHosts = Set.of("127.0.0.1");
        config.retrySchedule = List.of(Duration.ZERO, retryAfter, retryAfter);
        // few slots and small claims: the healthy fan-out keeps every claim full for a good while
        config.maxInFlight = 8;
        config.claimBatchSize = 8;
        config.maxInFlightPerEndpoint = 1;
        config.circuitAfterFailures = circuitAfterFailures;
        config.ejectAfterFailures = 0;
        config.holdFailuresFor = Duration.ofSeconds(30);
        worker = db.startWorker(config, vertx, metrics);
    }

    @AfterEach
    void stop() throws Exception {
        if (worker != null) {
            worker.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        healthy.close();
        failing.close();
        db.close();
    }

    @Test
    void failuresAreWrittenAfterTheFanOutToHealthyPartnersEachAttemptOnce() throws SQLException {
        failing.answer(fiveHundreds(FAILING * ATTEMPTS));
        // due first, so they fail while the whole healthy fan-out still waits
        List<UUID> down = db.fanOut(failing.url(), FAILING);
        db.fanOut(healthy.url(), HEALTHY);
        startWorker(0);
        worker.wake();

        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(30))
                .until(() -> worker.heldFailures() == FAILING);
        // answered, held, and not written while healthy partners are still being sent to
        assertThat(failing.requests()).hasSize(FAILING);
        assertThat(attemptedDeliveries(failing.url())).isZero();
        assertThat(deliveredTo(healthy.url())).isLessThan(HEALTHY);

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredTo(healthy.url()) == HEALTHY
                && db.count("select count(*) from delivery where status = 'dead'") == FAILING);
        assertThat(worker.heldFailures()).isZero();
        assertThat(failing.requests()).hasSize(FAILING * ATTEMPTS);
        assertThat(metrics.counter("newshound.webhook.failures_held").count()).isGreaterThanOrEqualTo(FAILING);
        // every attempt logged exactly once, and each failing endpoint counted as failing three times in a row
        assertThat(db.count("select count(distinct (a.delivery_id, a.attempt_no)) from delivery_attempt a"
                + " join webhook_endpoint e on e.id = a.endpoint_id where e.url = ?", failing.url()))
                .isEqualTo(FAILING * ATTEMPTS);
        assertThat(db.count("select count(*) from delivery_attempt")).isEqualTo(HEALTHY + FAILING * ATTEMPTS);
        for (UUID endpoint : down) {
            assertThat(db.count("select consecutive_failures from webhook_endpoint where id = ?", endpoint))
                    .isEqualTo(ATTEMPTS);
            assertThat(db.count("select count(*) from webhook_endpoint where id = ? and failing_since is not null",
                    endpoint)).isOne();
        }
    }

    @Test
    void aSuccessAfterAHeldFailureLeavesItsEndpointHealthy() throws SQLException {
        failing.answer(500);
        UUID flaky = db.endpoint(failing.url());
        UUID failed = db.delivery(flaky, 0, 0, Duration.ZERO);
        List<UUID> deliveries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deliveries.add(db.delivery(flaky, 0, 0, Duration.ZERO));
        }
        db.fanOut(healthy.url(), HEALTHY);
        // the failed delivery's retry stays out of the test: the endpoint's state is what its first attempts left
        startWorker(5, Duration.ofMinutes(10));
        worker.wake();

        await().atMost(Duration.ofSeconds(60)).until(() -> db.allDelivered(deliveries)
                && deliveredTo(healthy.url()) == HEALTHY && worker.heldFailures() == 0);
        // the first attempt failed and was held; the next one succeeded and was written after it, not before
        assertThat(metrics.counter("newshound.webhook.failures_held").count()).isOne();
        assertThat(db.status(failed)).isEqualTo("pending");
        assertThat(db.count("select attempt_count from delivery where id = ?", failed)).isOne();
        assertThat(failing.requests()).hasSize(deliveries.size() + 1);
        assertThat(db.count("select consecutive_failures from webhook_endpoint where id = ?", flaky)).isZero();
        assertThat(db.count("select count(*) from webhook_endpoint where id = ? and failing_since is null", flaky))
                .isOne();
    }

    @Test
    void theCircuitOpensAfterAsManyFailuresAsWithoutHolding() throws SQLException {
        failing.answer(fiveHundreds(100));
        UUID down = db.endpoint(failing.url());
        for (int i = 0; i < 10; i++) {
            db.delivery(down, 0, 0, Duration.ZERO);
        }
        db.fanOut(healthy.url(), HEALTHY);
        startWorker(ATTEMPTS);
        worker.wake();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> metrics.counter("newshound.webhook.circuit_opens").count() == 1);
        // the first two failures were held; the third reached the threshold and was written with them
        assertThat(metrics.counter("newshound.webhook.failures_held").count()).isEqualTo(ATTEMPTS - 1);
        assertThat(db.count("select consecutive_failures from webhook_endpoint where id = ?", down))
                .isEqualTo(ATTEMPTS);
        assertThat(db.count("select count(*) from webhook_endpoint where id = ? and throttled_until > now()", down))
                .isOne();
        assertThat(failing.requests()).hasSize(ATTEMPTS);
    }

    @Test
    void aStoppingWorkerWritesTheFailuresItHeld() throws SQLException {
        failing.answer(fiveHundreds(FAILING));
        db.fanOut(failing.url(), FAILING);
        db.fanOut(healthy.url(), HEALTHY * 2);
        startWorker(0);
        worker.wake();

        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(30))
                .until(() -> worker.heldFailures() == FAILING);
        worker.stop();

        assertThat(worker.heldFailures()).isZero();
        assertThat(attemptedDeliveries(failing.url())).isEqualTo(FAILING);
        assertThat(db.count("select count(*) from delivery_attempt a join webhook_endpoint e"
                + " on e.id = a.endpoint_id where e.url = ?", failing.url())).isEqualTo(FAILING);
    }

    private long attemptedDeliveries(String url) throws SQLException {
        return db.count("select count(*) from delivery d join webhook_endpoint e on e.id = d.endpoint_id"
                + " where e.url = ? and d.attempt_count > 0", url);
    }

    private long deliveredTo(String url) throws SQLException {
        return db.count("select count(*) from delivery d join webhook_endpoint e on e.id = d.endpoint_id"
                + " where e.url = ? and d.status = 'delivered'", url);
    }

    private static int[] fiveHundreds(int n) {
        int[] statuses = new int[n];
        Arrays.fill(statuses, 500);
        return statuses;
    }
}
