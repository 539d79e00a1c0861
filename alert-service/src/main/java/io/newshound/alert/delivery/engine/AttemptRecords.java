package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.db.SqlArrays;
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;

/**
 * Records finished attempts, in batches: the attempt log, the deliveries moved on, and the endpoints' delivery state,
 * in one statement per batch (one round trip, atomic on its own) whatever its size; plain JDBC for the reason
 * {@link DeliveryClaims} gives.
 */
@ApplicationScoped
public class AttemptRecords {

    /** A receiver cannot park its deliveries for longer than this with {@code Retry-After}. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    private static final String GONE_REASON = "receiver answered 410 Gone";

    /**
     * Records a batch of attempts in one statement (one round trip, atomic on its own): the attempt log, the deliveries
     * (only where the lease is still ours), and the endpoints' failing time, count of failures in a row, throttle,
     * circuit and disabling (only rows whose value changes, so healthy endpoints cost nothing), with an event for each
     * endpoint disabled now and a row for each endpoint whose circuit opens now.
     */
    private static final String RECORD_SQL = """
            with attempts as (
                insert into delivery_attempt (delivery_id, endpoint_id, attempt_no, attempted_at, http_status,
                                              latency_ms, error)
                select a.delivery_id, a.endpoint_id, a.attempt_no, a.attempted_at::timestamptz, a.http_status,
                       a.latency_ms, a.error
                from unnest(?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::int[], ?::bigint[], ?::text[])
                     as a(delivery_id, endpoint_id, attempt_no, attempted_at, http_status, latency_ms, error)),
            deliveries as (
                update delivery d set status = u.status, attempt_count = u.attempt_no, last_status = u.http_status,
                       last_error = u.last_error,
                       next_attempt_at = coalesce(u.next_at::timestamptz, d.next_attempt_at),
                       delivered_at = case when u.status = 'delivered' then u.attempted_at::timestamptz
                                           else d.delivered_at end,
                       locked_until = null, lease_token = null, updated_at = now()
                from unnest(?::uuid[], ?::uuid[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[])
                     as u(id, token, status, attempt_no, http_status, last_error, next_at, attempted_at)
                where d.id = u.id and d.lease_token = u.token and d.status = 'pending'
                returning d.id),
            changes as (
                select e.id, c.throttle_until::timestamptz as throttle_until,
                       case when c.restart then c.since::timestamptz
                            else coalesce(e.failing_since, c.since::timestamptz) end as failing_since,
                       case when e.disabled_at is not null then null
                            when c.gone then ?
                            when c.failed and coalesce(e.failing_since, c.since::timestamptz)
                                              <= now() - make_interval(secs => ?)
                                then 'every attempt failed since ' || to_char(coalesce(e.failing_since,
                                     c.since::timestamptz) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                       end as disable_reason,
                       c.since::timestamptz as run_start, c.restart, c.failed, c.gone, c.failed_since_success
                from unnest(?::uuid[], ?::text[], ?::boolean[], ?::text[], ?::boolean[], ?::boolean[], ?::int[])
                     as c(id, since, restart, throttle_until, gone, failed, failed_since_success)
                join webhook_endpoint e on e.id = c.id),
            endpoints as (
                -- the count adds to the row as it is when updated, not as the statement first read it: another
                -- replica's failures recorded meanwhile are kept
                update webhook_endpoint e
                   set failing_since = case when c.restart then c.run_start
                                            else coalesce(e.failing_since, c.run_start) end,
                       consecutive_failures = case when c.restart then c.failed_since_success
                                                   else e.consecutive_failures + c.failed_since_success end,
                       throttled_until = greatest(e.throttled_until, c.throttle_until),
                       disabled_at = case when c.disable_reason is null then e.disabled_at else now() end,
                       disabled_reason = coalesce(c.disable_reason, e.disabled_reason)
                from changes c
                where e.id = c.id and (c.failing_since is distinct from e.failing_since
                                       or c.failed_since_success > 0 or (c.restart and e.consecutive_failures > 0)
                                       or c.throttle_until is not null or c.disable_reason is not null)
                returning e.id, e.tenant_id, c.disable_reason,
                          c.failed and not c.gone and e.disabled_at is null and e.consecutive_failures >= ? as opened),
            events as (
                insert into endpoint_event (tenant_id, endpoint_id, type, detail)
                select tenant_id, id, 'disabled', disable_reason from endpoints where disable_reason is not null
                returning tenant_id, endpoint_id, detail)
            select 'delivery', id, null, null from deliveries
            union all
            select 'disabled', endpoint_id, detail, tenant_id from events
            union all
            select 'circuit', id, null, null from endpoints where opened""";

