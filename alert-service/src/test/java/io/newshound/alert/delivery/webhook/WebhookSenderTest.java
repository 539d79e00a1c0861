package io.newshound.alert.delivery.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

import io.newshound.alert.delivery.AttemptResult;
import io.newshound.alert.delivery.DeliveryTask;
import io.newshound.alert.delivery.StaticWebhookConfig;
import io.newshound.alert.delivery.WebhookReceiver;
import io.newshound.alert.delivery.WithWebhookReceiver;
import io.vertx.core.Vertx;

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

    private static WebhookSender sender(Set<String> allowed, WebhookTargetGuard.HostResolver resolver) {
        return new WebhookSender(new StaticWebhookConfig(), new WebhookTargetGuard(allowed, resolver), vertx);
    }

    private static InetAddress[] answer(String host, String name, String ip) throws UnknownHostException {
        if (!host.equals(name)) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(ip)};
    }

    private static DeliveryTask task(String url, String secret) {
        return new DeliveryTask(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, 0, url,
                "{\"type\":\"alert.raised\",\"data\":{}}", List.of(secret));
    }
}
