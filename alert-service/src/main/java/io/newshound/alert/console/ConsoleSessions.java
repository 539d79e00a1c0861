package io.newshound.alert.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Server-side console sessions. The browser holds a random token; the table holds its SHA-256 hash with the tenant,
 * role, CSRF token and expiry. A session ends after {@link ConsoleConfig#idleTimeout()} without use, at
 * {@link ConsoleConfig#absoluteTimeout()} after sign-in, or at sign-out.
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final ConsoleConfig config;
    private final Clock clock;

    public ConsoleSessions(EntityManager em, ConsoleConfig config) {
        this.em = em;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * A live session.
     *
     * @param id
     *            the hash of its token: safe to log and to compare, useless to sign in with
     */
    public record Session(String id, String tenantId, boolean admin, String keyId, String csrfToken) {
    }

    /** A session just created, with the token for the cookie (shown to the browser only). */
    public record Started(String token, Session session) {
    }

    /** Starts a session for a key that has just been checked. */
    @Transactional
    public Started start(String tenantId, boolean admin, String keyId) {
        String token = randomToken();
        String csrf = randomToken();
        Instant now = clock.instant();
        String id = hash(token);
        em.createNativeQuery("""
                insert into console_session (token_hash, tenant_id, admin, key_id, csrf_token, created_at, last_seen_at,
                                             expires_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)""").setParameter(1, id).setParameter(2, tenantId)
                .setParameter(3, admin).setParameter(4, keyId).setParameter(5, csrf)
                .setParameter(6, Timestamp.from(now))
                .setParameter(7, Timestamp.from(now.plus(config.absoluteTimeout())))
                .executeUpdate();
        Log.infof("Console session %s… started for tenant %s (key %s)", id.substring(0, 12), tenantId, keyId);
        return new Started(token, new Session(id, tenantId, admin, keyId, csrf));
    }

    /**
     * The session a cookie names, if it is live; using it moves its idle deadline on.
     *
     * @return empty for an unknown, idle-expired or expired token
     */
    @Transactional
    public Optional<Session> use(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                update console_session set last_seen_at = ?2
                where token_hash = ?1 and expires_at > ?2 and last_seen_at > ?3
                returning token_hash, tenant_id, admin, key_id, csrf_token""").setParameter(1, hash(token))
                .setParameter(2, Timestamp.from(now)).setParameter(3, Timestamp.from(now.minus(config.idleTimeout())))
                .getResultList();
        return rows.stream().findFirst().map(r -> new Session((String) r[0], (String) r[1], (Boolean) r[2],
                (String) r[3], (String) r[4]));
    }

    /** Ends the session a cookie names (sign-out); unknown tokens are ignored. */
    @Transactional
    public void end(String token) {
        if (token == null || token.isBlank()) {
            return;
        }
        int n = em.createNativeQuery("delete from console_session where token_hash = ?1").setParameter(1, hash(token))
                .executeUpdate();
        if (n > 0) {
            Log.info("Console session ended by sign-out");
        }
    }

    /** Removes sessions past their absolute or idle expiry, so the table holds live sessions only. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant now = clock.instant();
        em.createNativeQuery("delete from console_session where expires_at <= ?1 or last_seen_at <= ?2")
                .setParameter(1, Timestamp.from(now)).setParameter(2, Timestamp.from(now.minus(config.idleTimeout())))
                .executeUpdate();
    }

    /** @return whether the presented form token is the session's, compared in constant time */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
