package io.newshound.ingest.access;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.newshound.ingest.config.IngestConfig;
import io.newshound.platform.problem.Problem;
import io.newshound.platform.security.ApiKeyAuthenticationMechanism;

/**
 * A token bucket (Bucket4j) per authenticated API key, on this replica: a key may make its per-minute allowance of
 * requests, in bursts up to that allowance; beyond it the answer is 429 with {@code Retry-After}. Buckets live in a
 * bounded cache (Caffeine, least recently used dropped first, idle ones after two minutes), and only a key that
 * authenticates gets one of its own: requests without a key or with an unknown one share a single bucket, so a client
 * presenting a new made-up key with every request neither grows memory nor escapes the limit.
 */
@ApplicationScoped
public class RateLimits {

    /** Bucket of every caller without a valid key. */
    static final String ANONYMOUS = "";

    private final IngestConfig config;
    private final ApiKeys keys;
    private final Cache<BucketKey, Bucket> buckets;

    /** A key's bucket; its allowance is part of the identity, so a changed limit starts a fresh bucket. */
    private record BucketKey(String keyId, int perMinute) {
    }

    public RateLimits(IngestConfig config, ApiKeys keys) {
        this.config = config;
        this.keys = keys;
        this.buckets = Caffeine.newBuilder().maximumSize(config.security().rateLimitMaxKeys())
                // a bucket untouched for a minute is full again: dropping it later loses nothing
                .expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String presented = ApiKeyAuthenticationMechanism.presentedKey(
                request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER),
                request.getHeaderString("Authorization"));
        Optional<ApiKeys.Caller> caller = presented == null ? Optional.empty() : keys.authenticate(presented);
        int perMinute = caller.map(ApiKeys.Caller::rateLimitPerMinute)
                .orElse(config.security().defaultRateLimitPerMinute());
        BucketKey key = new BucketKey(caller.map(ApiKeys.Caller::keyId).orElse(ANONYMOUS), perMinute);
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(k.perMinute()).refillGreedy(k.perMinute(), Duration.ofMinutes(1))
                        .build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                .entity(new Problem("about:blank", "Too many requests", 429, "This API key may make " + perMinute
                        + " requests per minute; retry in " + retryAfter + " s",
                        request.getUriInfo().getRequestUri().getRawPath(), List.of()))
                .build();
    }

    /** @return how many buckets this replica holds now (after pending evictions) */
    long bucketCount() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
