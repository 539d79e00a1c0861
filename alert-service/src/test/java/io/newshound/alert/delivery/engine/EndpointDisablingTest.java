package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Endpoints that keep failing get disabled after the configured time (five days by default), and their owners are told.
 * Instead of waiting days, the tests set the start of the failing run back, as if the clock had moved on.
 */
@QuarkusTest
class EndpointDisablingTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EntityManager em;

    @Test
    void anEndpointFailingForTooLongIsDisabledAndItsOwnerIsTold() {
        receiver.answer(500);
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        failingForSixDays(sub.endpointId());

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        await().atMost(PATIENCE).until(() -> "disabled".equals(state(sub.endpointId())));
        given().when().get("/api/v1/endpoints/" + sub.endpointId()).then().statusCode(200)
                .body("disabledReason", startsWith("every attempt failed since "))
                .body("disabledAt", notNullValue());
        given().when().get("/api/v1/endpoints/" + sub.endpointId() + "/events").then().statusCode(200)
                .body("type", contains("disabled")).body("[0].detail", startsWith("every attempt failed since "));
        // and through the tenant's notification log, which the live stream and the pull feed read
        List<Map<String, Object>> told = disabledNotices(sub.endpointId());
        assertThat(told).hasSize(1);
        assertThat(told.get(0).get("reason").toString()).startsWith("every attempt failed since ");
        // the delivery waits, with retries left, instead of being sent to a partner that is not there
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        String id = receiver.requests().get(0).header("webhook-id");
        given().when().get("/api/v1/deliveries/" + id).then().body("delivery.status", equalTo("pending"));

        given().when().post("/api/v1/endpoints/" + sub.endpointId() + "/enable").then().statusCode(200)
                .body("state", equalTo("enabled")).body("failingSince", nullValue());

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        assertDelivered(id);
        given().when().get("/api/v1/endpoints/" + sub.endpointId() + "/events").then().statusCode(200)
                .body("type", contains("enabled", "disabled"));
    }

    /** The {@code endpoint.disabled} entries about this endpoint in the caller's pull feed, read page by page. */
    static List<Map<String, Object>> disabledNotices(String endpointId) {
        List<Map<String, Object>> found = new ArrayList<>();
        String cursor = null;
        while (true) {
            var request = given().queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                return found;
            }
            for (Map<String, Object> item : items) {
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) item.get("data");
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) payload.get("data");
                if ("endpoint.disabled".equals(item.get("type")) && endpointId.equals(data.get("endpointId"))) {
                    found.add(data);
                }
            }
            cursor = page.getString("nextCursor");
        }
    }

    @Test
    void aSuccessEndsTheFailingRunBeforeItDisablesAnything() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        failingForSixDays(sub.endpointId());

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        assertDelivered(receiver.requests().get(0).header("webhook-id"));
        given().when().get("/api/v1/endpoints/" + sub.endpointId()).then().statusCode(200)
                .body("state", equalTo("enabled")).body("failingSince", nullValue());
        given().when().get("/api/v1/endpoints/" + sub.endpointId() + "/events").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void eventsOfAnUnknownEndpointAreNotFound() {
        given().when().get("/api/v1/endpoints/" + UUID.randomUUID() + "/events").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private void failingForSixDays(String endpointId) {
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery(
                        "update webhook_endpoint set failing_since = now() - interval '6 days' where id = ?1")
                .setParameter(1, UUID.fromString(endpointId)).executeUpdate());
    }

    private static void assertDelivered(String deliveryId) {
        await().atMost(PATIENCE).until(() -> "delivered".equals(given().when().get("/api/v1/deliveries/" + deliveryId)
                .then().extract().path("delivery.status")));
    }

    private static String state(String endpointId) {
        return given().when().get("/api/v1/endpoints/" + endpointId).then().statusCode(200).extract().path("state");
    }
}
