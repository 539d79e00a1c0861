package io.newshound.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.devkit.stack.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing on, as an operator would turn it on: one trace runs from the ingest request through the outbox, both Kafka
 * topics and the delivery row to the partner's receiver, and every service exports its spans by OTLP.
 */
class TraceIT {

    @Test
    void webhookContinuesTheTraceOfTheIngestRequest() throws Exception {
        // stands in for an OpenTelemetry collector: records what the services export over OTLP/HTTP
        try (WebhookReceiver collector = WebhookReceiver.start(0);
                RunningSystem system = RunningSystem.start("trace", Map.of(
                        "QUARKUS_OTEL_SDK_DISABLED", "false",
                        "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", collector.url("").replaceAll("/$", ""),
                        "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                        "QUARKUS_OTEL_EXPORTER_OTLP_COMPRESSION", "none",
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"))) {
            system.subscribe("/traced", "\"name\":\"Traced desk\",\"topics\":[\"security-guarantees\"],"
                    + "\"match\":\"any\"");
            String traceId = UUID.randomUUID().toString().replace("-", "");
            String callerSpan = "00f067aa0ba902b7";
            Instant published = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);

            String articleId = system
                    .submitInTrace(
                            """
                                    {"url":"https://wire.example.com/world/traced-%s",
                                     "title":"Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit",
                                     "body":"Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska summit; no ceasefire yet.",
                                     "source":"Example Wire","language":"en","publishedAt":"%s"}"""
                                    .formatted(UUID.randomUUID(), published),
                            "00-" + traceId + "-" + callerSpan + "-01");

            WebhookReceiver.Received webhook = await().atMost(Duration.ofSeconds(60))
                    .until(() -> system.receiver.received().stream()
                            .filter(r -> r.body().contains(articleId)).findFirst().orElse(null),
                            Objects::nonNull);
            String traceparent = webhook.headers().get("traceparent");
            assertThat(traceparent).as("the webhook's traceparent").isNotNull()
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(traceparent.substring(3, 35)).as("trace id").isEqualTo(traceId);
            // the webhook's parent is a span of the pipeline (the attempt's client span), not the caller's span
            assertThat(traceparent.substring(36, 52)).isNotEqualTo(callerSpan).isNotEqualTo("0000000000000000");
            assertThat(webhook.signatureValid()).isTrue();

            // each service exported spans to the configured collector
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(collector.received())
                    .filteredOn(r -> r.path().equals("/v1/traces"))
                    .anySatisfy(r -> assertThat(r.body()).contains("ingest-service"))
                    .anySatisfy(r -> assertThat(r.body()).contains("classifier-service"))
                    .anySatisfy(r -> assertThat(r.body()).contains("alert-service")));

            // the packaged services log JSON lines, production's format
            Path log = Path.of(System.getProperty("newshound.root", "..")).toAbsolutePath().normalize()
                    .resolve("e2e-tests/target/trace-logs/ingest-service.log");
            String started = Files.readAllLines(log).stream().filter(l -> l.contains("started in")).findFirst()
                    .orElseThrow();
            JsonNode line = new ObjectMapper().readTree(started);
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("message").asText()).contains("ingest-service");

            // the delivery measured the pipeline's latency, from accept to the receiver's 2xx
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(system.metrics("alert-service"))
                    .containsPattern("(?m)^newshound_pipeline_latency_seconds_count(\\{[^}]*\\})? [1-9]"));
        }
    }
}
