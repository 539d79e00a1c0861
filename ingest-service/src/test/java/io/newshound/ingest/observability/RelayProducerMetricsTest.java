package io.newshound.ingest.observability;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.newshound.devkit.metrics.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static io.newshound.ingest.Api.article;
import static io.newshound.ingest.Api.uniqueUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay's Kafka producer reports its client metrics, and a drained outbox reads zero. */
@QuarkusTest
class RelayProducerMetricsTest {

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void exposesTheRelayProducersClientMetricsAndAnEmptyOutbox() {
        api().contentType(ContentType.JSON).body(article(uniqueUrl(), "Relayed at once", "The relay is on."))
                .post("/api/v1/articles").then().statusCode(201);

        Map<String, String> relay = Map.of("client_id", "ingest-outbox-relay");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusText metrics = scrape();
            assertThat(metrics.value("kafka_producer_record_send_total", relay)).isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("kafka_producer_request_latency_avg", relay)).isNotNaN();
            assertThat(metrics.value("newshound_outbox_unpublished")).isZero();
            assertThat(metrics.value("newshound_outbox_oldest_unpublished_seconds")).isZero();
        });
    }
}
