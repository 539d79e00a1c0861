package io.newshound.classifier.classification;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ClassifyResourceTest {

    @Test
    void explainsTheTopicsOfAnArticleWithEvidence() {
        given().contentType(ContentType.JSON).body("""
                {"title": "Russian drones hit power plants across Ukraine",
                 "body": "Russian drones and missiles struck thermal power plants and substations overnight, \
                forcing emergency blackouts in Kyiv.", "language": "en"}""")
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("language", equalTo("en"))
                .body("taxonomyVersion", equalTo("2026.11.0"))
                .body("topics.slug", hasItem("energy-strikes"))
                .body("topics[0].evidence[0].field", equalTo("title"))
                .body("topics[0].evidence[0].snippet", equalTo("Russian drones hit power plants across Ukraine"));
    }

    @Test
    void explainsWhatTheDecisionWeighed() {
        given().contentType(ContentType.JSON).body("""
                {"title": "Russian drones hit power plants across Ukraine",
                 "body": "Russian drones and missiles struck thermal power plants and substations overnight, \
                forcing emergency blackouts in Kyiv.", "language": "en"}""")
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("topics[0].slug", equalTo("energy-strikes"))
                .body("topics[0].decision.model", equalTo(DecisionModel.bundled().orElseThrow().version()))
                .body("topics[0].decision.ruleScore", greaterThan(0.9f))
                .body("topics[0].decision.contributions.feature", hasItems("intercept", "title", "lead"))
                .body("topics[0].decision.contributions[0].contribution", notNullValue());
    }

    @Test
    void detectsTheLanguageWhenNoneIsGiven() {
        given().contentType(ContentType.JSON).body("""
                {"title": "ЕС ввел новые санкции против России",
                 "body": "Европейский союз утвердил новый пакет санкций против России."}""")
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("language", equalTo("ru"))
                .body("topics.slug", hasItem("sanctions"));
    }

    @Test
    void doesNotCountSportsSanctionsAsSanctions() {
        given().contentType(ContentType.JSON).body("""
                {"title": "UEFA sanctions club after fans storm pitch",
                 "body": "UEFA imposed sanctions on the club, including a stadium ban, after the match.",
                 "language": "en"}""")
                .when().post("/api/v1/classify")
                .then().statusCode(200)
                .body("topics.slug", not(hasItem("sanctions")));
    }

    @Test
    void rejectsAnArticleWithoutTitleAsProblemDetails() {
        given().contentType(ContentType.JSON).body("""
                {"body": "text", "language": "es"}""")
                .when().post("/api/v1/classify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/classify"))
                .body("errors.field", hasItems("title", "language"));
    }

    @Test
    void rejectsMalformedJsonAsProblemDetails() {
        given().contentType(ContentType.JSON).body("{\"title\": ")
                .when().post("/api/v1/classify")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid request body"));
    }

    @Test
    void rejectsAMissingBodyAsProblemDetails() {
        given().contentType(ContentType.JSON)
                .when().post("/api/v1/classify")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
