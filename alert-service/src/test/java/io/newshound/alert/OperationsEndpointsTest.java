package io.newshound.alert;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** What operators and the deployment rely on: readiness (Kafka and database), metrics, the API description. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void isReadyWithKafkaAndTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("database", "kafka"));
    }

    @Test
    void publishesPrometheusMetrics() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("newshound_webhook_in_flight"));
    }

    @Test
    void describesItsApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/subscriptions")).body(containsString("/api/v1/deliveries"))
                .body(containsString("/api/v1/alerts/{id}")).body(containsString("/api/v1/stories/{id}/timeline"))
                .body(containsString("/api/v1/subscriptions/{id}/muted-stories/{storyId}"));
    }
}