    /** An endpoint the batch disabled. */
    private record Disabled(String tenantId, UUID endpointId, String reason) {
    }

    /** One finished attempt, waiting to be written. */
    public record Completed(DeliveryTask task, AttemptResult result) {
    }

    private final DataSource dataSource;
    private final RetrySchedule schedule;
    private final Duration disableAfter;
    private final EndpointCircuits circuits;

    public AttemptRecords(DataSource dataSource, RetrySchedule schedule, WebhookConfig config,
            EndpointCircuits circuits) {
        this.dataSource = dataSource;
        this.schedule = schedule;
        this.disableAfter = config.disableAfterFailingFor();
        this.circuits = circuits;
    }

    /**
     * Records finished attempts and moves their deliveries on, all in one transaction: delivered; due again later; or
     * dead when the schedule is exhausted or the receiver answered 410 Gone, which also disables the endpoint. 429,
     * 502, 503 and 504 throttle the whole endpoint until the receiver's {@code Retry-After} (or the next scheduled
     * retry). An endpoint whose attempts have failed without a break for longer than the configured time is disabled,
     * and the owner finds an event saying why. An endpoint whose last attempts, across its deliveries, failed as many
     * times in a row as configured has its circuit opened: it is throttled for the circuit's time (doubling with each
     * further failure) and its waiting deliveries wait with it. A worker whose lease was taken over, or whose delivery
     * was cancelled meanwhile, records its attempt but leaves the delivery alone.
     *
     * @return the endpoints whose circuit this batch opened
     */
    public Set<UUID> record(List<Completed> batch) {
        if (batch.isEmpty()) {
            return Set.of();
        }
        AttemptRows rows = AttemptRows.of(batch, Instant.now(), schedule);
        int n = batch.size();
        EndpointChanges changes = EndpointChanges.of(batch, rows.throttles(), rows.gone());
        Set<UUID> updated = new HashSet<>();
        List<Disabled> disabled = new ArrayList<>();
        Set<UUID> opened = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            // one transaction: an endpoint disabled here and its owner's notification commit together
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(RECORD_SQL)) {
                    SqlArrays.Binder params = SqlArrays.bind(c, ps);
                    rows.bind(params);
                    params.text(GONE_REASON).number(disableAfter.toMillis() / 1000.0);
                    changes.bind(params);
                    params.integer(circuits.threshold());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getString(1).equals("delivery")) {
                                updated.add(rs.getObject(2, UUID.class));
                            } else if (rs.getString(1).equals("circuit")) {
                                opened.add(rs.getObject(2, UUID.class));
                            } else {
                                Log.warnf("Endpoint %s disabled: %s", rs.getObject(2, UUID.class), rs.getString(3));
                                disabled.add(
                                        new Disabled(rs.getString(4), rs.getObject(2, UUID.class), rs.getString(3)));
                            }
                        }
                    }
                }
                if (!disabled.isEmpty()) {
                    tellOwners(c, disabled);
                }
                if (!opened.isEmpty()) {
                    circuits.open(c, opened);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + n + " attempts", e);
        }
        for (int i = 0; i < n; i++) {
            if (!updated.contains(rows.ids()[i])) {
                Log.infof("Delivery %s was cancelled or taken over during attempt %d; attempt logged only",
                        rows.ids()[i],
                        rows.attemptNos()[i]);
            } else if (rows.outcomes()[i].equals("dead")) {
                Log.warnf("Delivery %s dead after %d attempts: %s", rows.ids()[i], rows.attemptNos()[i],
                        rows.lastErrors()[i]);
            }
        }
        return opened;
    }

    /** Appends an {@code endpoint.disabled} entry to each owner's notification log, read by the stream and feed. */
    private static void tellOwners(Connection c, List<Disabled> disabled) throws SQLException {
        String now = Instant.now().toString();
        Notifications.appendAll(c, disabled.stream().map(d -> new Notifications.Pending(d.tenantId(), null,
                "endpoint.disabled",
                new JsonObject().put("type", "endpoint.disabled").put("timestamp", now).put("data",
                        new JsonObject().put("endpointId", d.endpointId().toString()).put("reason", d.reason()))
                        .encode()))
                .toList());
    }

    /**
     * What a batch changes per endpoint, in attempt order: a success ends a failing run, the first failure after it
     * starts one; the endpoint may be disabled, or its circuit opened, only if its last attempt failed.
     *
     * @param failedSinceSuccess
     *            failed attempts after the endpoint's last success in the batch (all of them if none succeeded)
     */
    record EndpointChanges(UUID[] ids, String[] since, Boolean[] restart, String[] throttleUntil, Boolean[] gone,
            Boolean[] failed, Integer[] failedSinceSuccess) {

        static EndpointChanges of(List<Completed> batch, Map<UUID, Instant> throttles, Set<UUID> gone) {
            Map<UUID, Instant> runStart = new TreeMap<>();
            Map<UUID, Boolean> restart = new HashMap<>();
            Map<UUID, Integer> failures = new HashMap<>();
            Set<UUID> failing = new HashSet<>();
            List<Completed> ordered = new ArrayList<>(batch);
            ordered.sort(Comparator.comparing(k -> k.result().attemptedAt()));
            for (Completed k : ordered) {
                UUID endpoint = k.task().endpointId();
                if (k.result().succeeded()) {
                    runStart.put(endpoint, null);
                    restart.put(endpoint, true);
                    failing.remove(endpoint);
                    failures.put(endpoint, 0);
                } else {
                    failures.merge(endpoint, 1, Integer::sum);
                    if (failing.add(endpoint)) {
                        runStart.put(endpoint, k.result().attemptedAt());
                        restart.putIfAbsent(endpoint, false);
                    }
                }
            }
            int m = runStart.size();
            UUID[] ids = runStart.keySet().toArray(UUID[]::new);
            String[] since = new String[m];
            Boolean[] restarts = new Boolean[m];
            String[] throttleUntil = new String[m];
            Boolean[] gones = new Boolean[m];
            Boolean[] failed = new Boolean[m];
            Integer[] failedSinceSuccess = new Integer[m];
            for (int i = 0; i < m; i++) {
                Instant s = runStart.get(ids[i]);
                since[i] = s == null ? null : s.toString();
                restarts[i] = restart.get(ids[i]);
                Instant t = throttles.get(ids[i]);
                throttleUntil[i] = t == null ? null : t.toString();
                gones[i] = gone.contains(ids[i]);
                failed[i] = failing.contains(ids[i]);
                failedSinceSuccess[i] = failures.get(ids[i]);
            }
            return new EndpointChanges(ids, since, restarts, throttleUntil, gones, failed, failedSinceSuccess);
        }

        /** Binds the arrays of {@code changes} in {@link #RECORD_SQL}, in its column order. */
        void bind(SqlArrays.Binder params) throws SQLException {
            params.uuids(ids).texts(since).bools(restart).texts(throttleUntil).bools(gone).bools(failed)
                    .ints(failedSinceSuccess);
        }
    }

    /**
     * @return whether writing this result only moves its delivery on (to a retry, or dead): a failure that neither
     *         throttles nor disables its endpoint; whether it opens a circuit depends on the endpoint's other failures
     */
    public static boolean onlyReschedules(AttemptResult result) {
        return !result.succeeded() && !isThrottling(result.status()) && !Integer.valueOf(410).equals(result.status());
    }

    static boolean isThrottling(Integer status) {
        return status != null && (status == 429 || status == 502 || status == 503 || status == 504);
    }
}
