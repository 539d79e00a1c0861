package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
import io.vertx.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Forty endpoints on a host that answers 500 to everything and forty on a healthy one, through the whole engine: the
 * failing host is ejected after a few failures instead of being sent every delivery and every retry, and nothing is
 * lost.
 */
class HostEjectionEngineTest {

    private static final int ENDPOINTS = 40;
    private static final int THRESHOLD = 10;
    private static final int MAX_IN_FLIGHT = 8;
    /** failures that eject, plus what can be in flight meanwhile, plus what a claim may add before the write lands */
    private static final int BOUND = THRESHOLD + 2 * MAX_IN_FLIGHT;
    private static final Duration EJECTION = Duration.ofSeconds(4);

    private ScratchDeliveryDatabase db;
    private WebhookReceiver failing;
    private WebhookReceiver healthy;
    private Vertx vertx;
    private SimpleMeterRegistry metrics;
    private DeliveryWorker worker;

    @BeforeEach
    void start() throws Exception {
        db = new ScratchDeliveryDatabase("newshound_alert_ejection");
        db.reset();
        failing = new WebhookReceiver();
        for (int i = 0; i < 2000; i++) {
            failing.answer(500);
        }
        healthy = new WebhookReceiver();
        vertx = Vertx.vertx();
        metrics = new SimpleMeterRegistry();
    }

    private void startWorker(int ejectAfterFailures) {
        StaticWebhookConfig config = new StaticWebhookConfig();
        // the host as a whole is under test: no endpoint's circuit opens after its own five failures
        config.circuitAfterFailures = 0;
        config.allowedHosts = Set.of("127.0.0.1");
        // retries come quickly and the deliveries outlive the test: without ejection the host is sent every one
        config.retrySchedule = new ArrayList<>(Collections.nCopies(50, Duration.ofMillis(100)));
        config.retrySchedule.set(0, Duration.ZERO);
        config.maxInFlight = MAX_IN_FLIGHT;
        config.claimBatchSize = MAX_IN_FLIGHT;
        config.ejectAfterFailures = ejectAfterFailures;
        config.ejectionBaseTime = EJECTION;
        config.ejectionMaxTime = EJECTION.multipliedBy(10);
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
    void aHostThatAnswers500IsEjectedAfterAFewFailuresAndProbedAgainLater() throws SQLException {
        List<UUID> down = new ArrayList<>();
        List<UUID> up = new ArrayList<>();
        seed(down, up);
        startWorker(THRESHOLD);
        worker.wake();

        await().atMost(Duration.ofSeconds(30)).until(() -> db.allDelivered(up));
        await().atMost(Duration.ofSeconds(10)).until(() -> throttledEndpoints() == ENDPOINTS);
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.inFlight() == 0);
        int sent = failing.requests().size();
        assertThat(sent).isBetween(THRESHOLD, BOUND);
        assertThat(metrics.counter("newshound.webhook.host_ejections").count()).isEqualTo(1);
        assertThat(metrics.get("newshound.webhook.ejected_hosts").gauge().value()).isEqualTo(1);
        // nothing lost: the failing deliveries wait for the ejection to end
        for (UUID delivery : down) {
            assertThat(db.status(delivery)).isEqualTo("pending");
        }
        // while ejected, the host is left alone
        await().during(EJECTION.dividedBy(4)).atMost(EJECTION.dividedBy(2))
                .until(() -> failing.requests().size() == sent);

        // afterwards the next attempts are the probes; they fail, and the host is ejected again at once, for longer
        await().atMost(Duration.ofSeconds(30))
                .until(() -> metrics.counter("newshound.webhook.host_ejections").count() == 2);
        assertThat(failing.requests().size()).isBetween(sent + 1, sent + 2 * MAX_IN_FLIGHT);
        for (UUID delivery : down) {
            assertThat(db.status(delivery)).isEqualTo("pending");
        }
        assertThat(healthy.requests()).hasSize(ENDPOINTS);
    }

    @Test
    void withoutEjectionTheFailingHostIsSentEveryDeliveryAndRetry() throws SQLException {
        List<UUID> down = new ArrayList<>();
        List<UUID> up = new ArrayList<>();
        seed(down, up);
        startWorker(0);
        worker.wake();

        await().atMost(Duration.ofSeconds(30)).until(() -> db.allDelivered(up));
        // the bound the ejecting engine keeps to is exceeded many times over
        await().atMost(Duration.ofSeconds(30)).until(() -> failing.requests().size() > 4 * BOUND);
        assertThat(throttledEndpoints()).isZero();
        assertThat(metrics.counter("newshound.webhook.host_ejections").count()).isZero();
    }

    /** The failing endpoints' deliveries first, then the healthy ones', all due now. */
    private void seed(List<UUID> down, List<UUID> up) throws SQLException {
        for (int i = 0; i < ENDPOINTS; i++) {
            down.add(db.delivery(db.endpoint(failing.url() + "/" + i), 0, 0, Duration.ofMillis(-2 * ENDPOINTS + i)));
        }
        for (int i = 0; i < ENDPOINTS; i++) {
            up.add(db.delivery(db.endpoint(healthy.url() + "/" + i), 0, 0, Duration.ofMillis(-ENDPOINTS + i)));
        }
    }

    private int throttledEndpoints() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from webhook_endpoint where url like ? and throttled_until > now()")) {
            ps.setString(1, failing.url() + "/%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
