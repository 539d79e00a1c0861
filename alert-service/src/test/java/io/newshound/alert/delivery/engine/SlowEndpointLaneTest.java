package io.newshound.alert.delivery.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow and a healthy endpoint behind one receiver host, whose connections the engine bounds: once the slow one is
 * known to be slow, the healthy one's deliveries do not wait for the connections it holds.
 */
class SlowEndpointLaneTest {

    private static final Duration SLOW = Duration.ofMillis(2500);

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Long> quickReceivedAt = new CopyOnWriteArrayList<>();
    private ScratchDeliveryDatabase db;
    private HttpServer host;
    private ExecutorService handlers;
    private ScheduledExecutorService answers;
    private Vertx vertx;
    private DeliveryWorker worker;

    @BeforeEach
    void start() throws Exception {
        db = new ScratchDeliveryDatabase("newshound_alert_lanes");
        db.reset();
        handlers = Executors.newCachedThreadPool();
        answers = Executors.newSingleThreadScheduledExecutor();
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            received.add(path);
            if (path.startsWith("/slow")) {
                // answered later from the scheduler: the handler thread is free at once, the connection stays busy
                answers.schedule(() -> answer(exchange), SLOW.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                quickReceivedAt.add(System.nanoTime());
                answer(exchange);
            }
        });
        host.setExecutor(handlers);
        host.start();

        StaticWebhookConfig config = new StaticWebhookConfig();
        config.allowedHosts = Set.of("127.0.0.1");
        config.maxConnectionsPerHost = 2;
        config.maxInFlightPerEndpoint = 2;
        config.slowReceiverAfter = Duration.ofMillis(500);
        vertx = Vertx.vertx();
        worker = db.startWorker(config, vertx, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        worker.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        host.stop(0);
        handlers.shutdownNow();
        answers.shutdownNow();
        db.close();
    }

    private static void answer(HttpExchange exchange) {
        try (exchange) {
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aHealthyEndpointDoesNotWaitForConnectionsHeldByASlowOneOnTheSameHost() throws SQLException {
        String base = "http://127.0.0.1:" + host.getAddress().getPort();
        UUID slow = db.endpoint(base + "/slow");
        UUID quick = db.endpoint(base + "/quick");
        // the first answers show the slow endpoint for what it is; meanwhile it holds both of the host's connections
        UUID first = db.delivery(slow, 0, 0, Duration.ZERO);
        UUID second = db.delivery(slow, 0, 0, Duration.ZERO);
        worker.wake();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "delivered".equals(db.status(first)) && "delivered".equals(db.status(second)));

        db.delivery(slow, 0, 0, Duration.ZERO);
        db.delivery(slow, 0, 0, Duration.ZERO);
        worker.wake();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 4);
        long due = System.nanoTime();
        UUID healthy = db.delivery(quick, 0, 0, Duration.ZERO);
        worker.wake();

        await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(db.status(healthy)));
        // without lanes it would have waited until a slow answer freed one of the host's two connections
        assertThat(Duration.ofNanos(quickReceivedAt.get(0) - due)).isLessThan(SLOW.dividedBy(2));
    }
}
