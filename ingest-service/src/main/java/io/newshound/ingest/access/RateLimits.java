package io.newshound.ingest.access;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.platform.problem.Problem;
import io.newshound.platform.security.ApiKeyAuthenticationMechanism;
import io.newshound.platform.security.ApiKeyFormat;

/**
 * A token bucket per API key (per replica): a key may make its per-minute allowance of requests, in bursts up to that
 * allowance; beyond it the answer is 429 with {@code Retry-After}. Requests without a key share one bucket.
 */
@ApplicationScoped
public class RateLimits {

    private final IngestConfig config;
    private final ApiKeys keys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(IngestConfig config, ApiKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String presented = ApiKeyAuthenticationMechanism.presentedKey(
                request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER),
                request.getHeaderString("Authorization"));
        String key = presented == null ? "" : presented;
        int perMinute = config.security().defaultRateLimitPerMinute();
        if (!key.isEmpty()) {
            Integer own = keys.authenticate(key).map(ApiKeys.Caller::rateLimitPerMinute).orElse(null);
            if (own != null) {
                perMinute = own;
            }
        }
        int allowance = perMinute;
        Bucket bucket = buckets.computeIfAbsent(ApiKeyFormat.sha256(key), k -> new Bucket(allowance));
        long waitNanos = bucket.take(allowance, System.nanoTime());
        if (waitNanos <= 0) {
            return null;
        }
        long retryAfter = Math.max(1, Duration.ofNanos(waitNanos).toSeconds() + 1);
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                .entity(new Problem("about:blank", "Too many requests", 429, "This API key may make " + allowance
                        + " requests per minute; retry in " + retryAfter + " s",
                        request.getUriInfo().getRequestUri().getRawPath(), java.util.List.of()))
                .build();
    }

    /** Tokens refill continuously at {@code perMinute} per minute up to {@code perMinute}. */
    static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int perMinute) {
            this.tokens = perMinute;
            this.last = System.nanoTime();
        }

        /** @return 0 when a token was taken, else nanoseconds until one is available */
        synchronized long take(int perMinute, long now) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(perMinute, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
