package io.newshound.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

/**
 * The delivery rows: claiming due ones under a lease and recording attempts. Every method is one short transaction; no
 * HTTP happens while a row is locked.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final int MAX_ERROR_CHARS = 1000;
    /** A receiver cannot park its deliveries for longer than this with {@code Retry-After}. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    /**
     * Due deliveries of enabled, unthrottled endpoints, oldest first, at most {@code ?1} per endpoint and {@code ?2} in
     * all, locked, skipping rows another instance holds. Public for the claim benchmark.
     */
    public static final String CLAIM_DUE_SQL = """
            select d.id, d.endpoint_id from delivery d
            where d.id in (
                select due.id from webhook_endpoint e
                cross join lateral (
                    select d2.id, d2.next_attempt_at from delivery d2
                    where d2.endpoint_id = e.id and d2.status = 'pending' and d2.next_attempt_at <= now()
                      and (d2.locked_until is null or d2.locked_until < now())
                    order by d2.next_attempt_at limit ?1) due
                where e.disabled_at is null and (e.throttled_until is null or e.throttled_until <= now())
                order by due.next_attempt_at limit ?2)
              and d.status = 'pending' and (d.locked_until is null or d.locked_until < now())
            for update of d skip locked""";

    private final EntityManager em;
    private final RetrySchedule schedule;

    public DeliveryStore(EntityManager em, RetrySchedule schedule) {
        this.em = em;
        this.schedule = schedule;
    }

    /**
     * Leases due deliveries of enabled, unthrottled endpoints. Rows locked by another instance are skipped; a lease
     * that runs out (crashed worker) makes its row due again.
     *
     * @param limit
     *            most rows to claim
     * @param perEndpoint
     *            most rows in flight per endpoint, counting {@code inFlight}
     * @param inFlight
     *            requests this instance already has in flight, per endpoint
     * @return the claimed attempts
     */
    @Transactional
    public List<DeliveryTask> claim(int limit, int perEndpoint, Map<UUID, Integer> inFlight, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(CLAIM_DUE_SQL).setParameter(1, perEndpoint).setParameter(2, limit)
                .getResultList();
        Map<UUID, Integer> taken = new HashMap<>(inFlight);
        List<UUID> ids = new ArrayList<>();
        for (Object[] row : due) {
            UUID endpoint = (UUID) row[1];
            int n = taken.getOrDefault(endpoint, 0);
            if (n < perEndpoint) {
                taken.put(endpoint, n + 1);
                ids.add((UUID) row[0]);
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        UUID token = UUID.randomUUID();
        em.createNativeQuery("update delivery set locked_until = ?1, lease_token = ?2, updated_at = now()"
                + " where id in (?3)").setParameter(1, Instant.now().plus(lease)).setParameter(2, token)
                .setParameter(3, ids).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select d.id, d.endpoint_id, d.attempt_count, d.retry_base, e.url, coalesce(a.payload, g.payload),
                       e.secret, case when e.previous_secret_expires_at > now() then e.previous_secret end
                from delivery d left join alert a on a.id = d.alert_id left join digest g on g.id = d.digest_id
                join webhook_endpoint e on e.id = d.endpoint_id
                where d.lease_token = ?1""").setParameter(1, token).getResultList();
        List<DeliveryTask> tasks = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            List<String> secrets = r[7] == null ? List.of((String) r[6]) : List.of((String) r[6], (String) r[7]);
            tasks.add(new DeliveryTask((UUID) r[0], (UUID) r[1], token, ((Number) r[2]).intValue() + 1,
                    ((Number) r[3]).intValue(), (String) r[4], (String) r[5], secrets));
        }
        return tasks;
    }

    /**
     * Records an attempt and moves the delivery on: delivered; due again later; or dead when the schedule is exhausted
     * or the receiver answered 410 Gone, which also disables the endpoint. 429, 502, 503 and 504 throttle the whole
     * endpoint until the receiver's {@code Retry-After} (or the next scheduled retry). A worker whose lease was taken
     * over, or whose delivery was cancelled meanwhile, records its attempt but leaves the delivery alone.
     */
    @Transactional
    public void record(DeliveryTask task, AttemptResult result) {
        String error = result.error() == null
                ? null
                : result.error().substring(0, Math.min(result.error().length(), MAX_ERROR_CHARS));
        em.createNativeQuery("insert into delivery_attempt (delivery_id, endpoint_id, attempt_no, attempted_at,"
                + " http_status, latency_ms, error) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, task.deliveryId()).setParameter(2, task.endpointId())
                .setParameter(3, task.attemptNo()).setParameter(4, result.attemptedAt())
                .setParameter(5, result.status()).setParameter(6, result.latencyMs()).setParameter(7, error)
                .executeUpdate();
        String lastError = result.succeeded() ? null : error != null ? error : "HTTP " + result.status();
        Instant now = Instant.now();
        String status;
        Instant next = null;
        if (result.succeeded()) {
            status = "delivered";
        } else if (Integer.valueOf(410).equals(result.status())) {
            status = "dead";
            disable(task.endpointId(), "receiver answered 410 Gone", now);
        } else {
            Optional<Duration> delay = schedule.nextDelay(task.attemptNo() - task.retryBase());
            status = delay.isPresent() ? "pending" : "dead";
            if (delay.isPresent()) {
                Duration wait = delay.get();
                if (isThrottling(result.status())) {
                    if (result.retryAfter() != null) {
                        wait = result.retryAfter().compareTo(MAX_RETRY_AFTER) > 0
                                ? MAX_RETRY_AFTER
                                : result.retryAfter();
                    }
                    throttle(task.endpointId(), now.plus(wait));
                }
                next = now.plus(wait);
            }
        }
        int updated = em.createNativeQuery("""
                update delivery set status = ?1, attempt_count = ?2, last_status = ?3, last_error = ?4,
                       next_attempt_at = coalesce(?5, next_attempt_at),
                       delivered_at = case when ?1 = 'delivered' then ?6 else delivered_at end,
                       locked_until = null, lease_token = null, updated_at = now()
                where id = ?7 and lease_token = ?8 and status = 'pending'""").setParameter(1, status)
                .setParameter(2, task.attemptNo())
                .setParameter(3, result.status()).setParameter(4, lastError).setParameter(5, next)
                .setParameter(6, result.attemptedAt()).setParameter(7, task.deliveryId())
                .setParameter(8, task.leaseToken()).executeUpdate();
        if (updated == 0) {
            Log.infof("Delivery %s was cancelled or taken over during attempt %d; attempt logged only",
                    task.deliveryId(), task.attemptNo());
        } else if (status.equals("dead")) {
            Log.warnf("Delivery %s dead after %d attempts: %s", task.deliveryId(), task.attemptNo(), lastError);
        }
    }

    private static boolean isThrottling(Integer status) {
        return status != null && (status == 429 || status == 502 || status == 503 || status == 504);
    }

    private void throttle(UUID endpointId, Instant until) {
        em.createNativeQuery("update webhook_endpoint set throttled_until = greatest(coalesce(throttled_until, ?2), ?2)"
                + " where id = ?1").setParameter(1, endpointId).setParameter(2, until).executeUpdate();
    }

    private void disable(UUID endpointId, String reason, Instant now) {
        em.createNativeQuery("update webhook_endpoint set disabled_at = ?2, disabled_reason = ?3"
                + " where id = ?1 and disabled_at is null").setParameter(1, endpointId).setParameter(2, now)
                .setParameter(3, reason).executeUpdate();
        Log.warnf("Endpoint %s disabled: %s", endpointId, reason);
    }
}
