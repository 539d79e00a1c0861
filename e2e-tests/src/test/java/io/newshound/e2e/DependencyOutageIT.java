package io.newshound.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.devkit.kafka.KafkaBroker;
import io.newshound.devkit.kafka.TopicProbe;
import io.newshound.devkit.postgres.LocalPostgres;
import io.newshound.devkit.stack.LocalStack;
import io.newshound.devkit.stack.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged services against a broker that is away when they start, dies (SIGKILL) or freezes (SIGSTOP) under them:
 * they start anyway, serve what needs no broker, answer {@code /q/health/ready} within 2 s at every call, say DOWN
 * within 10 s of the broker going, and catch up by themselves when it is back.
 */
class DependencyOutageIT {

    private static final List<String> SERVICES = List.of("ingest-service", "classifier-service", "alert-service");
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final Duration DOWN_WITHIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path root;
    private static Path logs;
    private static KafkaBroker broker;
    private static final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private static final String adminKey = "outage-admin-" + UUID.randomUUID();

    @BeforeAll
    static void prepareBrokerAndDatabases() throws IOException {
        root = Path.of(System.getProperty("newshound.root", "..")).toAbsolutePath().normalize();
        logs = Files.createDirectories(root.resolve("e2e-tests/target/e2e_outage-logs"));
        broker = KafkaBroker.start();
        broker.createTopics(3, LocalStack.TOPICS.toArray(String[]::new));
        LocalPostgres pg = LocalPostgres.fromEnvironment();
        for (String name : List.of("ingest", "alert")) {
            pg.dropDatabase("newshound_" + name + "_e2e_outage");
            pg.ensureDatabase("newshound_" + name + "_e2e_outage");
        }
    }

    @AfterEach
    void thawTheBroker() {
        if (broker.isRunning()) {
            signal("CONT", broker.pid());
        }
    }

    @AfterAll
    static void stopEverything() {
        running.values().forEach(ServiceProcess::close);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void servicesStartWithoutTheBrokerServeWhatTheyCanAndCatchUpWhenItComes() throws Exception {
        broker.kill();
        startServices();
        for (ServiceProcess s : running.values()) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> status(s.url() + "/q/health/live") == 200);
            assertThat(timedStatus(s, "/q/health/ready")).as("%s readiness without a broker", s.name())
                    .isEqualTo(503);
        }

        // what needs no broker still works: classifying on demand, accepting articles into the outbox, reading them
        HttpResponse<String> classified = post(running.get("classifier-service").url() + "/api/v1/classify", null,
                "{\"title\":\"EU adopts new sanctions against Russian banks\","
                        + "\"body\":\"The European Union adopted sanctions freezing assets of Russian banks.\","
                        + "\"language\":\"en\"}");
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        assertThat(classified.body()).contains("sanctions");
        String url = "https://wire.example.com/outage/" + UUID.randomUUID();
        HttpResponse<String> accepted = post(running.get("ingest-service").url() + "/api/v1/articles", adminKey,
                "{\"url\":\"" + url + "\",\"title\":\"EU widens sanctions on banks\","
                        + "\"body\":\"The European Union widened sanctions, freezing assets of banks.\","
                        + "\"source\":\"Example Wire\",\"language\":\"en\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isBetween(200, 202);
        String articleId = JSON.readTree(accepted.body()).path("id").asText();
        HttpResponse<String> read = get(running.get("ingest-service").url() + "/api/v1/articles/" + articleId,
                adminKey);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

        broker.restart();
        awaitAllReady();
        // the relay publishes what waited in the outbox, and the classifier's consumer and producer pick it up
        try (TopicProbe classifiedTopic = TopicProbe.on(broker.bootstrapServers(), "news.articles.classified.v1")) {
            classifiedTopic.awaitKey(articleId, Duration.ofSeconds(90));
        }
    }

    @Test
    void readinessSaysDownWithinTenSecondsOfTheBrokerDyingOrFreezingAndAlwaysAnswersInTwo() throws Exception {
        if (!broker.isRunning()) {
            broker.restart();
        }
        if (running.isEmpty()) {
            startServices();
        }
        awaitAllReady();

        broker.kill();
        assertAllDownWithin(DOWN_WITHIN, "killed");
        broker.restart();
        awaitAllReady();

        signal("STOP", broker.pid());
        assertAllDownWithin(DOWN_WITHIN, "frozen");
        signal("CONT", broker.pid());
        awaitAllReady();
    }

    private static void startServices() {
        running.values().forEach(ServiceProcess::close);
        running.clear();
        for (String name : SERVICES) {
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("NEWSHOUND_INGEST_SECURITY_ADMIN_KEY", adminKey);
            env.put("NEWSHOUND_ALERT_SECURITY_ADMIN_KEY", adminKey);
            env.put("NEWSHOUND_CLASSIFIER_SECURITY_ADMIN_KEY", adminKey);
            if (!name.equals("classifier-service")) {
                LocalPostgres pg = LocalPostgres.fromEnvironment();
                env.put("QUARKUS_DATASOURCE_JDBC_URL",
                        pg.jdbcUrl("newshound_" + name.substring(0, name.indexOf('-')) + "_e2e_outage"));
                env.put("QUARKUS_DATASOURCE_USERNAME", pg.user());
                env.put("QUARKUS_DATASOURCE_PASSWORD", pg.password());
            }
            running.put(name, ServiceProcess.start(name, root.resolve(name).resolve("target/quarkus-app"),
                    KafkaBroker.freePort(), env, logs.resolve(name + ".log")));
        }
    }

    private static void awaitAllReady() {
        for (ServiceProcess s : running.values()) {
            s.awaitReady(Duration.ofSeconds(120));
        }
    }

    /**
     * Polls every service's readiness until all say 503, checking that each call answers within 2 s and that liveness
     * stays UP: an outage of a dependency is no reason to restart a service.
     */
    private static void assertAllDownWithin(Duration limit, String what) throws Exception {
        long start = System.nanoTime();
        await().atMost(limit).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (ServiceProcess s : running.values()) {
                assertThat(timedStatus(s, "/q/health/ready")).as("%s readiness, broker %s", s.name(), what)
                        .isEqualTo(503);
            }
        });
        System.out.printf("readiness DOWN on all services %d ms after the broker was %s%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), what);
        for (ServiceProcess s : running.values()) {
            assertThat(timedStatus(s, "/q/health/live")).as("%s liveness, broker %s", s.name(), what)
                    .isEqualTo(200);
        }
    }

    /** @return the status of a health call, asserting that it answered within 2 s */
    private static int timedStatus(ServiceProcess s, String path) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).as("%s %s answered in %s: %s", s.name(), path, took, r.body())
                .isLessThanOrEqualTo(ANSWER_WITHIN);
        return r.statusCode();
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> post(String url, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("X-Api-Key", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", key)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void signal(String signal, long pid) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            assertThat(p.waitFor()).as("kill -%s %d", signal, pid).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
