package io.newshound.ingest.outbox;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** Health of ingest-service as an orchestrator sees it: dependencies in readiness, its own loops in liveness. */
@QuarkusTest
class OutboxRelayHealthTest {

    @Inject
    OutboxRelay relay;

    @Test
    void readinessComesFromTheBackgroundChecksOfKafkaAndTheDatabaseOnly() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("kafka", "database"))
                // the built-in checks wait as long as a frozen dependency does
                .body("checks.name", not(hasItems("Kafka connection health check")))
                .body("checks.name", not(hasItems("Database connections health check")));
    }

    @Test
    void livenessGoesDownWhenTheRelayThreadStopsAndUpWhenItRunsAgain() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"));
        relay.stop(null);
        try {
            given().get("/q/health/live").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("DOWN"));
        } finally {
            relay.start(null);
        }
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"));
    }
}
