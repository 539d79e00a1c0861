package io.newshound.alert.delivery.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.tracing.PipelineTrace;
import io.newshound.platform.outbound.TargetGuard;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import io.vertx.core.tracing.TracingPolicy;

/**
 * Sends one signed webhook request, non-blocking, on the Vert.x event loops. Never follows redirects, bounded by
 * connect and request timeouts, HTTP/1.1 keep-alive connections pooled per target address, no pipelining.
 * <p>
 * Requests to receivers known to be slow go through pools of their own ({@code slowLane}): partners behind one gateway
 * host then never wait for connections that a slow partner on that host holds.
 * <p>
 * Before each attempt the host is resolved once and checked by the {@link WebhookTargetGuard}; the connection goes to
 * that checked address (DNS pinning) while the {@code Host} header, TLS SNI and certificate verification use the host
 * name of the URL. A DNS answer that changes after the check therefore cannot redirect the request inside.
 */
@ApplicationScoped
public class WebhookSender {

    /** How the error of an attempt that was never sent, because its target was refused, begins. */
    public static final String TARGET_REFUSED = "target refused: ";

    private final Vertx vertx;
    private final HttpClient client;
    private final HttpClient slowClient;
    private final WebhookTargetGuard guard;
    private final long requestTimeoutMs;
    private final Tracer tracer;

    @Inject
    public WebhookSender(WebhookConfig config, WebhookTargetGuard guard, Vertx vertx, Tracer tracer) {
        this(config, guard, vertx, null, tracer);
    }

    /** A sender without spans of its own; it still passes each delivery's trace context on. */
    public WebhookSender(WebhookConfig config, WebhookTargetGuard guard, Vertx vertx) {
        this(config, guard, vertx, (TrustOptions) null);
    }

    /**
     * @param trust
     *            the certificates to trust for HTTPS receivers; null for the JVM's default trust store
     */
    public WebhookSender(WebhookConfig config, WebhookTargetGuard guard, Vertx vertx, TrustOptions trust) {
        this(config, guard, vertx, trust, OpenTelemetry.noop().getTracer("newshound-webhooks"));
    }

