package io.newshound.ingest.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A feed host on 127.0.0.1 and a free port for polling tests. It serves the documents under
 * {@code src/test/resources/feeds/} made unique to this host: every absolute URL's host gets a random label and every
 * title a random tag, so the articles they announce are new in a database that keeps rows from earlier runs. Answers
 * conditional requests with 304 like real hosts, and {@code /status/<code>} with that status.
 */
final class FeedHost implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String label = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final List<Headers> requests = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    FeedHost() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/feeds/", this::serveFeed);
        server.createContext("/status/", exchange -> {
            requests.add(exchange.getRequestHeaders());
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of a document under {@code feeds/}, as this host rewrites it. */
    String feed(String name) {
        return url("/feeds/" + name);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The label every absolute URL's host starts with in the documents served. */
    String label() {
        return label;
    }

    /** Request headers of every request served so far, in order. */
    List<Headers> requests() {
        return requests;
    }

    private byte[] document(String name) {
        return documents.computeIfAbsent(name, n -> {
            String xml = new String(LocalFeedServer.document(n), StandardCharsets.UTF_8);
            String unique = xml
                    .replaceAll("(https?://)(?!www\\.w3\\.org|purl\\.org|search\\.yahoo\\.com)", "$1" + label + ".")
                    .replaceAll("(<title[^>]*>)", "$1[" + label + "] ");
            return unique.getBytes(StandardCharsets.UTF_8);
        });
    }

    private void serveFeed(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestHeaders());
        String name = exchange.getRequestURI().getPath().substring("/feeds/".length());
        byte[] body;
        try {
            body = document(name);
        } catch (IllegalArgumentException e) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String etag = "\"" + label + "-" + name.hashCode() + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Last-Modified", LocalFeedServer.LAST_MODIFIED);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
