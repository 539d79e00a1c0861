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
 * Services die (SIGKILL) while articles keep coming and are started again: every article still raises its alert, and
 * none raises two.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static WebhookReceiver receiver;
    private static LocalStack stack;

    @BeforeAll
    static void startTheSystem() {
        Path root = Path.of(System.getProperty("newshound.root", "..")).toAbsolutePath().normalize();
        receiver = WebhookReceiver.start(0);
        stack = LocalStack.builder(root).freePorts().databaseSuffix("_e2e_crash").freshDatabases()
                .env("NEWSHOUND_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1,localhost")
                .logDir(root.resolve("e2e-tests/target/e2e-crash-logs"))
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
    void classifierAndAlertServiceCrashesLoseNoAlertAndDuplicateNone() throws Exception {
        post(stack.service("alert-service").url() + "/api/v1/subscriptions", null, """
                {"name":"Sanctions desk","topics":["sanctions"],"match":"any","webhookUrl":"%s"}"""
                .formatted(receiver.url("/sanctions-desk")));

        stack.crash("classifier-service");
        stack.crash("alert-service");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(submit("EU adopts sanctions package number " + i + " against Russian banks"));
        }
        stack.restart("classifier-service");
        stack.restart("alert-service");

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> ids.stream().allMatch(id -> alertsFor(id) >= 1));
        // alerts go out in pipeline order: once a later article's alert is in, a duplicate would be too
        String marker = submit("US imposes new sanctions on shipping companies");
        await().atMost(Duration.ofSeconds(90)).until(() -> alertsFor(marker) >= 1);
        for (String id : ids) {
            assertThat(alertsFor(id)).as("alerts for %s", id).isEqualTo(1);
        }
    }

    private static long alertsFor(String articleId) {
        return receiver.received().stream().filter(r -> r.body().contains(articleId)).count();
    }

    private static String submit(String title) throws Exception {
        return post(stack.service("ingest-service").url() + "/api/v1/articles", stack.ingestAdminKey(), """
                {"url":"https://wire.example.com/markets/%s","title":"%s",
                 "body":"%s. The European Union and the United States widened sanctions, freezing assets of banks.",
                 "source":"Example Wire","language":"en"}""".formatted(UUID.randomUUID(), title, title))
                .path("id").asText();
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
}
