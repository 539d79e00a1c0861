package io.newshound.alert.delivery;

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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newshound.alert.config.WebhookConfig;
import io.quarkus.logging.Log;

/**
 * The delivery rows: claiming due ones under a lease and recording attempts, both in batches. Plain JDBC, each call one
 * short local transaction; no HTTP happens while a row is locked. At thousands of deliveries per second the per-row
 * statements of an ORM cost more than the requests themselves, so a claim is two statements and a batch of results is a
 * handful, whatever their number.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final int MAX_ERROR_CHARS = 1000;
    /** A receiver cannot park its deliveries for longer than this with {@code Retry-After}. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    private static final String GONE_REASON = "receiver answered 410 Gone";

    /**
     * Due, unleased deliveries of enabled, unthrottled endpoints, oldest first, walking the due index: cheap however
     * many endpoints there are, but a few endpoints with deep backlogs can fill the window.
     */
    public static final String DUE_SQL = """
            select d.id, d.endpoint_id, e.rate_limit_per_second
            from delivery d join webhook_endpoint e on e.id = d.endpoint_id
            where d.status = 'pending' and d.next_attempt_at <= now()
              and (d.locked_until is null or d.locked_until < now())
              and e.disabled_at is null and (e.throttled_until is null or e.throttled_until <= now())
            order by d.next_attempt_at limit ?""";

    /**
     * The same, at most {@code ?1} per endpoint and {@code ?2} in all: one short index range per endpoint, so deep
     * backlogs of a few endpoints cannot hide the others. Used when {@link #DUE_SQL}'s window was not enough.
     */
    public static final String DUE_PER_ENDPOINT_SQL = """
            select due.id, e.id, e.rate_limit_per_second from webhook_endpoint e
            cross join lateral (
                select d.id, d.next_attempt_at from delivery d
                where d.endpoint_id = e.id and d.status = 'pending' and d.next_attempt_at <= now()
                  and (d.locked_until is null or d.locked_until < now())
                order by d.next_attempt_at limit ?) due
            where e.disabled_at is null and (e.throttled_until is null or e.throttled_until <= now())
            order by due.next_attempt_at limit ?""";

    /** Leases the chosen rows, skipping any another instance holds, and returns what sending needs. */
    private static final String LEASE_SQL = """
            with c as (
                select id from delivery
                where id = any(?) and status = 'pending' and (locked_until is null or locked_until < now())
                for update skip locked)
            update delivery d set locked_until = ?, lease_token = ?, updated_at = now()
            from c, webhook_endpoint e
            where d.id = c.id and e.id = d.endpoint_id
            returning d.id, d.endpoint_id, d.attempt_count, d.retry_base,
                      coalesce((select u.payload from alert_update u
                                where u.alert_id = d.alert_id and u.revision = d.revision),
                               (select g.payload from digest g where g.id = d.digest_id)),
                      e.url, e.secret,
                      case when e.previous_secret_expires_at > now() then e.previous_secret end""";

    private static final String INSERT_ATTEMPTS_SQL = """
            insert into delivery_attempt (delivery_id, endpoint_id, attempt_no, attempted_at, http_status, latency_ms,
                                          error)
            select u.delivery_id, u.endpoint_id, u.attempt_no, u.attempted_at::timestamptz, u.http_status,
                   u.latency_ms, u.error
            from unnest(?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::int[], ?::bigint[], ?::text[])
                 as u(delivery_id, endpoint_id, attempt_no, attempted_at, http_status, latency_ms, error)""";

    private static final String UPDATE_DELIVERIES_SQL = """
            update delivery d set status = u.status, attempt_count = u.attempt_no, last_status = u.http_status,
                   last_error = u.last_error, next_attempt_at = coalesce(u.next_at::timestamptz, d.next_attempt_at),
                   delivered_at = case when u.status = 'delivered' then u.attempted_at::timestamptz
                                       else d.delivered_at end,
                   locked_until = null, lease_token = null, updated_at = now()
            from unnest(?::uuid[], ?::uuid[], ?::text[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[])
                 as u(id, token, status, attempt_no, http_status, last_error, next_at, attempted_at)
            where d.id = u.id and d.lease_token = u.token and d.status = 'pending'
            returning d.id""";

    /** Writes only rows whose value changes: healthy endpoints cost nothing here. */
    private static final String FAILING_SINCE_SQL = """
            update webhook_endpoint e
            set failing_since = case when u.restart then u.since::timestamptz
                                     else coalesce(e.failing_since, u.since::timestamptz) end
            from unnest(?::uuid[], ?::text[], ?::boolean[]) as u(id, since, restart)
            where e.id = u.id
              and (case when u.restart then u.since::timestamptz
                        else coalesce(e.failing_since, u.since::timestamptz) end) is distinct from e.failing_since""";

    private static final String THROTTLE_SQL = """
            update webhook_endpoint e set throttled_until = greatest(coalesce(e.throttled_until, u.until::timestamptz),
                                                                     u.until::timestamptz)
            from unnest(?::uuid[], ?::text[]) as u(id, until)
            where e.id = u.id""";

    private static final String DISABLE_FAILING_SQL = """
            with disabled as (
                update webhook_endpoint set disabled_at = now(),
                       disabled_reason = 'every attempt failed since '
                           || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                where id = any(?) and disabled_at is null and failing_since <= now() - make_interval(secs => ?)
                returning id, tenant_id, disabled_reason)
            insert into endpoint_event (tenant_id, endpoint_id, type, detail)
            select tenant_id, id, 'disabled', disabled_reason from disabled
            returning endpoint_id, detail""";

    private static final String DISABLE_GONE_SQL = """
            with disabled as (
                update webhook_endpoint set disabled_at = now(), disabled_reason = ?
                where id = any(?) and disabled_at is null
                returning id, tenant_id, disabled_reason)
            insert into endpoint_event (tenant_id, endpoint_id, type, detail)
            select tenant_id, id, 'disabled', disabled_reason from disabled
            returning endpoint_id, detail""";

    /** A due delivery that may be claimed, with what the worker needs to admit it. */
    public record Candidate(UUID deliveryId, UUID endpointId, Double rateLimitPerSecond) {
    }

    /** The worker's say on whether a due delivery may be sent now (free slots, rate limits). */
    public interface Admission {

        /** @return whether a request to this endpoint may start now; if so, its slot and token are taken */
        boolean admit(UUID endpointId, Double rateLimitPerSecond);

        /** Gives back what {@link #admit} took, for a delivery that another instance claimed first. */
        void release(UUID endpointId);
    }

    /** One finished attempt, waiting to be written. */
    public record Completed(DeliveryTask task, AttemptResult result) {
    }

    private final DataSource dataSource;
    private final RetrySchedule schedule;
    private final Duration disableAfter;

    @Inject
    public DeliveryStore(DataSource dataSource, RetrySchedule schedule, WebhookConfig config) {
        this(dataSource, schedule, config.disableAfterFailingFor());
    }

    public DeliveryStore(DataSource dataSource, RetrySchedule schedule, Duration disableAfter) {
        this.dataSource = dataSource;
        this.schedule = schedule;
        this.disableAfter = disableAfter;
    }

    /**
     * Leases up to {@code limit} due deliveries of enabled, unthrottled endpoints that {@code admission} lets through.
     * Rows locked by another instance are skipped; a lease that runs out (crashed worker) makes its row due again.
     *
     * @return the claimed attempts; the admission holds a slot for each
     */
    public List<DeliveryTask> claim(int limit, int perEndpoint, Admission admission, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Candidate> chosen = new ArrayList<>();
                Set<UUID> seen = new HashSet<>();
                int window = limit * 4;
                int read = choose(c, DUE_SQL, List.of(window), limit, admission, chosen, seen);
                if (chosen.size() < limit && read == window) {
                    // the window was full yet yielded too few: deep backlogs of throttled-by-us endpoints ahead
                    choose(c, DUE_PER_ENDPOINT_SQL, List.of(perEndpoint, window), limit, admission, chosen, seen);
                }
                List<DeliveryTask> tasks = chosen.isEmpty() ? List.of() : lease(c, chosen, admission, lease);
                c.commit();
                return tasks;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim deliveries", e);
        }
    }

    private static int choose(Connection c, String sql, List<Integer> params, int limit, Admission admission,
            List<Candidate> chosen, Set<UUID> seen) throws SQLException {
        int read = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setInt(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                    if (chosen.size() >= limit) {
                        continue;
                    }
                    UUID id = rs.getObject(1, UUID.class);
                    UUID endpoint = rs.getObject(2, UUID.class);
                    double rate = rs.getDouble(3);
                    Double override = rs.wasNull() ? null : rate;
                    if (seen.add(id) && admission.admit(endpoint, override)) {
                        chosen.add(new Candidate(id, endpoint, override));
                    }
                }
            }
        }
        return read;
    }

    private List<DeliveryTask> lease(Connection c, List<Candidate> chosen, Admission admission, Duration lease)
            throws SQLException {
        UUID token = UUID.randomUUID();
        List<Object[]> rows = new ArrayList<>(chosen.size());
        try (PreparedStatement ps = c.prepareStatement(LEASE_SQL)) {
            ps.setArray(1, c.createArrayOf("uuid", chosen.stream().map(Candidate::deliveryId).toArray()));
            ps.setObject(2, java.sql.Timestamp.from(Instant.now().plus(lease)));
            ps.setObject(3, token);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                            rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)});
                }
            }
        }
        if (rows.size() < chosen.size()) {
            Set<UUID> leased = new HashSet<>();
            rows.forEach(r -> leased.add((UUID) r[0]));
            chosen.stream().filter(k -> !leased.contains(k.deliveryId()))
                    .forEach(k -> admission.release(k.endpointId()));
        }
        List<DeliveryTask> tasks = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            List<String> secrets = r[7] == null ? List.of((String) r[6]) : List.of((String) r[6], (String) r[7]);
            tasks.add(new DeliveryTask((UUID) r[0], (UUID) r[1], token, (Integer) r[2] + 1, (Integer) r[3],
                    (String) r[5], (String) r[4], secrets));
        }
        return tasks;
    }

    /**
     * Records finished attempts and moves their deliveries on, all in one transaction: delivered; due again later; or
     * dead when the schedule is exhausted or the receiver answered 410 Gone, which also disables the endpoint. 429,
     * 502, 503 and 504 throttle the whole endpoint until the receiver's {@code Retry-After} (or the next scheduled
     * retry). An endpoint whose attempts have failed without a break for longer than the configured time is disabled,
     * and the owner finds an event saying why. A worker whose lease was taken over, or whose delivery was cancelled
     * meanwhile, records its attempt but leaves the delivery alone.
     */
    public void record(List<Completed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        int n = batch.size();
        UUID[] ids = new UUID[n];
        UUID[] endpoints = new UUID[n];
        UUID[] tokens = new UUID[n];
        Integer[] attemptNos = new Integer[n];
        String[] attemptedAt = new String[n];
        Integer[] statuses = new Integer[n];
        Long[] latencies = new Long[n];
        String[] errors = new String[n];
        String[] outcomes = new String[n];
        String[] lastErrors = new String[n];
        String[] nextAt = new String[n];
        Map<UUID, Instant> throttles = new TreeMap<>();
        Set<UUID> gone = new HashSet<>();
        for (int i = 0; i < n; i++) {
            DeliveryTask task = batch.get(i).task();
            AttemptResult result = batch.get(i).result();
            String error = result.error() == null
                    ? null
                    : result.error().substring(0, Math.min(result.error().length(), MAX_ERROR_CHARS));
            ids[i] = task.deliveryId();
            endpoints[i] = task.endpointId();
            tokens[i] = task.leaseToken();
            attemptNos[i] = task.attemptNo();
            attemptedAt[i] = result.attemptedAt().toString();
            statuses[i] = result.status();
            latencies[i] = result.latencyMs();
            errors[i] = error;
            lastErrors[i] = result.succeeded() ? null : error != null ? error : "HTTP " + result.status();
            if (result.succeeded()) {
                outcomes[i] = "delivered";
            } else if (Integer.valueOf(410).equals(result.status())) {
                outcomes[i] = "dead";
                gone.add(task.endpointId());
            } else {
                Optional<Duration> delay = schedule.nextDelay(task.attemptNo() - task.retryBase());
                outcomes[i] = delay.isPresent() ? "pending" : "dead";
                if (delay.isPresent()) {
                    Duration wait = delay.get();
                    if (isThrottling(result.status())) {
                        if (result.retryAfter() != null) {
                            wait = result.retryAfter().compareTo(MAX_RETRY_AFTER) > 0
                                    ? MAX_RETRY_AFTER
                                    : result.retryAfter();
                        }
                        throttles.merge(task.endpointId(), now.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
                    }
                    nextAt[i] = now.plus(wait).toString();
                }
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPTS_SQL)) {
                    ps.setArray(1, c.createArrayOf("uuid", ids));
                    ps.setArray(2, c.createArrayOf("uuid", endpoints));
                    ps.setArray(3, c.createArrayOf("int4", attemptNos));
                    ps.setArray(4, c.createArrayOf("text", attemptedAt));
                    ps.setArray(5, c.createArrayOf("int4", statuses));
                    ps.setArray(6, c.createArrayOf("int8", latencies));
                    ps.setArray(7, c.createArrayOf("text", errors));
                    ps.executeUpdate();
                }
                Set<UUID> updated = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement(UPDATE_DELIVERIES_SQL)) {
                    ps.setArray(1, c.createArrayOf("uuid", ids));
                    ps.setArray(2, c.createArrayOf("uuid", tokens));
                    ps.setArray(3, c.createArrayOf("text", outcomes));
                    ps.setArray(4, c.createArrayOf("int4", attemptNos));
                    ps.setArray(5, c.createArrayOf("int4", statuses));
                    ps.setArray(6, c.createArrayOf("text", lastErrors));
                    ps.setArray(7, c.createArrayOf("text", nextAt));
                    ps.setArray(8, c.createArrayOf("text", attemptedAt));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            updated.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
                updateEndpoints(c, batch, throttles, gone);
                c.commit();
                for (int i = 0; i < n; i++) {
                    if (!updated.contains(ids[i])) {
                        Log.infof("Delivery %s was cancelled or taken over during attempt %d; attempt logged only",
                                ids[i], attemptNos[i]);
                    } else if (outcomes[i].equals("dead")) {
                        Log.warnf("Delivery %s dead after %d attempts: %s", ids[i], attemptNos[i], lastErrors[i]);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + n + " attempts", e);
        }
    }

    private void updateEndpoints(Connection c, List<Completed> batch, Map<UUID, Instant> throttles, Set<UUID> gone)
            throws SQLException {
        // per endpoint, in attempt order: a success ends a failing run, the first failure after it starts one
        Map<UUID, Instant> runStart = new TreeMap<>();
        Map<UUID, Boolean> restart = new HashMap<>();
        List<Completed> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(k -> k.result().attemptedAt()));
        Set<UUID> failed = new HashSet<>();
        for (Completed k : ordered) {
            UUID endpoint = k.task().endpointId();
            if (k.result().succeeded()) {
                runStart.put(endpoint, null);
                restart.put(endpoint, true);
                failed.remove(endpoint);
            } else if (!failed.contains(endpoint)) {
                failed.add(endpoint);
                runStart.put(endpoint, k.result().attemptedAt());
                restart.putIfAbsent(endpoint, false);
            }
        }
        UUID[] ids = runStart.keySet().toArray(UUID[]::new);
        String[] since = new String[ids.length];
        Boolean[] restarts = new Boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Instant s = runStart.get(ids[i]);
            since[i] = s == null ? null : s.toString();
            restarts[i] = restart.get(ids[i]);
        }
        try (PreparedStatement ps = c.prepareStatement(FAILING_SINCE_SQL)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", since));
            ps.setArray(3, c.createArrayOf("bool", restarts));
            ps.executeUpdate();
        }
        if (!throttles.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(THROTTLE_SQL)) {
                ps.setArray(1, c.createArrayOf("uuid", throttles.keySet().toArray()));
                ps.setArray(2, c.createArrayOf("text", throttles.values().stream().map(Instant::toString).toArray()));
                ps.executeUpdate();
            }
        }
        if (!gone.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(DISABLE_GONE_SQL)) {
                ps.setString(1, GONE_REASON);
                ps.setArray(2, c.createArrayOf("uuid", gone.stream().sorted().toArray()));
                logDisabled(ps);
            }
        }
        if (!failed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(DISABLE_FAILING_SQL)) {
                ps.setArray(1, c.createArrayOf("uuid", failed.stream().sorted().toArray()));
                ps.setDouble(2, disableAfter.toMillis() / 1000.0);
                logDisabled(ps);
            }
        }
    }

    private static void logDisabled(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Log.warnf("Endpoint %s disabled: %s", rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
    }

    private static boolean isThrottling(Integer status) {
        return status != null && (status == 429 || status == 502 || status == 503 || status == 504);
    }
}
