package io.newshound.ingest.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.platform.problem.ProblemException;
import io.newshound.platform.security.ApiKeyFormat;
import io.newshound.platform.security.ApiKeyVerifier;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates, lists, revokes and checks API keys, in the shared {@link ApiKeyFormat} (only the SHA-256 of the whole key is
 * stored). Checked keys are cached briefly, so a revocation takes effect on every replica within {@link #CACHE_TTL}.
 */
@ApplicationScoped
public class ApiKeys {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Set<String> ROLES = Set.of(Role.INGEST, Role.READ, Role.ADMIN);

    private final IngestConfig config;
    private final Clock clock;
    private final ApiKeyVerifier<Caller> verifier;

    public ApiKeys(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.verifier = new ApiKeyVerifier<>(CACHE_TTL, clock);
    }

    /** Who a valid key belongs to. */
    public record Caller(String keyId, String name, Set<String> roles, Integer rateLimitPerMinute) {
    }

    /** A newly created key; {@code key} is shown this once. */
    public record CreatedKey(UUID id, String name, List<String> roles, Integer rateLimitPerMinute, String key,
            Instant createdAt) {
    }

    /** A key as listed: never the key itself. */
    public record KeyView(UUID id, String name, String prefix, List<String> roles, Integer rateLimitPerMinute,
            Instant createdAt, Instant revokedAt) {
    }

    /**
     * Creates a key.
     *
     * @param name
     *            what the key is for
     * @param roles
     *            one or more of ingest, read, admin
     * @param rateLimitPerMinute
     *            requests per minute, or {@code null} for the configured default
     */
    @Transactional
    public CreatedKey create(String name, List<String> roles, Integer rateLimitPerMinute) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.invalidField("name", "must be 1 to 200 characters");
        }
        if (roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
            throw ProblemException.invalidField("roles", "must be one or more of " + ROLES);
        }
        if (rateLimitPerMinute != null && rateLimitPerMinute < 1) {
            throw ProblemException.invalidField("rateLimitPerMinute", "must be positive");
        }
        ApiKeyFormat.IssuedKey issued = ApiKeyFormat.issue();
        ApiKey row = new ApiKey();
        row.id = UUID.randomUUID();
        row.name = name.strip();
        row.prefix = issued.prefix();
        row.secretHash = issued.hash();
        row.roles = String.join(",", new LinkedHashSet<>(roles));
        row.rateLimitPerMinute = rateLimitPerMinute;
        row.createdAt = Instant.now(clock);
        row.persist();
        return new CreatedKey(row.id, row.name, List.of(row.roles.split(",")), rateLimitPerMinute,
                issued.key(), row.createdAt);
    }

    /** @return every key, newest first */
    @Transactional
    public List<KeyView> list() {
        return ApiKey.<ApiKey>find("order by createdAt desc").list().stream()
                .map(k -> new KeyView(k.id, k.name, k.prefix, List.of(k.roles.split(",")), k.rateLimitPerMinute,
                        k.createdAt, k.revokedAt))
                .toList();
    }

    /** Revokes a key; it stops working within {@link #CACHE_TTL} everywhere. */
    @Transactional
    public void revoke(UUID id) {
        ApiKey k = ApiKey.<ApiKey>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("API key", id));
        if (k.revokedAt == null) {
            k.revokedAt = Instant.now(clock);
        }
        verifier.forgetAll();
    }

    /**
     * Checks a presented key.
     *
     * @param presented
     *            the key from the request
     * @return its owner, or empty when the key is unknown, malformed or revoked
     */
    public Optional<Caller> authenticate(String presented) {
        if (ApiKeyFormat.isConfiguredKey(config.security().adminKey(), presented)) {
            return Optional.of(new Caller("admin", "configured admin key", ROLES, null));
        }
        return verifier.verify(presented, this::lookup);
    }

    private Optional<Caller> lookup(String prefix, String hash) {
        return QuarkusTransaction.joiningExisting().call(() -> ApiKey.<ApiKey>find("prefix", prefix)
                .firstResultOptional()
                .filter(k -> k.revokedAt == null)
                .filter(k -> ApiKeyFormat.hashMatches(k.secretHash, hash))
                .map(k -> new Caller(k.id.toString(), k.name, Set.copyOf(Arrays.asList(k.roles.split(","))),
                        k.rateLimitPerMinute)));
    }
}
