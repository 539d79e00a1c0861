package io.newshound.alert.delivery.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

import io.newshound.alert.WebhookReceiver;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.delivery.engine.StaticWebhookConfig;
import io.newshound.platform.outbound.TargetGuard;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The sender against real HTTP receivers on loopback: DNS pinning, refused targets, redirects, timeouts. */
class WebhookSenderTest extends WithWebhookReceiver {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void connectsToTheAddressItCheckedWhileSendingTheOriginalHostHeader() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        // partner.test resolves nowhere but in this resolver: a request arriving proves the pinned address was used
        WebhookSender sender = sender(Set.of("partner.test"), host -> {
            lookups.incrementAndGet();
            return answer(host, "partner.test", "127.0.0.1");
        });
        String secret = WebhookSignature.newSecret();

        AttemptResult result = sender.send(task("http://partner.test:" + receiver.port() + "/hooks/a?x=1", secret))
                .get(20, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(204);
        assertThat(lookups).hasValue(1);
        WebhookReceiver.Request r = receiver.requests().get(0);
        assertThat(r.header("host")).isEqualTo("partner.test:" + receiver.port());
        assertThat(r.path()).isEqualTo("/hooks/a?x=1");
        assertThatCode(() -> new Webhook(secret).verify(r.body(), r.headers())).doesNotThrowAnyException();
    }

