package io.newshound.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.newshound.devkit.metrics.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the Prometheus rules and the Grafana dashboard under {@code deploy/monitoring} query is one the packaged
 * services really expose, scraped from their {@code /q/metrics} after an article went all the way to a webhook (so the
 * counters that appear on first use are there too). A renamed metric fails here, not silently in a dashboard.
 */
class MonitoringIT {

    /** Metric names in PromQL: the services' own, Kafka client and HTTP server metrics. */
    private static final Pattern METRIC = Pattern
            .compile("\\b(?:newshound|kafka|http_server|jvm|process)_[a-zA-Z0-9_]+");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = RunningSystem.start("monitoring");
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsExposed() throws Exception {
        Set<String> queried = queriedMetrics();
        assertThat(queried).hasSizeGreaterThan(10);

        system.subscribe("/monitoring", "\"name\":\"Monitoring desk\",\"topics\":[\"security-guarantees\"],"
                + "\"match\":\"any\"");
        String articleId = system.submit("""
                {"url":"https://wire.example.com/world/guarantees-%s",
                 "title":"Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit",
                 "body":"Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska summit.",
                 "source":"Example Wire","language":"en","publishedAt":"%s"}"""
                .formatted(UUID.randomUUID(), Instant.now().minus(Duration.ofMinutes(5))));
        await().atMost(Duration.ofSeconds(90)).until(() -> system.alertsFor(articleId) == 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> exposed = new TreeSet<>();
            for (String service : List.of("ingest-service", "classifier-service", "alert-service")) {
                exposed.addAll(scrape(service).names());
            }
            assertThat(exposed).as("metrics exposed by the services").containsAll(queried);
        });
    }

    private static PrometheusText scrape(String service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest
                .newBuilder(URI.create(system.stack.service(service).url() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static Set<String> queriedMetrics() throws Exception {
        Path root = Path.of(System.getProperty("newshound.root", "..")).toAbsolutePath().normalize();
        Set<String> names = new TreeSet<>();
        try (var rules = Files.list(root.resolve("deploy/monitoring/rules"))) {
            for (Path file : rules.toList()) {
                JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                doc.path("groups").forEach(g -> g.path("rules").forEach(r -> names.addAll(metrics(r.path("expr")
                        .asText()))));
            }
        }
        JsonNode dashboard = new ObjectMapper()
                .readTree(root.resolve("deploy/monitoring/grafana/newshound-pipeline.json").toFile());
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> names.addAll(metrics(t.path("expr")
                .asText()))));
        return names;
    }

    private static Set<String> metrics(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
