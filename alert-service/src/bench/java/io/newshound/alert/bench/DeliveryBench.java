package io.newshound.alert.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.flywaydb.core.Flyway;

import com.sun.net.httpserver.HttpServer;

import io.newshound.alert.delivery.engine.DeliveryClaims;
import io.newshound.alert.delivery.engine.StaticWebhookConfig;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;
import io.newshound.alert.delivery.webhook.WebhookSender;
import io.newshound.alert.delivery.webhook.WebhookSignature;
import io.newshound.alert.delivery.webhook.WebhookTargetGuard;
import io.newshound.devkit.postgres.LocalPostgres;
import io.vertx.core.Vertx;

/**
 * On-demand numbers for the delivery path: how long claiming due deliveries takes with a large backlog, and how many
 * signed webhooks one instance sends per second to a local receiver. Uses its own scratch database
 * {@code newshound_alert_bench} (wiped on every run).
 *
 * <pre>
 * ./mvnw -q -pl alert-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.newshound.alert.bench.DeliveryBench [-Dbench.deliveries=100000 -Dbench.endpoints=1000]
 * </pre>
 */
public final class DeliveryBench {

    private DeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        int endpoints = Integer.getInteger("bench.endpoints", 1000);
        int deliveries = Integer.getInteger("bench.deliveries", 100_000);
        int requests = Integer.getInteger("bench.requests", 5000);
        claim(endpoints, deliveries);
        send(requests, 64);
    }

    private static void claim(int endpoints, int deliveries) throws SQLException {
        LocalPostgres pg = LocalPostgres.fromEnvironment();
        String db = "newshound_alert_bench";
        pg.ensureDatabase(db);
        String url = pg.jdbcUrl(db);
        Flyway flyway = Flyway.configure().dataSource(url, pg.user(), pg.password()).cleanDisabled(false)
                .locations("classpath:db/migration").load();
        flyway.clean();
        flyway.migrate();
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
                Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("insert into webhook_endpoint (id, url, secret) select gen_random_uuid(),"
                    + " 'http://127.0.0.1:9/' || g, 'whsec_x' from generate_series(1, " + endpoints + ") g");
            s.execute("insert into subscription (id, name, topics, match_mode, endpoint_id)"
                    + " select gen_random_uuid(), 'bench', '{land-swap}', 'any', id from webhook_endpoint");
            s.execute("insert into alert (id, subscription_id, article_id, article_revision, revision, event_id,"
                    + " updated_at) select gen_random_uuid(), s.id, gen_random_uuid(), g, 1, gen_random_uuid(), now()"
                    + " from subscription s cross join generate_series(1, " + Math.max(1, deliveries / endpoints)
                    + ") g");
            s.execute("insert into alert_update (alert_id, revision, changes, payload, created_at)"
                    + " select id, 1, '{}', repeat('x', 1500), now() from alert");
            // two thirds of the backlog is due, the rest waits for a later retry
            s.execute("insert into delivery (id, alert_id, revision, endpoint_id, status, next_attempt_at)"
                    + " select gen_random_uuid(), a.id, 1, s.endpoint_id, 'pending',"
                    + " now() + case when random() < 0.67 then -random() * interval '1 hour'"
                    + " else random() * interval '1 hour' end from alert a join subscription s on s.id ="
                    + " a.subscription_id");
            s.execute("vacuum analyze");
            System.out.printf("seeded %d endpoints, %d pending deliveries in %d ms%n", endpoints, count(s),
                    (System.nanoTime() - t0) / 1_000_000);

            c.setAutoCommit(false);
            for (int[] shape : new int[][]{{0, 2000}, {4, 2000}, {0, 500}, {4, 500}, {1, 64}}) {
                // per endpoint 0: the due-index walk; otherwise the per-endpoint walk used when the window is full
                String sql = shape[0] == 0 ? DeliveryClaims.DUE_FIRST_SQL : DeliveryClaims.DUE_PER_ENDPOINT_SQL;
                long[] ms = new long[30];
                int rows = 0;
                for (int i = 0; i < ms.length; i++) {
                    long start = System.nanoTime();
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        if (shape[0] == 0) {
                            ps.setObject(1, DeliveryClaims.FROM_THE_START.dueAt().atOffset(ZoneOffset.UTC));
                            ps.setObject(2, DeliveryClaims.FROM_THE_START.deliveryId());
                            ps.setInt(3, shape[1]);
                        } else {
                            ps.setInt(1, shape[0]);
                            ps.setInt(2, shape[1]);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            rows = 0;
                            while (rs.next()) {
                                rows++;
                            }
                        }
                    }
                    c.rollback();
                    ms[i] = (System.nanoTime() - start) / 1_000;
                }
                Arrays.sort(ms);
                System.out.printf("due rows (per endpoint %d, limit %d): %d rows, p50 %.1f ms, p95 %.1f ms%n", shape[0],
                        shape[1], rows, ms[ms.length / 2] / 1000.0, ms[(int) (ms.length * 0.95)] / 1000.0);
            }
        }
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from delivery")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void send(int requests, int concurrency) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.setExecutor(pool);
        server.start();
        StaticWebhookConfig config = new StaticWebhookConfig();
        config.maxInFlightPerEndpoint = concurrency;
        Vertx vertx = Vertx.vertx();
        WebhookSender sender = new WebhookSender(config,
                new WebhookTargetGuard(Set.of("127.0.0.1"), InetAddress::getAllByName), vertx);
        String target = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        String payload = "{\"type\":\"alert.raised\",\"data\":{\"title\":\"" + "x".repeat(1500) + "\"}}";
        List<String> secrets = List.of(WebhookSignature.newSecret());

        long signStart = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            WebhookSignature.header(secrets, "id-" + i, 1_700_000_000L, payload.getBytes());
        }
        System.out.printf("signing %d-byte bodies: %.0f signatures/s%n", payload.length(),
                20_000 / ((System.nanoTime() - signStart) / 1e9));

        for (int round = 0; round < 2; round++) { // the first round warms the JIT and the connection pool
            Semaphore slots = new Semaphore(concurrency);
            List<CompletableFuture<AttemptResult>> results = new ArrayList<>(requests);
            long t0 = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                slots.acquire();
                DeliveryTask task = new DeliveryTask(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, 0,
                        target, payload, secrets);
                results.add(sender.send(task).whenComplete((r, e) -> slots.release()));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] latency = results.stream().mapToLong(f -> f.join().latencyMs()).sorted().toArray();
            long ok = results.stream().filter(f -> f.join().succeeded()).count();
            if (round == 1) {
                System.out.printf(
                        "Vert.x sender, %d signed webhooks, %d in flight: %.0f req/s, %d ok, latency p50 %d ms,"
                                + " p99 %d ms%n",
                        requests, concurrency, requests / seconds, ok, latency[latency.length / 2],
                        latency[(int) (latency.length * 0.99)]);
            }
        }
        jdkClientRate(target, payload, secrets, requests, concurrency);
        server.stop(0);
        pool.shutdownNow();
        vertx.close();
    }

    /**
     * The same signed requests through {@code java.net.http}, the client the sender used before it moved to Vert.x
     * (which it needed to pin DNS answers), for comparison.
     */
    private static void jdkClientRate(String target, String payload, List<String> secrets, int requests,
            int concurrency) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2; round++) {
            Semaphore slots = new Semaphore(concurrency);
            List<CompletableFuture<Integer>> results = new ArrayList<>(requests);
            long t0 = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                slots.acquire();
                String id = UUID.randomUUID().toString();
                long ts = System.currentTimeMillis() / 1000;
                HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                        .header("content-type", "application/json").header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(ts))
                        .header("webhook-signature", WebhookSignature.header(secrets, id, ts, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                results.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode).whenComplete((r, e) -> slots.release()));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
            if (round == 1) {
                System.out.printf("java.net.http, same requests, %d in flight: %.0f req/s%n", concurrency,
                        requests / ((System.nanoTime() - t0) / 1e9));
            }
        }
    }
}
