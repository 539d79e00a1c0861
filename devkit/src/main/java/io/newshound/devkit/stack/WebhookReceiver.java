package io.newshound.devkit.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on the loopback interface that keeps every request it gets and checks Standard Webhooks signatures
 * when it knows the secret.
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One received webhook.
     *
     * @param path
     *            the request path
     * @param headers
     *            the request headers (lower-case names, first value)
     * @param body
     *            the exact bytes received, as UTF-8
     * @param signatureValid
     *            whether a signature made with the known secret was among those sent
     */
    public record Received(String path, Map<String, String> headers, String body, boolean signatureValid) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<Received>> listeners = new CopyOnWriteArrayList<>();
    private volatile String secret;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a receiver on 127.0.0.1.
     *
     * @param port
     *            a port, or 0 for any free one
     */
    public static WebhookReceiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start webhook receiver", e);
        }
    }

    /** @return the URL subscriptions should post to */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Sets the {@code whsec_...} secret used to verify signatures from now on. */
    public void verifyWith(String secret) {
        this.secret = secret;
    }

    /** Calls {@code listener} for each webhook received from now on. */
    public void onReceive(Consumer<Received> listener) {
        listeners.add(listener);
    }

    /** @return every webhook received so far */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    v.get(0)));
            Received r = new Received(exchange.getRequestURI().getPath(), headers,
                    new String(body, StandardCharsets.UTF_8), verify(headers, body));
            received.add(r);
            listeners.forEach(l -> l.accept(r));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private boolean verify(Map<String, String> headers, byte[] body) {
        String s = secret;
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String signatures = headers.get("webhook-signature");
        if (s == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(s.substring(s.indexOf('_') + 1)), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String sig : signatures.split(" ")) {
                if (sig.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(sig.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (NoSuchAlgorithmException | InvalidKeyException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
