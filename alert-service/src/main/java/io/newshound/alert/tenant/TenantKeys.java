package io.newshound.alert.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.access.Role;
import io.newshound.alert.config.SecurityConfig;
import io.newshound.platform.problem.ProblemException;
import io.newshound.platform.security.ApiKeyFormat;
import io.newshound.platform.security.ApiKeyVerifier;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates, lists, revokes and checks tenants' API keys (format and hashing shared with ingest-service through
 * {@link ApiKeyFormat}). Checked keys are remembered for {@link #CACHE_TTL}, so a revocation takes effect on this
 * replica at once and on every other one within that time.
 */
@ApplicationScoped
public class TenantKeys {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);

    private final SecurityConfig config;
    private final ApiKeyVerifier<Caller> verifier = new ApiKeyVerifier<>(CACHE_TTL, Clock.systemUTC());

    public TenantKeys(SecurityConfig config) {
        this.config = config;
    }

    /** Who a valid key belongs to. */
    public record Caller(String keyId, String tenantId, boolean admin) {
    }

    /** A newly created key; {@code key} is shown this once. */
    public record CreatedKey(UUID id, String tenantId, String name, String role, String prefix, String key,
            Instant createdAt) {
    }

    /** A key as listed: never the key itself. */
    public record KeyView(UUID id, String tenantId, String name, String role, String prefix, Instant createdAt,
            Instant revokedAt) {
    }

    /**
     * Creates a key for a tenant.
     *
     * @param role
     *            {@code tenant} (default) or {@code admin}
     * @throws ProblemException
     *             404 unknown tenant, 400 invalid name or role
     */
    @Transactional
    public CreatedKey create(String tenantId, String name, String role) {
        requireTenant(tenantId);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.invalidField("name", "must be 1 to 200 characters");
        }
        String r = role == null ? Role.TENANT : role;
        if (!r.equals(Role.TENANT) && !r.equals(Role.ADMIN)) {
            throw ProblemException.invalidField("role", "must be 'tenant' or 'admin'");
        }
        ApiKeyFormat.IssuedKey issued = ApiKeyFormat.issue();
        TenantApiKey k = new TenantApiKey();
        k.id = UUID.randomUUID();
        k.tenantId = tenantId;
        k.name = name.strip();
        k.prefix = issued.prefix();
        k.secretHash = issued.hash();
        k.role = r;
        k.createdAt = Instant.now();
        k.persist();
        Log.infof("API key %s (%s) created for tenant %s", k.id, r, tenantId);
        return new CreatedKey(k.id, tenantId, k.name, r, k.prefix, issued.key(), k.createdAt);
    }

    /**
     * @return the tenant's keys, newest first
     * @throws ProblemException
     *             404 unknown tenant
     */
    @Transactional
    public List<KeyView> list(String tenantId) {
        requireTenant(tenantId);
        return TenantApiKey.<TenantApiKey>list("tenantId = ?1 order by createdAt desc, id", tenantId).stream()
                .map(k -> new KeyView(k.id, k.tenantId, k.name, k.role, k.prefix, k.createdAt, k.revokedAt))
                .toList();
    }

    /**
     * Revokes a key: at once on this replica, within {@link #CACHE_TTL} on the others.
     *
     * @throws ProblemException
     *             404 when the tenant has no such key
     */
    @Transactional
    public void revoke(String tenantId, UUID keyId) {
        TenantApiKey k = TenantApiKey.findById(keyId);
        if (k == null || !k.tenantId.equals(tenantId)) {
            throw ProblemException.notFound("API key", keyId);
        }
        if (k.revokedAt == null) {
            k.revokedAt = Instant.now();
            Log.infof("API key %s of tenant %s revoked", keyId, tenantId);
        }
        verifier.forgetAll();
    }

    /**
     * Checks a presented key.
     *
     * @return its owner, or empty when the key is malformed, unknown or revoked
     */
    public Optional<Caller> authenticate(String presented) {
        if (ApiKeyFormat.isConfiguredKey(config.adminKey(), presented)) {
            return Optional.of(new Caller("admin", CurrentTenant.DEFAULT, true));
        }
        return verifier.verify(presented, this::lookup);
    }

    private Optional<Caller> lookup(String prefix, String hash) {
        return QuarkusTransaction.joiningExisting().call(() -> TenantApiKey.<TenantApiKey>find("prefix", prefix)
                .firstResultOptional()
                .filter(k -> k.revokedAt == null)
                .filter(k -> ApiKeyFormat.hashMatches(k.secretHash, hash))
                .map(k -> new Caller(k.id.toString(), k.tenantId, Role.ADMIN.equals(k.role))));
    }

    private static void requireTenant(String tenantId) {
        if (Tenant.findById(tenantId) == null) {
            throw ProblemException.notFound("Tenant", tenantId);
        }
    }
}
