package io.newshound.devkit.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the whole pipeline locally for a newcomer: starts Kafka and the three services, subscribes a demo webhook
 * receiver to every topic (as the tenant {@code demo-desk}), feeds the sample articles, prints each alert the receiver
 * gets and the console's address with a sign-in key for the demo desk, until Ctrl-C.
 *
 * <p>
 * Arguments: {@code [--root DIR] [--samples FILE] [--receiver-port N]}. The services use the databases
 * {@code newshound_ingest_local} and {@code newshound_alert_local}, recreated on every run so the samples alert again.
 */
public final class LocalRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tenant whose key the run prints for signing in to the console. */
    private static final String DEMO_TENANT = "demo-desk";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path samples = Path.of(options.getOrDefault("samples",
                root.resolve("deploy/local/samples/articles.json").toString()));
        int receiverPort = Integer.parseInt(options.getOrDefault("receiver-port", "0"));
        Path runDir = root.resolve("deploy/local/.run");

        say("Starting the demo webhook receiver");
        WebhookReceiver receiver = WebhookReceiver.start(receiverPort);
        receiver.onReceive(LocalRun::print);

        say("Starting Kafka and the three services (logs in " + root.relativize(runDir.resolve("logs")) + ")");
        LocalStack stack = LocalStack.builder(root)
                .databaseSuffix("_local").freshDatabases()
                .env("NEWSHOUND_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1,localhost")
                // log files a person reads: plain text rather than the production JSON
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
                .logDir(runDir.resolve("logs"))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping everything this run started");
            stack.close();
            receiver.close();
            stopped.countDown();
        }, "local-run-stop"));
        say("Kafka at " + stack.bootstrapServers() + "; ingest " + stack.service("ingest-service").url()
                + ", classifier " + stack.service("classifier-service").url() + ", alerts "
                + stack.service("alert-service").url());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String alerts = stack.service("alert-service").url();
        // a desk of its own, so the console shows a newcomer what a tenant sees
        ObjectNode desk = JSON.createObjectNode().put("id", DEMO_TENANT).put("name", "Demo desk");
        post(http, alerts + "/api/v1/tenants", desk, stack.alertAdminKey());
        String deskKey = post(http, alerts + "/api/v1/tenants/" + DEMO_TENANT + "/keys",
                JSON.createObjectNode().put("name", "console sign-in"), stack.alertAdminKey()).path("key").asText();
        ObjectNode subscription = JSON.createObjectNode();
        subscription.put("name", "Demo desk: every topic");
        ArrayNode topics = subscription.putArray("topics");
        for (String t : new String[]{"ceasefire", "sanctions", "land-swap", "security-guarantees", "peace-talks",
                "prisoner-exchange", "energy-strikes"}) {
            topics.add(t);
        }
        subscription.put("match", "any");
        subscription.put("webhookUrl", receiver.url("/demo-desk"));
        JsonNode created = post(http, alerts + "/api/v1/subscriptions", subscription, deskKey);
        String secret = findSecret(created);
        if (secret != null) {
            receiver.verifyWith(secret);
        }
        say("Subscribed " + receiver.url("/demo-desk") + " to all topics (subscription "
                + created.path("id").asText() + ")");

        JsonNode articles = JSON.readTree(Files.readString(samples));
        for (JsonNode article : articles) {
            JsonNode receipt = post(http, stack.service("ingest-service").url() + "/api/v1/articles", article,
                    stack.ingestAdminKey());
            say("Submitted \"" + article.path("title").asText() + "\" -> " + receipt.path("outcome").asText());
        }
        say("Fed " + articles.size() + " sample articles. Alerts appear below as they arrive; Ctrl-C stops.");
        say("Console: " + alerts + "/console  (sign in as the demo desk with " + deskKey + ")");
        stopped.await();
    }

    private static JsonNode post(HttpClient http, String url, JsonNode body, String apiKey) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String findSecret(JsonNode node) {
        if (node.isTextual() && node.asText().startsWith("whsec_")) {
            return node.asText();
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            String s = findSecret(it.next());
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static void print(WebhookReceiver.Received r) {
        try {
            JsonNode alert = JSON.readTree(r.body());
            JsonNode data = alert.path("data");
            StringBuilder topics = new StringBuilder();
            for (JsonNode t : data.path("topics")) {
                topics.append(topics.length() == 0 ? "" : ", ").append(t.path("slug").asText())
                        .append(String.format(" %.2f", t.path("score").asDouble()));
            }
            JsonNode story = data.path("story");
            // one print per alert: receiver threads print concurrently
            StringBuilder out = new StringBuilder();
            out.append(String.format("%n%s ALERT %s rev %d  [%s]%n    story: %s (%d articles, %s)%n",
                    LocalTime.now().format(CLOCK), alert.path("type").asText(), data.path("revision").asInt(),
                    r.headers().get("webhook-id"), story.path("headline").asText(),
                    story.path("articleCount").asInt(), story.path("sources")));
            for (JsonNode article : data.path("articles")) {
                out.append(String.format("    + %s%n      %s (%s, %s)%n", article.path("title").asText(),
                        article.path("source").asText(), article.path("language").asText(),
                        article.path("url").asText()));
            }
            out.append(String.format("    topics: %s  new: %s  signature %s%n", topics, data.path("changes"),
                    r.signatureValid() ? "valid" : "NOT VERIFIED"));
            System.out.print(out);
        } catch (IOException e) {
            System.out.println("ALERT (unparseable): " + r.body());
        }
    }

    private static void say(String message) {
        System.out.println(LocalTime.now().format(CLOCK) + " " + message);
    }
}
