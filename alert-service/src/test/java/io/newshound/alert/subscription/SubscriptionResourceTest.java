package io.newshound.alert.subscription;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class SubscriptionResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void createsASubscriptionAndShowsItsSecretOnlyOnce() {
        var created = given().contentType(ContentType.JSON).body(Map.of("name", "Ukraine desk", "topics",
                List.of("security-guarantees", "land-swap"), "match", "all", "webhookUrl",
                "http://127.0.0.1:9/hook", "minScore", 0.5)).when().post("/api/v1/subscriptions").then()
                .statusCode(201).header("Location", startsWith("http")).body("name", equalTo("Ukraine desk"))
                .body("topics", contains("security-guarantees", "land-swap")).body("match", equalTo("all"))
                .body("minScore", equalTo(0.5f)).body("webhookUrl", equalTo("http://127.0.0.1:9/hook"))
                .body("secret", startsWith("whsec_")).extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);

        given().when().get("/api/v1/subscriptions/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("secret", nullValue());
        given().when().get("/api/v1/subscriptions").then().statusCode(200).body("id", hasItem(id))
                .body("secret", not(hasItem(secret)));
    }

    @Test
    void defaultsToMatchingAnyTopic() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "n", "topics", List.of("land-swap"), "webhookUrl", "http://localhost:9/h"))
                .when().post("/api/v1/subscriptions").then().statusCode(201).body("match", equalTo("any"))
                .body("minScore", nullValue()).body("updates", equalTo("every-article"));
    }

    @Test
    void keepsTheUpdatePolicyItWasGiven() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "n", "topics", List.of("land-swap"), "webhookUrl", "http://localhost:9/h",
                        "updates", Map.of("atMostEveryMinutes", 30)))
                .when().post("/api/v1/subscriptions").then().statusCode(201)
                .body("updates.atMostEveryMinutes", equalTo(30)).extract().path("id");
        given().when().get("/api/v1/subscriptions/" + id).then().statusCode(200)
                .body("updates.atMostEveryMinutes", equalTo(30));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "n", "topics", List.of("land-swap"), "webhookUrl", "http://localhost:9/h",
                        "updates", "new-topics-only"))
                .when().post("/api/v1/subscriptions").then().statusCode(201)
                .body("updates", equalTo("new-topics-only"));
    }

    @Test
    void rejectsAnUnknownUpdatePolicyNamingTheField() {
        for (Object updates : List.of("sometimes", Map.of("atMostEveryMinutes", 0),
                Map.of("atMostEveryMinutes", 1.5), Map.of("everyMinutes", 5), List.of("every-article"))) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", "n", "topics", List.of("land-swap"), "webhookUrl", "http://localhost:9/h",
                            "updates", updates))
                    .when().post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("updates"));
        }
    }

    @Test
    void deletedSubscriptionIsGone() {
        String id = Subscriptions.create("http://127.0.0.1:9/hook", null, null, "land-swap").id();
        given().when().delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        given().when().get("/api/v1/subscriptions/" + id).then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/subscriptions").then().body("id", not(hasItem(id)));
        given().when().delete("/api/v1/subscriptions/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void unknownSubscriptionIsA404Problem() {
        UUID id = UUID.randomUUID();
        given().when().get("/api/v1/subscriptions/" + id).then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404)).body("title", equalTo("Not found"))
                .body("instance", equalTo("/api/v1/subscriptions/" + id));
        given().when().get("/api/v1/subscriptions/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void rejectsInvalidFieldsNamingEachOne() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", " ", "topics", List.of("ok", "Not A Slug"), "match", "some", "webhookUrl",
                        "ftp://example.com/x", "minScore", 1.5))
                .when().post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400)).body("type", startsWith("https://"))
                .body("title", equalTo("Invalid request")).body("instance", equalTo("/api/v1/subscriptions"))
                .body("errors.field", hasItems("name", "topics[1]", "match", "webhookUrl", "minScore"));
    }

    @Test
    void rejectsMissingTopicsAndUrl() {
        given().contentType(ContentType.JSON).body(Map.of("name", "n", "topics", List.of())).when()
                .post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("topics", "webhookUrl"));
    }

    @Test
    void rejectsWebhooksIntoPrivateNetworks() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "n", "topics", List.of("land-swap"), "webhookUrl", "http://10.1.2.3/hook"))
                .when().post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("webhookUrl"))
                .body("errors[0].message", equalTo("host 10.1.2.3 resolves to a non-public address"));
    }

    @Test
    void rejectsMalformedJsonAsAProblem() {
        given().contentType(ContentType.JSON).body("{\"name\": ").when().post("/api/v1/subscriptions").then()
                .statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    @Test
    void rejectsWrongTypesNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"n\",\"topics\":[\"a\"],\"webhookUrl\":\"http://localhost/\",\"minScore\":\"high\"}")
                .when().post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("minScore"));
    }

    @Test
    void rejectsAnEmptyBody() {
        given().contentType(ContentType.JSON).when().post("/api/v1/subscriptions").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("body"));
    }
}
