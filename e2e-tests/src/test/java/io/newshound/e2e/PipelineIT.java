package io.newshound.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    void subscriberReceivesOneSignedAlertPerStoryAndALaterArticleAsAnUpdateOnIt() throws Exception {
        JsonNode subscription = system.subscribe("/ukraine-desk",
                "\"name\":\"Ukraine desk\",\"topics\":[\"security-guarantees\",\"land-swap\",\"sanctions\"],"
                        + "\"match\":\"any\"");
        // recent publication times: stories only group articles published within 48 hours of each other
        Instant published = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);

        String articleId = system
                .submit("""
                        {"url":"https://wire.example.com/world/alaska-summit-%s",
                         "title":"Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit",
                         "body":"Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska summit; no ceasefire yet; land swaps still open.",
                         "source":"Example Wire","language":"en","publishedAt":"%s"}"""
                        .formatted(UUID.randomUUID(), published));

        JsonNode alert = awaitAlertFor(articleId);
        assertThat(alert.path("type").asText()).isEqualTo("alert.raised");
        List<String> topics = new ArrayList<>();
        alert.path("data").path("topics").forEach(t -> topics.add(t.path("slug").asText()));
        assertThat(topics).contains("security-guarantees");
        assertThat(alert.path("data").path("subscriptionId").asText()).isEqualTo(subscription.path("id").asText());

        // another outlet on the same development: no second alert, an update on the first
        String sameStoryId = system
                .submit("""
                        {"url":"https://courier.example.com/alaska-%s",
                         "title":"Alaska summit: Putin backs Article 5-style security guarantees for Ukraine",
                         "body":"At the Alaska summit Putin backed Article 5-style security guarantees for Ukraine, while a ceasefire and land swaps remain unresolved.",
                         "source":"Daily Courier","language":"en","publishedAt":"%s"}"""
                        .formatted(UUID.randomUUID(), published.plus(Duration.ofMinutes(20))));
        JsonNode update = awaitAlertFor(sameStoryId);
        assertThat(update.path("type").asText()).isEqualTo("alert.updated");
        assertThat(update.at("/data/alertId").asText()).isEqualTo(alert.at("/data/alertId").asText());
        assertThat(update.at("/data/revision").asInt()).isEqualTo(2);
        assertThat(update.at("/data/story/id").asText()).isEqualTo(alert.at("/data/story/id").asText());
        assertThat(update.at("/data/changes/newSources/0").asText()).isEqualTo("Daily Courier");

        // a different development is a new alert; once it is in, a duplicate of either earlier webhook would be too
        String markerId = system
                .submit("""
                        {"url":"https://wire.example.com/markets/sanctions-%s",
                         "title":"EU adopts new sanctions package against Russia",
                         "body":"The European Union adopted a new package of sanctions against Russia, including asset freezes on banks.",
                         "source":"Example Wire","language":"en"}"""
                        .formatted(UUID.randomUUID()));
        JsonNode marker = awaitAlertFor(markerId);
        assertThat(marker.path("type").asText()).isEqualTo("alert.raised");
        assertThat(marker.at("/data/alertId").asText()).isNotEqualTo(alert.at("/data/alertId").asText());
        assertThat(system.alertsFor(articleId)).isEqualTo(1);
        assertThat(system.alertsFor(sameStoryId)).isEqualTo(1);
        assertThat(system.receiver.received()).filteredOn(r -> r.body().contains(alert.at("/data/alertId").asText()))
                .hasSize(2).allSatisfy(r -> {
                    assertThat(r.signatureValid()).as("signature verifies with the subscription's secret").isTrue();
                    assertThat(r.headers()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
                });

        // a partner without a public endpoint pulls the very same documents, in order, from the feed
        JsonNode feed = system.alertApi("/api/v1/feed?subscriptionId=" + subscription.path("id").asText());
        List<String> types = new ArrayList<>();
        feed.path("items").forEach(i -> types.add(i.path("type").asText()));
        assertThat(types).containsExactly("alert.raised", "alert.updated", "alert.raised");
        assertThat(feed.at("/items/0/data")).isEqualTo(alert);
        assertThat(feed.at("/items/1/data")).isEqualTo(update);
        assertThat(feed.at("/items/2/data")).isEqualTo(marker);
    }

    private static JsonNode awaitAlertFor(String articleId) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> system.alertsFor(articleId) >= 1);
        return new ObjectMapper().readTree(system.receiver.received().stream()
                .filter(r -> r.body().contains(articleId)).findFirst().orElseThrow().body());
    }
}
