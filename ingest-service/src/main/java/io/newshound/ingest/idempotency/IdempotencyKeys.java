package io.newshound.ingest.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.newshound.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Remembers the answer to each request that carried an {@code Idempotency-Key}, so a client retrying after a timeout
 * gets the first answer instead of a second execution. A key reused with a different body is an error; a key whose
 * first request is still running gets 409; a request that died half-way can be taken over after a while (the work it
 * repeats is idempotent itself).
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** After this long an unfinished request counts as abandoned and its key may run again. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    static final Duration RETENTION = Duration.ofHours(24);

    private final EntityManager em;
    private final Clock clock;

    public IdempotencyKeys(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** A stored answer. */
    public record StoredResponse(int status, String body) {
    }

    /**
     * Claims a key for a request, or returns the answer already given to it.
     *
     * @param scope
     *            whose key it is (an API key id): keys of different clients never collide
     * @param key
     *            the client's Idempotency-Key
     * @param requestBody
     *            the request, canonically serialised
     * @return the stored answer to replay, or empty when the caller should process the request and then call
     *         {@link #complete}
     */
    public Optional<StoredResponse> begin(String scope, String key, String requestBody) {
        if (key.isBlank() || key.length() > 255) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to 255 characters");
        }
        String hash = sha256(requestBody);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now(clock);
            int inserted = em.createNativeQuery("""
                    insert into idempotency_record (scope, idempotency_key, request_hash, created_at)
                    values (:scope, :key, :hash, :now) on conflict do nothing""")
                    .setParameter("scope", scope).setParameter("key", key).setParameter("hash", hash)
                    .setParameter("now", now).executeUpdate();
            if (inserted == 1) {
                return Optional.<StoredResponse>empty();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select request_hash, status_code, response, created_at from idempotency_record
                    where scope = :scope and idempotency_key = :key for update""")
                    .setParameter("scope", scope).setParameter("key", key).getResultList();
            Object[] row = rows.get(0);
            if (!hash.equals(row[0])) {
                throw new ProblemException(422, "Idempotency-Key reused",
                        "Idempotency-Key " + key + " was first used with a different request body");
            }
            if (row[1] != null) {
                return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2]));
            }
            Instant started = (Instant) row[3];
            if (started.plus(ABANDONED_AFTER).isAfter(now)) {
                throw new ProblemException(409, "Request in progress",
                        "A request with Idempotency-Key " + key + " is still being processed; retry later");
            }
            em.createNativeQuery("update idempotency_record set created_at = :now where scope = :scope"
                    + " and idempotency_key = :key").setParameter("now", now).setParameter("scope", scope)
                    .setParameter("key", key).executeUpdate();
            return Optional.<StoredResponse>empty();
        });
    }

    /** Stores the answer given to a request claimed with {@link #begin}. */
    public void complete(String scope, String key, int status, String responseBody) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update idempotency_record set status_code = :status, response = :response, completed_at = :now
                where scope = :scope and idempotency_key = :key""")
                .setParameter("status", status).setParameter("response", responseBody)
                .setParameter("now", Instant.now(clock)).setParameter("scope", scope).setParameter("key", key)
                .executeUpdate());
    }

    /** Forgets a claim whose request failed before producing an answer, so a retry can run at once. */
    public void abandon(String scope, String key) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from idempotency_record where scope = :scope and idempotency_key = :key"
                        + " and completed_at is null")
                .setParameter("scope", scope).setParameter("key", key).executeUpdate());
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldKeys() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from idempotency_record where created_at < :cutoff")
                .setParameter("cutoff", Instant.now(clock).minus(RETENTION)).executeUpdate());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
