package io.newshound.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on loopback that records webhook requests and answers with scripted statuses. */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received: path and query, headers with lower-case names, the exact body, when it arrived. */
    public record Request(String path, Map<String, List<String>> headers, String body, Instant receivedAt) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger maxInProgress = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            maxInProgress.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
                requests.add(new Request(exchange.getRequestURI().toString(), headers,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        Instant.now()));
                try {
                    hold.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Answer answer = script.poll();
                int status = answer == null ? 204 : answer.status();
                if (answer != null) {
                    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                inProgress.decrementAndGet();
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Answers the next requests with these statuses, then with 204. */
    public WebhookReceiver answer(int... statuses) {
        for (int s : statuses) {
            script.add(new Answer(s, Map.of()));
        }
        return this;
    }

    /** Answers the next request with this status and headers. */
    public WebhookReceiver answer(int status, Map<String, String> headers) {
        script.add(new Answer(status, headers));
        return this;
    }

    /** Keeps every request waiting for its response until {@link #release()}, like a stalled partner. */
    public WebhookReceiver hold() {
        hold = new CountDownLatch(1);
        return this;
    }

    public void release() {
        hold.countDown();
    }

    /** @return the most requests that were ever open at the same time */
    public int maxConcurrentRequests() {
        return maxInProgress.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/newshound";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
