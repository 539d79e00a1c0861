package io.newshound.ingest.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a free port serving the documents under {@code src/test/resources/feeds/} the way
 * feed hosts do: with {@code ETag} and {@code Last-Modified}, answering 304 to matching conditional requests, gzip when
 * asked. Extra routes simulate the misbehaving hosts: redirects, errors, oversized and stalled responses.
 */
final class LocalFeedServer implements AutoCloseable {

    static final String LAST_MODIFIED = "Sat, 15 Aug 2026 18:10:00 GMT";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch releaseStalled = new CountDownLatch(1);
    private final List<Headers> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();

    LocalFeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/feeds/", this::serveFeed);
        server.createContext("/gzip/", this::serveFeed);
        server.createContext("/redirect/", this::redirect);
        server.createContext("/status/", exchange -> respond(exchange,
                Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length())), new byte[0]));
        server.createContext("/huge-declared", exchange -> {
            exchange.sendResponseHeaders(200, 50L * 1024 * 1024);
            exchange.close();
        });
        server.createContext("/huge-streamed", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to check up front
            byte[] chunk = "<rss><channel>".repeat(1000).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 2000; i++) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // the client hangs up once it has seen enough
            }
        });
        server.createContext("/gzip-bomb", exchange -> {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(new byte[8 * 1024 * 1024]);
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            respond(exchange, 200, compressed.toByteArray());
        });
        server.createContext("/stalled", exchange -> {
            try {
                releaseStalled.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "<rss/>".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    /** The URL of a document under {@code feeds/}. */
    URI feed(String name) {
        return url("/feeds/" + name);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Makes {@code /redirect/<name>} answer {@code status} with the given Location. */
    URI redirect(String name, int status, String location) {
        redirects.put(name, status + " " + location);
        return url("/redirect/" + name);
    }

    /** Request headers of every request served so far, in order. */
    List<Headers> requests() {
        return requests;
    }

    static byte[] document(String name) {
        try (InputStream in = LocalFeedServer.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test feed " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serveFeed(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestHeaders());
        String path = exchange.getRequestURI().getPath();
        String name = path.substring(path.indexOf('/', 1) + 1);
        byte[] body;
        try {
            body = document(name);
        } catch (IllegalArgumentException e) {
            respond(exchange, 404, new byte[0]);
            return;
        }
        String etag = "\"" + sha256(body).substring(0, 16) + "\"";
        Headers headers = exchange.getResponseHeaders();
        headers.set("ETag", etag);
        headers.set("Last-Modified", LAST_MODIFIED);
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (etag.equals(ifNoneMatch) || (ifNoneMatch == null && LAST_MODIFIED.equals(ifModifiedSince))) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        headers.set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8" : "application/rss+xml");
        if (path.startsWith("/gzip/")) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(body);
            }
            headers.set("Content-Encoding", "gzip");
            body = compressed.toByteArray();
        }
        respond(exchange, 200, body);
    }

    private void redirect(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestHeaders());
        String target = redirects.get(exchange.getRequestURI().getPath().substring("/redirect/".length()));
        if (target == null) {
            respond(exchange, 404, new byte[0]);
            return;
        }
        String[] statusAndLocation = target.split(" ", 2);
        exchange.getResponseHeaders().set("Location", statusAndLocation[1]);
        respond(exchange, Integer.parseInt(statusAndLocation[0]), new byte[0]);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        releaseStalled.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
