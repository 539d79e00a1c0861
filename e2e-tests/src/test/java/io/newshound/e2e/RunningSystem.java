package io.newshound.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.devkit.stack.LocalStack;
import io.newshound.devkit.stack.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged system as its users reach it: the local stack, a webhook receiver, and HTTP calls to both. */
final class RunningSystem implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LocalStack stack;
    final WebhookReceiver receiver;

    private RunningSystem(LocalStack stack, WebhookReceiver receiver) {
        this.stack = stack;
        this.receiver = receiver;
    }

    /**
     * Starts the broker and the three services on free ports with fresh databases, and a receiver on loopback.
     *
     * @param name
     *            distinguishes this system's databases ({@code newshound_<service>_<name>}) and log folder
     */
    static RunningSystem start(String name) {
        return start(name, java.util.Map.of());
    }

    /**
     * Starts the system like {@link #start(String)}, with extra environment variables for every service.
     */
    static RunningSystem start(String name, java.util.Map<String, String> env) {
        Path root = Path.of(System.getProperty("newshound.root", "..")).toAbsolutePath().normalize();
        WebhookReceiver receiver = WebhookReceiver.start(0);
        try {
            LocalStack.Builder builder = LocalStack.builder(root).freePorts().databaseSuffix("_" + name)
                    .freshDatabases().env("NEWSHOUND_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1,localhost")
                    .logDir(root.resolve("e2e-tests/target/" + name + "-logs"));
            env.forEach(builder::env);
            LocalStack stack = builder.start();
            return new RunningSystem(stack, receiver);
        } catch (RuntimeException e) {
            receiver.close();
            throw e;
        }
    }

    /** Subscribes the receiver (at {@code path}) with the given subscription fields; returns the subscription. */
    JsonNode subscribe(String path, String fields) throws Exception {
        JsonNode subscription = post(stack.service("alert-service").url() + "/api/v1/subscriptions",
                stack.alertAdminKey(),
                "{" + fields + ",\"webhookUrl\":\"" + receiver.url(path) + "\"}");
        receiver.verifyWith(secretOf(subscription));
        return subscription;
    }

    /** Creates a tenant (as the admin) and a key of role tenant for it; returns the key. */
    String newTenantKey(String id) throws Exception {
        String alerts = stack.service("alert-service").url();
        post(alerts + "/api/v1/tenants", stack.alertAdminKey(), "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
        return post(alerts + "/api/v1/tenants/" + id + "/keys", stack.alertAdminKey(), "{\"name\":\"console\"}")
                .path("key").asText();
    }

    /** Submits an article (JSON) to ingest-service with the run's admin key; returns its id. */
    String submit(String article) throws Exception {
        return post(stack.service("ingest-service").url() + "/api/v1/articles", stack.ingestAdminKey(), article)
                .path("id").asText();
    }

    /** Submits an article as part of the caller's trace (a W3C {@code traceparent} request header); returns its id. */
    String submitInTrace(String article, String traceparent) throws Exception {
        return post(stack.service("ingest-service").url() + "/api/v1/articles", stack.ingestAdminKey(), article,
                java.util.Map.of("traceparent", traceparent)).path("id").asText();
    }

    /** @return a service's Prometheus metrics page */
    String metrics(String service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.service(service).url()
                + "/q/metrics")).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** @return how many webhooks so far carried this article */
    long alertsFor(String articleId) {
        return receiver.received().stream().filter(r -> r.body().contains(articleId)).count();
    }

    /** GETs a path of alert-service's API with the run's admin key; returns the JSON answer. */
    JsonNode alertApi(String pathAndQuery) throws Exception {
        String url = stack.service("alert-service").url() + pathAndQuery;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Api-Key", stack.alertAdminKey()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode post(String url, String apiKey, String body) throws Exception {
        return post(url, apiKey, body, java.util.Map.of());
    }

    private static JsonNode post(String url, String apiKey, String body, java.util.Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        headers.forEach(request::header);
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

    @Override
    public void close() {
        stack.close();
        receiver.close();
    }
}
