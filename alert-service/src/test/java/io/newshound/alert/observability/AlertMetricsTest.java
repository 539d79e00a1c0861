package io.newshound.alert.observability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.newshound.devkit.metrics.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery backlog and endpoint gauges read the service's own database: a delivery due ten minutes ago (leased by
 * an instance that is still sending it, so the running worker leaves it alone), two dead deliveries and an endpoint
 * whose circuit is open show in {@code /q/metrics}; the broker-side gauges are there too.
 */
@QuarkusTest
class AlertMetricsTest {

    @Inject
    DataSource dataSource;

    private final List<UUID> endpoints = new ArrayList<>();

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void reportsDueDeadAndPendingDeliveriesTheOldestDueAndOpenCircuits() throws SQLException {
        PrometheusText before = await().atMost(Duration.ofSeconds(30)).until(AlertMetricsTest::scrape,
                m -> !Double.isNaN(m.value("newshound_deliveries_due")));

        UUID sending = endpoint(0, null);
        delivery(sending, "pending", "now() - interval '10 minutes'", "now() + interval '1 hour'");
        delivery(sending, "dead", "now() - interval '1 hour'", null);
        delivery(sending, "dead", "now() - interval '1 hour'", null);
        UUID open = endpoint(100, "now() + interval '1 hour'");
        delivery(open, "pending", "now() + interval '1 hour'", null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusText now = scrape();
            assertThat(now.value("newshound_deliveries_due")).isEqualTo(before.value("newshound_deliveries_due") + 1);
            assertThat(now.value("newshound_deliveries_pending"))
                    .isEqualTo(before.value("newshound_deliveries_pending") + 2);
            assertThat(now.value("newshound_deliveries_dead")).isEqualTo(before.value("newshound_deliveries_dead") + 2);
            assertThat(now.value("newshound_deliveries_oldest_due_seconds")).isGreaterThanOrEqualTo(600);
            assertThat(now.value("newshound_webhook_endpoints_circuit_open"))
                    .isEqualTo(before.value("newshound_webhook_endpoints_circuit_open") + 1);
        });
    }

    @Test
    void reportsTheConsumerGroupLagAndTheDeadLetterTopic() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusText metrics = scrape();
            assertThat(metrics.value("newshound_kafka_consumer_lag",
                    Map.of("group", "alert-service", "topic", "news.articles.classified.v1"))).isNotNaN();
            assertThat(metrics.value("newshound_dlq_records", Map.of("topic", "news.articles.classified.v1.dlq")))
                    .isNotNaN();
        });
    }

    @AfterEach
    void removeTheRows() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (UUID endpoint : endpoints) {
                execute(c, "delete from delivery where endpoint_id = ?", endpoint);
                execute(c, "delete from alert_update where alert_id in (select a.id from alert a join subscription s"
                        + " on s.id = a.subscription_id where s.endpoint_id = ?)", endpoint);
                execute(c, "delete from alert where subscription_id in"
                        + " (select id from subscription where endpoint_id = ?)", endpoint);
                execute(c, "delete from subscription where endpoint_id = ?", endpoint);
                execute(c, "delete from webhook_endpoint where id = ?", endpoint);
            }
        }
    }

    private UUID endpoint(int consecutiveFailures, String throttledUntil) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            execute(c, "insert into webhook_endpoint (id, url, secret, consecutive_failures, throttled_until)"
                    + " values (?, 'https://receiver.example.com/hook', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZI', ?, "
                    + (throttledUntil == null ? "null" : throttledUntil) + ")", id, consecutiveFailures);
        }
        endpoints.add(id);
        return id;
    }

    private void delivery(UUID endpoint, String status, String due, String lockedUntil) throws SQLException {
        UUID subscription = UUID.randomUUID();
        UUID alert = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            execute(c, "insert into subscription (id, name, topics, match_mode, endpoint_id)"
                    + " values (?, 'metrics', '{land-swap}', 'any', ?)", subscription, endpoint);
            execute(c, "insert into alert (id, subscription_id, article_id, article_revision, revision, event_id,"
                    + " updated_at) values (?, ?, gen_random_uuid(), 1, 1, gen_random_uuid(), now())", alert,
                    subscription);
            execute(c, "insert into alert_update (alert_id, revision, changes, payload, created_at)"
                    + " values (?, 1, '{}', '{\"type\":\"alert.raised\"}', now())", alert);
            execute(c, "insert into delivery (id, alert_id, revision, endpoint_id, status, next_attempt_at,"
                    + " locked_until, lease_token) values (gen_random_uuid(), ?, 1, ?, ?, " + due + ", "
                    + (lockedUntil == null ? "null, null" : lockedUntil + ", gen_random_uuid()") + ")", alert,
                    endpoint, status);
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
