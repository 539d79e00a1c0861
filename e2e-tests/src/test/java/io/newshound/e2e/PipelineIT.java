package io.newshound.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as it runs in production: the three packaged services as their own processes, a real Kafka broker,
 * the machine's PostgreSQL and a webhook receiver reached over real HTTP.
 */
class PipelineIT {

    private static RunningSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = RunningSystem.start("e2e");
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void subscriberReceivesOneSignedAlertWithTheArticlesTopicsExactlyOnce() throws Exception {
        JsonNode subscription = system.subscribe("/ukraine-desk",
                "\"name\":\"Ukraine desk\",\"topics\":[\"security-guarantees\",\"land-swap\",\"sanctions\"],"
                        + "\"match\":\"any\"");

        String articleId = system
                .submit("""
                        {"url":"https://wire.example.com/world/alaska-summit-%s",
                         "title":"Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit",
                         "body":"Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska summit; no ceasefire yet; land swaps still open.",
                         "source":"Example Wire","language":"en","publishedAt":"2026-08-15T17:58:00Z"}"""
                        .formatted(UUID.randomUUID()));

        JsonNode alert = awaitAlertFor(articleId);
        List<String> topics = new ArrayList<>();
        alert.path("data").path("topics").forEach(t -> topics.add(t.path("slug").asText()));
        assertThat(topics).contains("security-guarantees");
        assertThat(alert.path("data").path("subscriptionId").asText()).isEqualTo(subscription.path("id").asText());
        assertThat(system.receiver.received()).filteredOn(r -> r.body().contains(articleId))
                .allSatisfy(r -> {
                    assertThat(r.signatureValid()).as("signature verifies with the subscription's secret").isTrue();
                    assertThat(r.headers()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
                });

        // deliveries happen in order of the pipeline: once a later article's alert is in, a duplicate would be too
        String markerId = system
                .submit("""
                        {"url":"https://wire.example.com/markets/sanctions-%s",
                         "title":"EU adopts new sanctions package against Russia",
                         "body":"The European Union adopted a new package of sanctions against Russia, including asset freezes on banks.",
                         "source":"Example Wire","language":"en"}"""
                        .formatted(UUID.randomUUID()));
        awaitAlertFor(markerId);
        assertThat(system.alertsFor(articleId)).isEqualTo(1);
    }

    private static JsonNode awaitAlertFor(String articleId) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> system.alertsFor(articleId) >= 1);
        return new ObjectMapper().readTree(system.receiver.received().stream()
                .filter(r -> r.body().contains(articleId)).findFirst().orElseThrow().body());
    }
}
