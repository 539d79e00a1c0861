package io.newshound.ingest.observability;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newshound.devkit.metrics.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static io.newshound.ingest.Api.article;
import static io.newshound.ingest.Api.uniqueUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With the relay stopped, what is accepted waits in the outbox, and the outbox gauges say so. */
@QuarkusTest
@TestProfile(OutboxBacklogMetricsTest.RelayStopped.class)
class OutboxBacklogMetricsTest {

    public static class RelayStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newshound.ingest.outbox.enabled", "false");
        }
    }

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void countsUnpublishedEventsAndTheAgeOfTheOldest() {
        double before = await().atMost(Duration.ofSeconds(30))
                .until(() -> scrape().value("newshound_outbox_unpublished"), v -> !Double.isNaN(v));

        api().contentType(ContentType.JSON).body(article(uniqueUrl(), "Waiting in the outbox", "The relay is off."))
                .post("/api/v1/articles").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(scrape().value("newshound_outbox_unpublished")).isEqualTo(before + 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(scrape().value("newshound_outbox_oldest_unpublished_seconds")).isGreaterThan(0));
    }
}
