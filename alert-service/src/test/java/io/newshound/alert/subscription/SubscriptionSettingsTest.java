package io.newshound.alert.subscription;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** The full subscription: keyword query, languages, sources, pause, and changing them. */
@QuarkusTest
class SubscriptionSettingsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String HOOK = "http://127.0.0.1:9/hook";

    @Test
    void storesAndShowsEveryFieldButTheSecret() {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "Kyiv desk", "topics",
                List.of("security-guarantees"), "query", "\"security guarantees\" OR \"Article 5\" -football",
                "languages", List.of("en", "UK"), "sources", List.of("reuters.com", "Example Wire"),
                "excludeSources", List.of("tabloid.example"), "minScore", 0.4, "paused", true, "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");

        given().get("/api/v1/subscriptions/" + id).then().statusCode(200)
                .body("query", equalTo("\"security guarantees\" OR \"Article 5\" -football"))
                .body("languages", contains("en", "uk")).body("sources", contains("reuters.com", "Example Wire"))
                .body("excludeSources", contains("tabloid.example")).body("minScore", equalTo(0.4f))
                .body("paused", equalTo(true)).body("tenantId", equalTo("default"))
                .body("secret", nullValue()).body("updatedAt", equalTo(
                        given().get("/api/v1/subscriptions/" + id).then().extract().path("createdAt")));
    }

    @Test
    void aKeywordQueryAloneIsEnough() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "keywords only", "query", "ceasefire talks", "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(201).body("topics", empty())
                .body("query", equalTo("ceasefire talks"));
    }

    @Test
    void neitherTopicsNorQueryIsRejectedNamingTopics() {
        given().contentType(ContentType.JSON).body(Map.of("name", "nothing", "topics", List.of(), "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", contains("topics"));
    }

    @Test
    void anUnparsableQueryIsRejectedWithTheParsersMessageAndPosition() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "query", "ukraine OR", "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].message", equalTo("OR needs a word, phrase or group on both sides (at position 8)"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "query", "\"security guarantees", "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(400)
                .body("errors[0].message", containsString("never closed (at position 0)"));
    }

    @Test
    void limitsAreEnforcedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "long", "query", "word ".repeat(101), "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(400)
                .body("errors[0].field", equalTo("query"))
                .body("errors[0].message", equalTo("must be at most 500 characters"));
        List<String> topics = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "t" + i).toList();
        given().contentType(ContentType.JSON).body(Map.of("name", "many", "topics", topics, "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(400).body("errors[0].field", equalTo("topics"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "query", "a", "languages", List.of("english"), "sources", List.of(" "),
                        "webhookUrl", HOOK))
                .post("/api/v1/subscriptions").then().statusCode(400)
                .body("errors.field", contains("languages[0]", "sources[0]"));
    }

    @Test
    void putReplacesEverySettingButTheWebhook() {
        var created = Subscriptions.create(HOOK, "all", 0.5, "land-swap", "ceasefire");
        given().contentType(ContentType.JSON).body(Map.of("name", "renamed", "query", "truce", "languages",
                List.of("de"))).put("/api/v1/subscriptions/" + created.id()).then().statusCode(200)
                .body("name", equalTo("renamed")).body("topics", empty()).body("match", equalTo("any"))
                .body("query", equalTo("truce")).body("languages", contains("de")).body("minScore", nullValue())
                .body("webhookUrl", equalTo(HOOK)).body("endpointId", equalTo(created.endpointId()));
    }

    @Test
    void patchChangesOnlyTheNamedFields() {
        var created = Subscriptions.create(HOOK, "all", 0.5, "land-swap", "ceasefire");
        String path = "/api/v1/subscriptions/" + created.id();
        given().contentType("application/merge-patch+json").body("{\"paused\": true, \"query\": \"swap\"}")
                .patch(path).then().statusCode(200).body("paused", equalTo(true)).body("query", equalTo("swap"))
                .body("topics", contains("land-swap", "ceasefire")).body("match", equalTo("all"))
                .body("minScore", equalTo(0.5f));
        given().contentType(ContentType.JSON).body("{\"query\": null, \"minScore\": null}").patch(path).then()
                .statusCode(200).body("query", nullValue()).body("minScore", nullValue())
                .body("paused", equalTo(true));
        given().get("/api/v1/subscriptions").then().body("find { it.id == '" + created.id() + "' }.paused",
                equalTo(true));
    }

    @Test
    void patchRefusesInvalidOrUnchangeableFields() {
        var created = Subscriptions.create(HOOK, null, null, "land-swap");
        String path = "/api/v1/subscriptions/" + created.id();
        given().contentType(ContentType.JSON).body("{\"webhookUrl\": \"http://127.0.0.1:9/other\"}").patch(path)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("webhookUrl"));
        given().contentType(ContentType.JSON).body("{\"topics\": [], \"query\": null}").patch(path).then()
                .statusCode(400).body("errors.field", hasItem("topics"));
        given().contentType(ContentType.JSON).body("{\"query\": \"(unclosed\"}").patch(path).then()
                .statusCode(400).body("errors[0].field", equalTo("query"));
        given().contentType(ContentType.JSON).body("{\"paused\": \"maybe\"}").patch(path).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("paused"));
        given().get(path).then().body("topics", contains("land-swap")).body("paused", equalTo(false));
    }
}
