package io.newshound.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.devkit.stack.LocalStack;
import io.newshound.devkit.stack.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as it runs in production: the three packaged services as their own processes, a real Kafka broker,
 * the machine's PostgreSQL and a webhook receiver reached over real HTTP.
 */
class PipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static WebhookReceiver receiver;
    private static LocalStack stack;

    @BeforeAll
    static void startTheSystem() {
        Path root = Path.of(System.getProperty("newshound.root", "..")).toAbsolutePath().normalize();
        receiver = WebhookReceiver.start(0);
        stack = LocalStack.builder(root).freePorts().databaseSuffix("_e2e").freshDatabases()
                .env("NEWSHOUND_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1,localhost")
                .logDir(root.resolve("e2e-tests/target/e2e-logs"))
                .start();
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void subscriberReceivesOneSignedAlertWithTheArticlesTopicsExactlyOnce() throws Exception {
        JsonNode subscription = post(stack.service("alert-service").url() + "/api/v1/subscriptions", null, """
                {"name":"Ukraine desk","topics":["security-guarantees","land-swap","sanctions"],"match":"any",
                 "webhookUrl":"%s"}""".formatted(receiver.url("/ukraine-desk")));
        receiver.verifyWith(secretOf(subscription));

        String articleId = post(stack.service("ingest-service").url() + "/api/v1/articles", stack.ingestAdminKey(),
                """
                        {"url":"https://wire.example.com/world/alaska-summit-%s",
                         "title":"Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit",
                         "body":"Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska summit; no ceasefire yet; land swaps still open.",
                         "source":"Example Wire","language":"en","publishedAt":"2026-08-15T17:58:00Z"}"""
                        .formatted(UUID.randomUUID()))
                .path("id").asText();

        JsonNode alert = awaitAlertFor(articleId);
        List<String> topics = new ArrayList<>();
        alert.path("data").path("topics").forEach(t -> topics.add(t.path("slug").asText()));
        assertThat(topics).contains("security-guarantees");
        assertThat(alert.path("data").path("subscriptionId").asText()).isEqualTo(subscription.path("id").asText());
        assertThat(receiver.received()).filteredOn(r -> r.body().contains(articleId))
                .allSatisfy(r -> {
                    assertThat(r.signatureValid()).as("signature verifies with the subscription's secret").isTrue();
                    assertThat(r.headers()).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature");
                });

        // deliveries happen in order of the pipeline: once a later article's alert is in, a duplicate would be too
        String markerId = post(stack.service("ingest-service").url() + "/api/v1/articles", stack.ingestAdminKey(),
                """
                        {"url":"https://wire.example.com/markets/sanctions-%s",
                         "title":"EU adopts new sanctions package against Russia",
                         "body":"The European Union adopted a new package of sanctions against Russia, including asset freezes on banks.",
                         "source":"Example Wire","language":"en"}"""
                        .formatted(UUID.randomUUID()))
                .path("id").asText();
        awaitAlertFor(markerId);
        assertThat(receiver.received()).filteredOn(r -> r.body().contains(articleId)).hasSize(1);
    }

    private static JsonNode awaitAlertFor(String articleId) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> receiver.received().stream().anyMatch(r -> r.body().contains(articleId)));
        return JSON.readTree(receiver.received().stream().filter(r -> r.body().contains(articleId)).findFirst()
                .orElseThrow().body());
    }

    private static JsonNode post(String url, String apiKey, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static String secretOf(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("whsec_")) {
            return node.asText();
        }
        for (JsonNode child : node) {
            String s = secretOf(child);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
