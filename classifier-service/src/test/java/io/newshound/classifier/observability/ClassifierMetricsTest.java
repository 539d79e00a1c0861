package io.newshound.classifier.observability;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.devkit.metrics.PrometheusText;
import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The classifier's story in metrics, through the real broker: classifications by topic and language, the consumer
 * group's lag going back to zero once a batch is done, and the dead-letter topic growing with a poison record.
 */
@QuarkusTest
class ClassifierMetricsTest {

    static final String IN = "news.articles.v1";
    static final String DLQ = "news.articles.v1.dlq";
    static final Map<String, String> GROUP = Map.of("group", "classifier-service", "topic", IN);
    static final ObjectMapper JSON = new ObjectMapper();

    KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    @AfterEach
    void disconnect() {
        producer.close(Duration.ofSeconds(5));
    }

    static PrometheusText scrape() {
        return PrometheusText.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void countsClassificationsByTopicAndLanguageAndTheLagReturnsToZero() throws Exception {
        Map<String, String> ceasefireInEnglish = Map.of("topic", "ceasefire", "language", "en");
        double before = orZero(scrape().value("newshound_classifications_total", ceasefireInEnglish));

        send(UUID.randomUUID().toString(), ingested("Ceasefire takes hold in Gaza as hostages are released",
                "A ceasefire between Israel and Hamas took hold on Sunday morning, mediators said."));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            PrometheusText metrics = scrape();
            assertThat(metrics.value("newshound_classifications_total", ceasefireInEnglish)).isEqualTo(before + 1);
            assertThat(metrics.value("newshound_kafka_consumer_lag", GROUP)).isZero();
        });
    }

    @Test
    void countsRecordsInTheDeadLetterTopic() throws Exception {
        Map<String, String> dlq = Map.of("topic", DLQ);
        double before = await().atMost(Duration.ofSeconds(30))
                .until(() -> scrape().value("newshound_dlq_records", dlq), v -> !Double.isNaN(v));

        send(UUID.randomUUID().toString(), "this is not JSON");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(scrape().value("newshound_dlq_records", dlq)).isGreaterThan(before));
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(IN, key, value)).get();
    }

    private static String ingested(String title, String body) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "article.ingested.v1");
        n.put("eventId", UUID.randomUUID().toString());
        n.put("occurredAt", "2026-08-15T18:04:05.123Z");
        n.put("articleId", UUID.randomUUID().toString());
        n.put("revision", 1);
        n.put("url", "https://wire.example.com/" + UUID.randomUUID());
        n.put("title", title);
        n.put("body", body);
        n.put("source", "Example Wire");
        n.put("language", "en");
        n.put("publishedAt", "2026-08-15T17:58:00Z");
        return JSON.writeValueAsString(n);
    }
}
