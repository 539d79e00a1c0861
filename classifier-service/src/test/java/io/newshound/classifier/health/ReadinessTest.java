package io.newshound.classifier.health;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWithTheBrokerReachableAndATaxonomyWithRulesInstalled() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("kafka", "taxonomy"))
                .body("checks.find { it.name == 'taxonomy' }.data.version", equalTo("2026.11.0"))
                .body("checks.find { it.name == 'taxonomy' }.data.rules", greaterThan(0))
                // the built-in check waits up to the client's 60 s default for a frozen broker
                .body("checks.name", not(hasItems("Kafka connection health check")));
    }
}
