package io.newshound.alert.delivery.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.delivery.AttemptResult;
import io.newshound.alert.delivery.DeliveryTask;

/**
 * Sends one signed webhook request. Non-blocking, never follows redirects, bounded by connect and request timeouts; the
 * target is checked against the {@link WebhookTargetGuard} right before each attempt.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;
    private final WebhookTargetGuard guard;
    private final Duration requestTimeout;

    public WebhookSender(WebhookConfig config, WebhookTargetGuard guard) {
        this.guard = guard;
        this.requestTimeout = config.requestTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** @return the outcome of the attempt; never completes exceptionally */
    public CompletableFuture<AttemptResult> send(DeliveryTask task) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        URI url;
        try {
            url = URI.create(task.url());
            guard.check(url);
        } catch (IllegalArgumentException | WebhookTargetGuard.RefusedTarget e) {
            return CompletableFuture
                    .completedFuture(new AttemptResult(started, null, 0, "target refused: " + e.getMessage(), null));
        }
        byte[] body = task.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = started.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("content-type", "application/json").header("user-agent", "Newshound-Webhooks/1")
                .header("webhook-id", task.webhookId()).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(task.secrets(), task.webhookId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        // the outcome is known once the status arrives: the body is never read, so a receiver that streams one
        // slowly or endlessly cannot hold a delivery slot
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).handle((response, failure) -> {
            long latency = (System.nanoTime() - t0) / 1_000_000;
            if (response != null) {
                close(response.body());
            }
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                return new AttemptResult(started, null, latency, cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null);
            }
            return new AttemptResult(started, response.statusCode(), latency, null, retryAfter(response.headers()));
        });
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // the connection is dropped either way
        }
    }

    /** @return the delay a {@code Retry-After} header asks for (seconds or HTTP date), or null */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("retry-after").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unparseable) {
                return null;
            }
        }
    }
}
