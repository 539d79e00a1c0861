package io.newshound.alert.health;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWhileKafkaTheDatabaseAndTheDeliveryWorkerAreUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("kafka", "database", "delivery-worker"))
                .body("checks.find { it.name == 'delivery-worker' }.status", equalTo("UP"))
                // the built-in checks wait as long as a frozen dependency does
                .body("checks.name", not(hasItems("Kafka connection health check")))
                .body("checks.name", not(hasItems("Database connections health check")));
    }
}
