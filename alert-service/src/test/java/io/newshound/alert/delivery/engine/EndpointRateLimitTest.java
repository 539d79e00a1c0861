package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WebhookReceiver;
import io.newshound.alert.endpoint.WebhookEndpoint;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Each endpoint receives at most its own number of requests per second, and waiting for it delays no one else. */
@QuarkusTest
class EndpointRateLimitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EntityManager em;

    @Test
    void aRateLimitedEndpointGetsItsRequestsSpacedOutWhileAHealthyOneIsServedAtOnce() throws Exception {
        try (WebhookReceiver limited = new WebhookReceiver(); WebhookReceiver healthy = new WebhookReceiver()) {
            String slow = ClassifiedArticles.uniqueSlug("slow");
            String quick = ClassifiedArticles.uniqueSlug("quick");
            var limitedSub = Subscriptions.create(limited.url(), null, null, slow);
            Subscriptions.create(healthy.url(), null, null, quick);
            given().contentType(ContentType.JSON).body(Map.of("perSecond", 1)).when()
                    .put("/api/v1/endpoints/" + limitedSub.endpointId() + "/rate-limit").then().statusCode(200)
                    .body("rateLimitPerSecond", equalTo(1.0f));

            for (int i = 0; i < 4; i++) {
                ClassifiedArticles.publish(ClassifiedArticles.sample(slow, quick));
            }

            await().atMost(PATIENCE).until(() -> healthy.requests().size() == 4 && limited.requests().size() == 4);
            // when each attempt started (before connecting): the first one also opens the connection, so arrival
            // times at the receiver would understate the spacing; an attempt is written shortly after its answer
            await().atMost(PATIENCE).until(() -> attemptTimes(limitedSub.endpointId()).size() == 4);
            List<Instant> times = attemptTimes(limitedSub.endpointId());
            // one token per second, a burst of one; slack for the claim's own duration between token and send
            assertThat(Duration.between(times.get(0), times.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(2700));
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i)))
                        .isGreaterThanOrEqualTo(Duration.ofMillis(800));
            }
            // the healthy endpoint was not held back behind the limited one's waiting deliveries
            assertThat(healthy.requests().get(3).receivedAt()).isBefore(limited.requests().get(3).receivedAt());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Instant> attemptTimes(String endpointId) {
        List<Object> rows = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery(
                        "select attempted_at from delivery_attempt where endpoint_id = ?1 order by attempted_at")
                .setParameter(1, UUID.fromString(endpointId)).getResultList());
        return rows.stream().map(r -> r instanceof Instant i
                ? i
                : r instanceof java.time.OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) r).toInstant())
                .toList();
    }

    @Test
    void rejectsARateLimitOutsideItsRangeNamingTheField() {
        var sub = Subscriptions.create("http://127.0.0.1:9/h", null, null, ClassifiedArticles.uniqueSlug("any"));
        for (double bad : new double[]{0, -1, 20_000}) {
            given().contentType(ContentType.JSON).body(Map.of("perSecond", bad)).when()
                    .put("/api/v1/endpoints/" + sub.endpointId() + "/rate-limit").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("perSecond"));
        }
        given().contentType(ContentType.JSON).body(Map.of("perSecond", 2.5)).when()
                .put("/api/v1/endpoints/" + sub.endpointId() + "/rate-limit").then().statusCode(200)
                .body("rateLimitPerSecond", equalTo(2.5f));
        Map<String, Object> backToDefault = new HashMap<>();
        backToDefault.put("perSecond", null);
        given().contentType(ContentType.JSON).body(backToDefault).when()
                .put("/api/v1/endpoints/" + sub.endpointId() + "/rate-limit").then().statusCode(200)
                .body("rateLimitPerSecond", equalTo(100.0f));
        given().contentType(ContentType.JSON).body(Map.of("perSecond", 5)).when()
                .put("/api/v1/endpoints/" + UUID.randomUUID() + "/rate-limit").then().statusCode(404);
    }

    @Inject
    DataSource dataSource;

    @Test
    void settingARateLimitKeepsTheDeliveryStateTheWorkerWroteMeanwhile() {
        var sub = Subscriptions.create("http://127.0.0.1:9/hooks", null, null,
                ClassifiedArticles.uniqueSlug("land-swap"));
        UUID id = UUID.fromString(sub.endpointId());
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, id);
            // the delivery worker records failures and opens the circuit while the API request holds the entity
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("update webhook_endpoint set consecutive_failures = 7,"
                            + " failing_since = now(), throttled_until = now() + interval '1 hour' where id = ?")) {
                ps.setObject(1, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            endpoint.rateLimitPerSecond = 5.0;
        });
        given().when().get("/api/v1/endpoints/" + id).then().statusCode(200).body("rateLimitPerSecond", equalTo(5.0f))
                .body("consecutiveFailures", equalTo(7)).body("state", equalTo("throttled"));
    }
}
