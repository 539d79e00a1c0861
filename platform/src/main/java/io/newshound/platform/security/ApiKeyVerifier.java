package io.newshound.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks presented API keys against the store, remembering each answer (yes or no) for a short time so that a busy
 * caller costs one database lookup per {@code ttl}, not one per request. The price: a revoked key keeps working on
 * other replicas for up to {@code ttl}.
 *
 * @param <C>
 *            what the store knows about a key's owner
 */
public final class ApiKeyVerifier<C> {

    /** Finds the owner of a key by its prefix; must compare the stored hash with {@link ApiKeyFormat#hashMatches}. */
    @FunctionalInterface
    public interface Store<C> {
        /**
         * @param prefix
         *            the presented key's lookup prefix
         * @param hash
         *            the SHA-256 of the presented key
         * @return the owner, or empty when no unrevoked key with this prefix has this hash
         */
        Optional<C> find(String prefix, String hash);
    }

    private static final int MAX_CACHED = 10_000;

    private record Cached<C>(Optional<C> owner, Instant until) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached<C>> cache = new ConcurrentHashMap<>();

    public ApiKeyVerifier(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * @return the owner of the presented key, or empty when it is malformed, unknown or revoked
     */
    public Optional<C> verify(String presented, Store<C> store) {
        Optional<String> prefix = ApiKeyFormat.prefixOf(presented);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String hash = ApiKeyFormat.sha256(presented);
        Instant now = clock.instant();
        Cached<C> hit = cache.get(hash);
        if (hit != null && hit.until().isAfter(now)) {
            return hit.owner();
        }
        Optional<C> owner = store.find(prefix.get(), hash);
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        cache.put(hash, new Cached<>(owner, now.plus(ttl)));
        return owner;
    }

    /** Forgets every remembered answer, e.g. after a revocation, so this replica sees it at once. */
    public void forgetAll() {
        cache.clear();
    }

    /** @return how long an answer is remembered */
    public Duration ttl() {
        return ttl;
    }
}