    /**
     * @param trust
     *            the certificates to trust for HTTPS receivers; null for the JVM's default trust store
     * @param tracer
     *            starts the client span of each attempt; a no-op tracer still passes the delivery's trace context on
     */
    public WebhookSender(WebhookConfig config, WebhookTargetGuard guard, Vertx vertx, TrustOptions trust,
            Tracer tracer) {
        this.tracer = tracer;
        this.vertx = vertx;
        this.guard = guard;
        this.requestTimeoutMs = config.requestTimeout().toMillis();
        HttpClientOptions options = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(true)
                .setKeepAliveTimeout(30).setPipelining(false).setVerifyHost(true)
                // SNI carries the URL's host name even though the socket connects to a pinned IP address
                .setForceSni(true).setDecompressionSupported(false).setTryUseCompression(false)
                // the trace context comes from the delivery row (see send), not from whatever context is current
                .setTracingPolicy(TracingPolicy.IGNORE);
        // one pool per target address (scheme, IP, port, host name); the worker bounds requests per endpoint, this
        // only bounds connections to partners that share one host
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerHost()).setCleanerPeriod(5000);
        this.client = vertx.createHttpClient(options, pool);
        this.slowClient = vertx.createHttpClient(options, pool);
    }

    /** @return the outcome of the attempt, sent over the ordinary connections; never completes exceptionally */
    public CompletableFuture<AttemptResult> send(DeliveryTask task) {
        return send(task, false);
    }

    /**
     * @param slowLane
     *            whether to use the connections kept for slow receivers
     * @return the outcome of the attempt; never completes exceptionally
     */
    public CompletableFuture<AttemptResult> send(DeliveryTask task, boolean slowLane) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        URI url;
        InetAddress address;
        try {
            url = URI.create(task.url());
            address = guard.resolve(url);
        } catch (IllegalArgumentException | TargetGuard.RefusedTarget e) {
            return CompletableFuture
                    .completedFuture(new AttemptResult(started, null, 0, TARGET_REFUSED + e.getMessage(), null));
        }
        boolean ssl = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : ssl ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        byte[] body = task.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = started.getEpochSecond();
        // signed once per attempt: the timestamp is part of what is signed
        String signature = WebhookSignature.header(task.secrets(), task.webhookId(), timestamp, body);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress())).setHost(url.getHost())
                .setPort(port).setSsl(ssl).setURI(path).setFollowRedirects(false).setIdleTimeout(requestTimeoutMs)
                .putHeader("content-type", "application/json").putHeader("user-agent", "Newshound-Webhooks/1")
                .putHeader("webhook-id", task.webhookId()).putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        Span span = attemptSpan(task, url, port);
        PipelineTrace.Carried.inject(span, request::putHeader);

        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        result.whenComplete((r, e) -> {
            if (r != null && r.status() != null) {
                span.setAttribute("http.response.status_code", r.status());
            }
            if (r == null || !r.succeeded()) {
                span.setStatus(StatusCode.ERROR, r == null || r.error() == null ? "" : r.error());
            }
            span.end();
        });
        AtomicReference<HttpClientRequest> open = new AtomicReference<>();
        // when a pooled connection took the request: what came before was our own queue, not the receiver
        AtomicLong connected = new AtomicLong();
        // one deadline for everything: waiting for a pooled connection, connecting, sending, the status line, and
        // the response body we discard (a receiver that streams a body endlessly must not keep the connection)
        long timer = vertx.setTimer(requestTimeoutMs, id -> {
            result.complete(failure(started, t0, connected.get(), new TimeoutException("no response within "
                    + requestTimeoutMs + " ms")));
            HttpClientRequest r = open.get();
            if (r != null) {
                r.reset();
            }
        });
        (slowLane ? slowClient : client).request(request).onComplete(ar -> {
            if (ar.failed()) {
                vertx.cancelTimer(timer);
                result.complete(failure(started, t0, 0, ar.cause()));
                return;
            }
            connected.set(System.nanoTime());
            HttpClientRequest r = ar.result();
            open.set(r);
            if (result.isDone()) {
                r.reset();
                return;
            }
            r.send(Buffer.buffer(body)).onComplete(response -> {
                if (response.failed()) {
                    vertx.cancelTimer(timer);
                    result.complete(failure(started, t0, connected.get(), response.cause()));
                    return;
                }
                // the outcome is known once the status arrives; the body is read only to free the connection
                result.complete(new AttemptResult(started, response.result().statusCode(), elapsedMs(t0), null,
                        retryAfter(response.result().getHeader("retry-after")), elapsedMs(connected.get())));
                // a body cut off after the status changes nothing: the attempt is already decided
                response.result().exceptionHandler(ignored -> {
                });
                response.result().end().onComplete(end -> vertx.cancelTimer(timer));
            });
        });
        return result;
    }

    /**
     * The client span of one attempt, a child of the trace context stored with the delivery, so the receiver's
     * {@code traceparent} continues the trace that began with the ingest request. Without a stored context the request
     * carries no trace headers.
     */
    private Span attemptSpan(DeliveryTask task, URI url, int port) {
        Context parent = new PipelineTrace.Carried(task.traceparent(), task.tracestate(), null).asParent();
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder("POST").setSpanKind(SpanKind.CLIENT).setParent(parent)
                .setAttribute("http.request.method", "POST").setAttribute("server.address", url.getHost())
                .setAttribute("server.port", (long) port).setAttribute("webhook.id", task.webhookId()).startSpan();
    }

    /**
     * @param connected
     *            {@link System#nanoTime()} when a connection took the request, 0 if none did
     */
    private static AttemptResult failure(Instant started, long t0, long connected, Throwable failure) {
        Throwable cause = failure.getCause() != null && failure.getMessage() == null ? failure.getCause() : failure;
        return new AttemptResult(started, null, elapsedMs(t0), cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null,
                connected == 0 ? null : elapsedMs(connected));
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** @return the delay a {@code Retry-After} header value asks for (seconds or HTTP date), or null */
    static Duration retryAfter(String value) {
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

    @PreDestroy
    void close() {
        client.close();
        slowClient.close();
    }
}
