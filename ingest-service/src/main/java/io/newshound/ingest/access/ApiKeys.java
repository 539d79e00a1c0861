package io.newshound.ingest.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates, lists, revokes and checks API keys. A key looks like {@code nhk_<prefix>_<secret>}; only the SHA-256 of the
 * whole key is stored. Checked keys are cached briefly, so a revocation takes effect on every replica within
 * {@link #CACHE_TTL}.
 */
@ApplicationScoped
public class ApiKeys {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final Pattern KEY = Pattern.compile("nhk_([a-z0-9]{10})_([A-Za-z0-9]{32})");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            .toCharArray();
    private static final Set<String> ROLES = Set.of(Role.INGEST, Role.READ, Role.ADMIN);

    private final IngestConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeys(IngestConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
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

    private record Cached(Optional<Caller> caller, Instant until) {
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
        String prefix = randomString(10).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "x");
        String key = "nhk_" + prefix + "_" + randomString(32);
        ApiKey row = new ApiKey();
        row.id = UUID.randomUUID();
        row.name = name.strip();
        row.prefix = prefix;
        row.secretHash = sha256(key);
        row.roles = String.join(",", new LinkedHashSet<>(roles));
        row.rateLimitPerMinute = rateLimitPerMinute;
        row.createdAt = Instant.now(clock);
        row.persist();
        return new CreatedKey(row.id, row.name, List.of(row.roles.split(",")), rateLimitPerMinute, key,
                row.createdAt);
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
        cache.clear();
    }

    /**
     * Checks a presented key.
     *
     * @param presented
     *            the key from the request
     * @return its owner, or empty when the key is unknown, malformed or revoked
     */
    public Optional<Caller> authenticate(String presented) {
        Optional<String> admin = config.security().adminKey();
        if (admin.isPresent() && !admin.get().isBlank() && MessageDigest.isEqual(
                admin.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Caller("admin", "configured admin key", ROLES, null));
        }
        Matcher m = KEY.matcher(presented);
        if (!m.matches()) {
            return Optional.empty();
        }
        String hash = sha256(presented);
        Instant now = Instant.now(clock);
        Cached hit = cache.get(hash);
        if (hit != null && hit.until().isAfter(now)) {
            return hit.caller();
        }
        Optional<Caller> caller = lookup(m.group(1), hash);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(hash, new Cached(caller, now.plus(CACHE_TTL)));
        return caller;
    }

    private Optional<Caller> lookup(String prefix, String hash) {
        return QuarkusTransaction.joiningExisting().call(() -> ApiKey.<ApiKey>find("prefix", prefix)
                .firstResultOptional()
                .filter(k -> k.revokedAt == null)
                .filter(k -> MessageDigest.isEqual(k.secretHash.getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .map(k -> new Caller(k.id.toString(), k.name, Set.copyOf(Arrays.asList(k.roles.split(","))),
                        k.rateLimitPerMinute)));
    }

    private String randomString(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