    @Test
    void refusesAHostNameResolvingToAPrivateAddressWithoutConnecting() throws Exception {
        WebhookSender sender = sender(Set.of(), host -> answer(host, "rebound.test", "127.0.0.1"));

        AttemptResult result = sender
                .send(task("http://rebound.test:" + receiver.port() + "/h", WebhookSignature.newSecret()))
                .get(20, TimeUnit.SECONDS);

        assertThat(result.status()).isNull();
        assertThat(result.error()).isEqualTo("target refused: host rebound.test resolves to a non-public address");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void refusesLocalhostUnlessItIsAllowListed() throws Exception {
        WebhookSender sender = sender(Set.of(), InetAddress::getAllByName);

        AttemptResult result = sender
                .send(task("http://localhost:" + receiver.port() + "/h", WebhookSignature.newSecret()))
                .get(20, TimeUnit.SECONDS);

        assertThat(result.error()).startsWith("target refused: host localhost resolves to a non-public address");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void neverFollowsARedirectToLoopback() throws Exception {
        try (WebhookReceiver internal = new WebhookReceiver()) {
            receiver.answer(302, Map.of("Location", internal.url()));
            WebhookSender sender = sender(Set.of("127.0.0.1"), InetAddress::getAllByName);

            AttemptResult result = sender.send(task(receiver.url(), WebhookSignature.newSecret())).get(20,
                    TimeUnit.SECONDS);

            assertThat(result.status()).isEqualTo(302);
            assertThat(result.succeeded()).isFalse();
            assertThat(internal.requests()).isEmpty();
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeFailsTheAttempt() throws Exception {
        receiver.hold();
        StaticWebhookConfig config = new StaticWebhookConfig();
        config.requestTimeout = Duration.ofMillis(500);
        WebhookSender sender = new WebhookSender(config,
                new WebhookTargetGuard(Set.of("127.0.0.1"), InetAddress::getAllByName), vertx);

        AttemptResult result = sender.send(task(receiver.url(), WebhookSignature.newSecret())).get(20,
                TimeUnit.SECONDS);

        assertThat(result.status()).isNull();
        assertThat(result.error()).contains("Timeout");
        assertThat(result.latencyMs()).isBetween(400L, 5000L);
    }

    @Test
    void continuesTheDeliverysTraceWithASpanOfItsOwn() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String stored = "00-" + traceId + "-00f067aa0ba902b7-01";
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
            WebhookSender sender = new WebhookSender(new StaticWebhookConfig(),
                    new WebhookTargetGuard(Set.of("127.0.0.1"), InetAddress::getAllByName), vertx, null,
                    tracing.get("test"));

            AttemptResult result = sender.send(traced(receiver.url(), stored)).get(20, TimeUnit.SECONDS);

            assertThat(result.succeeded()).isTrue();
            String sent = receiver.requests().get(0).header("traceparent");
            assertThat(sent).startsWith("00-" + traceId + "-").endsWith("-01").isNotEqualTo(stored);
        }
    }

    @Test
    void withoutTracingPassesTheStoredContextOnAndWithoutOneSendsNone() throws Exception {
        String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        WebhookSender sender = sender(Set.of("127.0.0.1"), InetAddress::getAllByName);

        sender.send(traced(receiver.url(), stored)).get(20, TimeUnit.SECONDS);
        sender.send(task(receiver.url(), WebhookSignature.newSecret())).get(20, TimeUnit.SECONDS);

        assertThat(receiver.requests().get(0).header("traceparent")).isEqualTo(stored);
        assertThat(receiver.requests().get(1).header("traceparent")).isNull();
    }

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(WebhookSender.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSender.retryAfter("-5")).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(WebhookSender.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
    }

    @Test
    void ignoresAnUnreadableOrMissingRetryAfter() {
        assertThat(WebhookSender.retryAfter("soon")).isNull();
        assertThat(WebhookSender.retryAfter(null)).isNull();
    }

    @Test
    void overHttpsConnectsToThePinnedAddressAndVerifiesTheCertificateAgainstTheUrlsHost() throws Exception {
        Certificate partner = Certificate.issue("partner.test");
        try (HttpsReceiver https = HttpsReceiver.start(partner)) {
            // partner.test resolves nowhere but in the guard's resolver: an answer proves the pinned address was used
            // for the socket while SNI and the certificate check used the URL's host name
            WebhookSender sender = new WebhookSender(new StaticWebhookConfig(),
                    new WebhookTargetGuard(Set.of("partner.test"), host -> answer(host, "partner.test", "127.0.0.1")),
                    vertx, partner.trustOptions());
            String secret = WebhookSignature.newSecret();

            AttemptResult result = sender.send(task("https://partner.test:" + https.port() + "/hooks/tls", secret))
                    .get(20, TimeUnit.SECONDS);

            assertThat(result.error()).isNull();
            assertThat(result.status()).isEqualTo(204);
            assertThat(https.serverNames).containsExactly("partner.test");
            assertThat(https.hosts).containsExactly("partner.test:" + https.port());
            assertThatCode(() -> new Webhook(secret).verify(https.bodies.get(0), https.headers.get(0)))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void overHttpsRefusesACertificateIssuedForAnotherHost() throws Exception {
        Certificate other = Certificate.issue("other.test");
        try (HttpsReceiver https = HttpsReceiver.start(other)) {
            WebhookSender sender = new WebhookSender(new StaticWebhookConfig(),
                    new WebhookTargetGuard(Set.of("partner.test"), host -> answer(host, "partner.test", "127.0.0.1")),
                    vertx, other.trustOptions());

            AttemptResult result = sender
                    .send(task("https://partner.test:" + https.port() + "/hooks/tls", WebhookSignature.newSecret()))
                    .get(20, TimeUnit.SECONDS);

            assertThat(result.status()).isNull();
            assertThat(result.error()).contains("SSLHandshakeException");
            assertThat(https.bodies).isEmpty();
        }
    }

    /**
     * A self-signed certificate for one host name, made with the JDK's keytool, and the options to serve and trust it.
     */
    private record Certificate(Path keyStore, Path pem) {

        static Certificate issue(String host) throws Exception {
            Path dir = Files.createTempDirectory("webhook-tls");
            Certificate c = new Certificate(dir.resolve(host + ".p12"), dir.resolve(host + ".pem"));
            keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=" + host, "-ext", "SAN=dns:" + host, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                    c.keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
            keytool("-exportcert", "-rfc", "-alias", "receiver", "-keystore", c.keyStore.toString(), "-storepass",
                    "changeit", "-file", c.pem.toString());
            c.keyStore.toFile().deleteOnExit();
            c.pem.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return c;
        }

        private static void keytool(String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        }

        KeyCertOptions keyCertOptions() {
            return new PfxOptions().setPath(keyStore.toString()).setPassword("changeit");
        }

        TrustOptions trustOptions() {
            return new PemTrustOptions().addCertPath(pem.toString());
        }
    }

    /** An HTTPS receiver on 127.0.0.1 that records the TLS server name, Host header, headers and body it was sent. */
    private static final class HttpsReceiver implements AutoCloseable {
        final List<String> serverNames = new CopyOnWriteArrayList<>();
        final List<String> hosts = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
        private HttpServer server;

        static HttpsReceiver start(Certificate certificate) throws Exception {
            HttpsReceiver receiver = new HttpsReceiver();
            receiver.server = vertx
                    .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                            .setSni(true).setKeyCertOptions(certificate.keyCertOptions()))
                    .requestHandler(req -> req.body().onSuccess(body -> {
                        receiver.serverNames.add(String.valueOf(req.connection().indicatedServerName()));
                        receiver.hosts.add(req.getHeader("host"));
                        Map<String, List<String>> h = new HashMap<>();
                        req.headers().names().forEach(n -> h.put(n.toLowerCase(Locale.ROOT), req.headers().getAll(n)));
                        receiver.headers.add(h);
                        receiver.bodies.add(body.toString(StandardCharsets.UTF_8));
                        req.response().setStatusCode(204).end();
                    })).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return receiver;
        }

        int port() {
            return server.actualPort();
        }

        @Override
        public void close() throws Exception {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static WebhookSender sender(Set<String> allowed, TargetGuard.HostResolver resolver) {
        return new WebhookSender(new StaticWebhookConfig(), new WebhookTargetGuard(allowed, resolver), vertx);
    }

    private static InetAddress[] answer(String host, String name, String ip) throws UnknownHostException {
        if (!host.equals(name)) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(ip)};
    }

    private static DeliveryTask traced(String url, String traceparent) {
        return new DeliveryTask(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, 0, url,
                "{\"type\":\"alert.raised\",\"data\":{}}", List.of(WebhookSignature.newSecret()), traceparent, null,
                null);
    }

    private static DeliveryTask task(String url, String secret) {
        return new DeliveryTask(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, 0, url,
                "{\"type\":\"alert.raised\",\"data\":{}}", List.of(secret));
    }
}
