package io.newshound.alert.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on loopback that records webhook requests and answers with scripted statuses. */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received: headers with lower-case names, and the exact body. */
    public record Request(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
                requests.add(new Request(headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                Answer answer = script.poll();
                int status = answer == null ? 204 : answer.status();
                if (answer != null) {
                    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
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

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/newshound";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
