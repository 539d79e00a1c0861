package io.newshound.alert.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WebhookReceiver;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** The delivery log, endpoint health, replays and secret rotation, through the public API. */
@QuarkusTest
class DeliveryLogTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager em;

    @Test
    void showsEachDeliveryWithItsAttemptsAndTheEndpointsHealth() {
        receiver.answer(500);
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> delivered(sub.endpointId()) == 1);
        String id = receiver.requests().get(0).header("webhook-id");

        given().queryParam("endpointId", sub.endpointId()).queryParam("status", "delivered").when()
                .get("/api/v1/deliveries").then().statusCode(200).body("id", contains(id))
                .body("[0].subscriptionId", equalTo(sub.id())).body("[0].attemptCount", equalTo(2))
                .body("[0].lastStatus", equalTo(204));
        given().queryParam("endpointId", sub.endpointId()).queryParam("status", "dead").when()
                .get("/api/v1/deliveries").then().statusCode(200).body("$", hasSize(0));
        given().queryParam("since", Instant.now().plusSeconds(60).toString()).when().get("/api/v1/deliveries").then()
                .statusCode(200).body("$", hasSize(0));

        var detail = given().when().get("/api/v1/deliveries/" + id).then().statusCode(200)
                .body("delivery.status", equalTo("delivered")).body("attempts.httpStatus", contains(500, 204))
                .body("attempts[0].attemptNo", equalTo(1)).extract();
        assertThat(detail.<String>path("payload")).isEqualTo(receiver.requests().get(1).body());

        given().when().get("/api/v1/endpoints/" + sub.endpointId() + "/health").then().statusCode(200)
                .body("attempts", equalTo(2)).body("successes", equalTo(1)).body("successRate", equalTo(0.5f))
                .body("lastError", equalTo("HTTP 500")).body("pending", equalTo(0)).body("dead", equalTo(0))
                .body("disabled", equalTo(false));
    }

    @Test
    void rejectsInvalidFiltersNamingEachOne() {
        given().queryParam("status", "lost").queryParam("since", "yesterday").queryParam("endpointId", "x")
                .queryParam("limit", "0").when().get("/api/v1/deliveries").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItems("status", "since", "endpointId", "limit"));
        given().when().get("/api/v1/deliveries/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/endpoints/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void replaysADeliveryUnderItsOriginalWebhookId() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> delivered(sub.endpointId()) == 1);
        String id = receiver.requests().get(0).header("webhook-id");

        given().when().post("/api/v1/deliveries/" + id + "/replay").then().statusCode(202)
                .body("status", equalTo("pending"));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        assertThat(receiver.requests().get(1).header("webhook-id")).isEqualTo(id);
        assertThat(receiver.requests().get(1).body()).isEqualTo(receiver.requests().get(0).body());
    }

    @Test
    void replaysEveryDeadDeliveryOfAnEndpoint() {
        receiver.answer(500, 500, 500, 500, 500, 500);
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> dead(sub.endpointId()) == 2);
        List<String> ids = receiver.requests().stream().map(r -> r.header("webhook-id")).distinct().toList();

        given().contentType(ContentType.JSON).body(Map.of("status", "dead")).when()
                .post("/api/v1/endpoints/" + sub.endpointId() + "/replay").then().statusCode(202)
                .body("replayed", equalTo(2));

        await().atMost(PATIENCE).until(() -> delivered(sub.endpointId()) == 2);
        assertThat(receiver.requests().subList(6, 8)).extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void replaysEverythingSinceATimeAcrossEndpoints() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        String since = Instant.now().minusSeconds(1).toString();
        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> delivered(sub.endpointId()) == 1);

        int replayed = given().contentType(ContentType.JSON).body(Map.of("since", since)).when()
                .post("/api/v1/deliveries/replay").then().statusCode(202).extract().path("replayed");

        assertThat(replayed).isGreaterThanOrEqualTo(1);
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        assertThat(receiver.requests().get(1).header("webhook-id"))
                .isEqualTo(receiver.requests().get(0).header("webhook-id"));
    }

    @Test
    void replaysEverythingSinceAnAlertKeepingTheWebhookIds() throws Exception {
        try (WebhookReceiver later = new WebhookReceiver()) {
            String earlySlug = ClassifiedArticles.uniqueSlug("land-swap");
            String laterSlug = ClassifiedArticles.uniqueSlug("ceasefire");
            var early = Subscriptions.create(receiver.url(), null, null, earlySlug);
            var afterwards = Subscriptions.create(later.url(), null, null, laterSlug);
            ClassifiedArticles.publish(ClassifiedArticles.sample(earlySlug));
            await().atMost(PATIENCE).until(() -> delivered(early.endpointId()) == 1);
            ClassifiedArticles.publish(ClassifiedArticles.sample(laterSlug));
            await().atMost(PATIENCE).until(() -> delivered(afterwards.endpointId()) == 1);
            String id = later.requests().get(0).header("webhook-id");
            String alertId = given().when().get("/api/v1/deliveries/" + id).then().statusCode(200).extract()
                    .path("delivery.alertId");

            given().contentType(ContentType.JSON).body(Map.of("sinceAlertId", alertId)).when()
                    .post("/api/v1/deliveries/replay").then().statusCode(202);

            await().atMost(PATIENCE).until(() -> later.requests().size() == 2);
            assertThat(later.requests().get(1).header("webhook-id")).isEqualTo(id);
            assertThat(later.requests().get(1).body()).isEqualTo(later.requests().get(0).body());
            // the alert raised before it is left alone
            await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        }
        given().contentType(ContentType.JSON).body(Map.of("sinceAlertId", UUID.randomUUID().toString())).when()
                .post("/api/v1/deliveries/replay").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("sinceAlertId"));
    }

    @Test
    void aRotatedOutSecretStopsSigningWhenTheOverlapEnds() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        String rotated = given().when().post("/api/v1/endpoints/" + sub.endpointId() + "/rotate-secret").then()
                .statusCode(200).extract().path("secret");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update webhook_endpoint set previous_secret_expires_at = now() - interval '1 second' where id = ?1")
                .setParameter(1, UUID.fromString(sub.endpointId())).executeUpdate());

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        WebhookReceiver.Request r = receiver.requests().get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(1);
        assertThatCode(() -> new Webhook(rotated).verify(r.body(), r.headers())).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(sub.secret()).verify(r.body(), r.headers()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void deletingASubscriptionCancelsADeliveryEvenMidAttempt() {
        receiver.hold();
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        String id = receiver.requests().get(0).header("webhook-id");

        given().when().delete("/api/v1/subscriptions/" + sub.id()).then().statusCode(204);
        receiver.release();

        await().atMost(PATIENCE).until(() -> given().when().get("/api/v1/deliveries/" + id).then().extract()
                .path("attempts.size()").equals(1));
        given().when().get("/api/v1/deliveries/" + id).then().body("delivery.status", equalTo("cancelled"));
        given().when().post("/api/v1/deliveries/" + id + "/replay").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void replayNeedsAFilter() {
        var sub = Subscriptions.create(receiver.url(), null, null, "land-swap");
        given().contentType(ContentType.JSON).body(Map.of()).when()
                .post("/api/v1/endpoints/" + sub.endpointId() + "/replay").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("status"));
        given().contentType(ContentType.JSON).body(Map.of("since", "last week")).when()
                .post("/api/v1/endpoints/" + sub.endpointId() + "/replay").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
    }

    @Test
    void afterARotationBothSecretsVerifyDuringTheOverlap() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        String rotated = given().when().post("/api/v1/subscriptions/" + sub.id() + "/rotate-secret").then()
                .statusCode(200).body("secret", startsWith("whsec_")).body("endpointId", equalTo(sub.endpointId()))
                .extract().path("secret");
        assertThat(rotated).isNotEqualTo(sub.secret());

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        WebhookReceiver.Request r = receiver.requests().get(0);
        assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(rotated).verify(r.body(), r.headers())).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(sub.secret()).verify(r.body(), r.headers())).doesNotThrowAnyException();
    }

    private static int delivered(String endpointId) {
        return count(endpointId, "delivered");
    }

    private static int dead(String endpointId) {
        return count(endpointId, "dead");
    }

    private static int count(String endpointId, String status) {
        return given().queryParam("endpointId", endpointId).queryParam("status", status).when()
                .get("/api/v1/deliveries").then().statusCode(200).extract().path("size()");
    }
}
