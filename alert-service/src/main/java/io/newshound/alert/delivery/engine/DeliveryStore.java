package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;
import io.quarkus.logging.Log;
import io.vertx.core.json.JsonObject;

/**
 * The delivery rows: claiming due ones under a lease and recording attempts, both in batches. Plain JDBC in autocommit:
 * every statement is atomic on its own and no HTTP happens while a row is locked. At thousands of deliveries per second
 * the per-row statements of an ORM, and the round trips to the database, cost more than the requests themselves, so a
 * claim is a few statements and a batch of results one, whatever their number.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final int MAX_ERROR_CHARS = 1000;
    /** A receiver cannot park its deliveries for longer than this with {@code Retry-After}. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
    private static final String GONE_REASON = "receiver answered 410 Gone";

    /**
     * Due, unleased first attempts (since creation or the last replay) of enabled, unthrottled endpoints after the
     * cursor {@code (?1, ?2)}, oldest first, walking their due index: cheap however many endpoints there are, but a few
     * endpoints with deep backlogs can fill the window. The cursor lets a claim go on where the last one stopped
     * instead of stepping again over every row leased since (in a fan-out, all those still in flight); the order within
     * one due time is by id, which the index (migration V17) carries.
     */
    public static final String DUE_FIRST_SQL = """
            select d.id, d.endpoint_id, e.rate_limit_per_second, d.next_attempt_at
            from delivery d join webhook_endpoint e on e.id = d.endpoint_id
            where d.status = 'pending' and d.attempt_count = d.retry_base and d.next_attempt_at <= now()
              and (d.next_attempt_at, d.id) > (?, ?)
              and (d.locked_until is null or d.locked_until < now())
              and e.disabled_at is null and (e.throttled_until is null or e.throttled_until <= now())
            order by d.next_attempt_at, d.id limit ?""";

    /** Where a walk of {@link #DUE_FIRST_SQL} starts: before every row. */
    public static final Cursor FROM_THE_START = new Cursor(Instant.EPOCH, new UUID(0, 0));

    /** How long a claim may go on from where the last one stopped before it walks from the oldest due row again. */
    static final Duration CURSOR_LIFETIME = Duration.ofSeconds(10);

    /** The same for retries due at least {@code ?1} seconds ago, walking the retries' due index. */
    public static final String DUE_RETRY_SQL = """
            select d.id, d.endpoint_id, e.rate_limit_per_second
            from delivery d join webhook_endpoint e on e.id = d.endpoint_id
            where d.status = 'pending' and d.attempt_count > d.retry_base
              and d.next_attempt_at <= now() - make_interval(secs => ?)
              and (d.locked_until is null or d.locked_until < now())
              and e.disabled_at is null and (e.throttled_until is null or e.throttled_until <= now())
            order by d.next_attempt_at limit ?""";

    /**
     * A retry overdue by this much is claimed before first attempts: under a backlog of fresh deliveries that lasts,
     * retries are late by about this, never starved.
     */
    static final Duration RETRY_OVERDUE = Duration.ofMinutes(1);

    /**
     * Due deliveries, first attempts and retries alike, at most {@code ?1} per endpoint and {@code ?2} in all: one
     * short index range per endpoint, so deep backlogs of a few endpoints cannot hide the others. Used when a window of
     * {@link #DUE_FIRST_SQL} or {@link #DUE_RETRY_SQL} was full yet yielded too few.
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

    /**
     * Moves the unleased pending deliveries of the endpoints just throttled (CTE {@code throttled}: id, throttled
     * until) past the end of their throttle, spread at random over the {@code ?} seconds after it: shared by circuits
     * and ejections.
     */
    private static final String HOLD_WAITING_SQL = """
            update delivery d
            set next_attempt_at = t.throttled_until + random() * make_interval(secs => ?), updated_at = now()
            from throttled t
            where d.endpoint_id = t.id and d.status = 'pending' and d.next_attempt_at < t.throttled_until
              and (d.locked_until is null or d.locked_until < now())""";

    /**
     * Opens the circuits of endpoints whose last attempts all failed, {@code ?4}, now that their count of failures in a
     * row reached the threshold {@code ?2}: throttles each for the base time {@code ?1} doubled for every failure past
     * the threshold, at most {@code ?3} seconds (keeping any later throttle), and moves their unleased pending
     * deliveries to the end of the throttle, spread at random over the base time after it, as {@link #EJECT_SQL} does
     * for a host: claims do not step over them meanwhile, and the receiver gets probes rather than its backlog when the
     * throttle ends.
     */
    private static final String OPEN_CIRCUITS_SQL = """
            with throttled as (
                update webhook_endpoint e
                set throttled_until = greatest(e.throttled_until, now() + make_interval(
                        secs => least(? * power(2, least(e.consecutive_failures - ?, 30)), ?)))
                where e.id = any(?)
                returning e.id, e.throttled_until)
            """ + HOLD_WAITING_SQL;

    /**
     * Throttles every enabled endpoint on one host until {@code ?1} seconds from now, keeping any later throttle, and
     * moves their unleased pending deliveries to the end of the throttle, spread at random over the {@code ?3} seconds
     * after it: the claim queries then skip the endpoints as any throttled one, their walks of the due indexes do not
     * step over the waiting deliveries on every claim until it ends, and when it ends the host gets a trickle of probes
     * rather than all its backlog at once. {@code webhook_host(url)} (migration V14) reads the host of a URL as
     * {@link HostEjection#hostOf} does; an index on it makes this a lookup rather than a scan.
     */
    private static final String EJECT_SQL = """
            with throttled as (
                update webhook_endpoint e
                set throttled_until = greatest(e.throttled_until, now() + make_interval(secs => ?))
                where e.disabled_at is null and webhook_host(e.url) = ?
                returning e.id, e.throttled_until),
            waiting as (
            """ + HOLD_WAITING_SQL + """
             returning 1)
            select (select count(*) from throttled), (select count(*) from waiting)""";

    /**
     * Lifts every throttle on one host's enabled endpoints (an ejection, open circuits, a receiver's
     * {@code Retry-After}) and makes their waiting deliveries due now: what an operator does once a partner says its
     * host is back. Their counts of failures in a row start over, so a circuit opens again only after as many new
     * failures as the first time.
     */
    private static final String RELEASE_SQL = """
            with released as (
                update webhook_endpoint e set throttled_until = null, consecutive_failures = 0
                where e.disabled_at is null and webhook_host(e.url) = ? and e.throttled_until > now()
                returning e.id),
            due as (
                update delivery d set next_attempt_at = now(), updated_at = now()
                from released r
                where d.endpoint_id = r.id and d.status = 'pending' and d.next_attempt_at > now()
                  and (d.locked_until is null or d.locked_until < now())
                returning 1)
            select (select count(*) from released), (select count(*) from due)""";

    /** Hosts with throttled enabled endpoints, the furthest throttle first. */
    private static final String THROTTLED_HOSTS_SQL = """
            select h.host, count(*), max(h.throttled_until),
                   sum((select count(*) from delivery d where d.endpoint_id = h.id and d.status = 'pending'))
            from (select webhook_host(e.url) as host, e.id, e.throttled_until from webhook_endpoint e
                  where e.disabled_at is null and e.throttled_until > now()) h
            group by h.host order by max(h.throttled_until) desc, h.host limit ?""";

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

    /** An endpoint the batch disabled. */
    private record Disabled(String tenantId, UUID endpointId, String reason) {
    }

    /** What an ejection changed: endpoints throttled, pending deliveries moved to the end of the throttle. */
    public record Ejected(int endpoints, int deliveries) {
    }

    /** What releasing a host changed: endpoints no longer throttled, pending deliveries made due now. */
    public record Released(String host, int endpoints, int deliveries) {
    }

    /**
     * A host with throttled endpoints.
     *
     * @param host
     *            {@code scheme://host:port}
     * @param throttledEndpoints
     *            its enabled endpoints throttled now (ejected, circuit open, or asked to slow down)
     * @param throttledUntil
     *            when the last of those throttles ends
     * @param pendingDeliveries
     *            deliveries of those endpoints waiting to be sent
     */
    public record ThrottledHost(String host, int throttledEndpoints, Instant throttledUntil, long pendingDeliveries) {
    }

    /**
     * A place in the walk of due first attempts: every due first attempt up to it was claimed by the walk that set it.
     */
    public record Cursor(Instant dueAt, UUID deliveryId) {
    }

    /** One finished attempt, waiting to be written. */
    public record Completed(DeliveryTask task, AttemptResult result) {
    }

    private final DataSource dataSource;
    private final RetrySchedule schedule;
    private final Duration disableAfter;
    /** failures in a row that open an endpoint's circuit; {@link Integer#MAX_VALUE} when switched off */
    private final int circuitAfter;
    private final Duration circuitBase;
    private final Duration circuitMax;
    /**
     * Where the next walk of first attempts starts; null to start from the oldest due row. Used by the claiming
     * (dispatcher) thread alone.
     */
    private Cursor cursor;
    private long cursorSetAt;

    @Inject
    public DeliveryStore(DataSource dataSource, RetrySchedule schedule, WebhookConfig config) {
        this.dataSource = dataSource;
        this.schedule = schedule;
        this.disableAfter = config.disableAfterFailingFor();
        WebhookConfig.EndpointCircuit circuit = config.endpointCircuit();
        this.circuitAfter = circuit.consecutiveFailures() > 0 ? circuit.consecutiveFailures() : Integer.MAX_VALUE;
        this.circuitBase = circuit.baseTime();
        this.circuitMax = circuit.maxTime();
    }

    /**
     * Leases up to {@code limit} due deliveries of enabled, unthrottled endpoints that {@code admission} lets through:
     * retries overdue by {@link #RETRY_OVERDUE}, then first attempts, then the other due retries, each oldest first.
     * Retries of failing endpoints thus do not crowd out fresh deliveries to healthy ones. Rows locked by another
     * instance are skipped; a lease that runs out (crashed worker) makes its row due again.
     *
     * @return the claimed attempts; the admission holds a slot for each
     */
    public List<DeliveryTask> claim(int limit, int perEndpoint, Admission admission, Duration lease) {
        if (limit <= 0) {
            return List.of();
        }
        // no transaction: the lease statement checks again and skips what another instance took meanwhile
        List<Candidate> chosen = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Set<UUID> seen = new HashSet<>();
            // leased rows still sit in the due index and are skipped, hence a window larger than the claim
            int window = limit * 2;
            int overdue = (int) RETRY_OVERDUE.toSeconds();
            boolean full = choose(c, DUE_RETRY_SQL, List.of(overdue, window), limit, admission, chosen, seen) == window;
            if (chosen.size() < limit) {
                full |= chooseFirst(c, window, limit, admission, chosen, seen);
            }
            if (chosen.size() < limit) {
                full |= choose(c, DUE_RETRY_SQL, List.of(0, window), limit, admission, chosen, seen) == window;
            }
            if (chosen.size() < limit && full) {
                // the window was full yet yielded too few: deep backlogs of endpoints at their limits ahead
                choose(c, DUE_PER_ENDPOINT_SQL, List.of(perEndpoint, window), limit, admission, chosen, seen);
            }
            return chosen.isEmpty() ? List.of() : lease(c, chosen, admission, lease);
        } catch (SQLException | RuntimeException e) {
            // a slot taken for a delivery that is not sent would block its endpoint for good
            chosen.forEach(k -> admission.release(k.endpointId()));
            cursor = null; // and the chosen rows, now behind the cursor, are walked again
            throw new IllegalStateException("Could not claim deliveries", e);
        }
    }

    /**
     * Chooses due first attempts, going on from the cursor; moves the cursor to the end of the run of rows read and
     * chosen from its start, so that a row an endpoint's limits held back is read again by the next claim, while the
     * rows leased meanwhile are not. A walk from the cursor that reaches the end of what is due starts over from the
     * oldest due row (rows behind the cursor may have become claimable: a lease given back or run out), as does one
     * from a cursor older than {@link #CURSOR_LIFETIME}.
     *
     * @return whether the window was full
     */
    private boolean chooseFirst(Connection c, int window, int limit, Admission admission, List<Candidate> chosen,
            Set<UUID> seen) throws SQLException {
        if (cursor != null && System.nanoTime() - cursorSetAt > CURSOR_LIFETIME.toNanos()) {
            cursor = null;
        }
        boolean fromCursor = cursor != null;
        Cursor from = fromCursor ? cursor : FROM_THE_START;
        Cursor reached = from;
        boolean unbroken = true;
        int read = 0;
        try (PreparedStatement ps = c.prepareStatement(DUE_FIRST_SQL)) {
            ps.setObject(1, from.dueAt().atOffset(ZoneOffset.UTC));
            ps.setObject(2, from.deliveryId());
            ps.setInt(3, window);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                    if (chosen.size() >= limit) {
                        unbroken = false;
                        continue;
                    }
                    if (!takeIfAdmitted(rs, admission, chosen, seen)) {
                        unbroken = false;
                    } else if (unbroken) {
                        reached = new Cursor(rs.getObject(4, OffsetDateTime.class).toInstant(),
                                chosen.get(chosen.size() - 1).deliveryId());
                    }
                }
            }
        }
        if (read < window) {
            // the end of what is due: the next walk starts from the oldest due row again
            cursor = null;
            if (fromCursor && chosen.size() < limit) {
                return chooseFirst(c, window, limit, admission, chosen, seen);
            }
            return false;
        }
        if (reached != from) {
            cursorSetAt = cursor == null ? System.nanoTime() : cursorSetAt;
            cursor = reached;
        }
        return true;
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
                    takeIfAdmitted(rs, admission, chosen, seen);
                }
            }
        }
        return read;
    }

    /**
     * Adds the due row at {@code rs} (delivery id, endpoint id, endpoint's rate limit) to {@code chosen} if no walk of
     * this claim read it before and the admission lets it through.
     *
     * @return whether it was chosen
     */
    private static boolean takeIfAdmitted(ResultSet rs, Admission admission, List<Candidate> chosen, Set<UUID> seen)
            throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        UUID endpoint = rs.getObject(2, UUID.class);
        double rate = rs.getDouble(3);
        Double override = rs.wasNull() ? null : rate;
        if (seen.add(id) && admission.admit(endpoint, override)) {
            chosen.add(new Candidate(id, endpoint, override));
            return true;
        }
        return false;
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
                        nextAt[i] = now.plus(wait).toString();
                    } else {
                        // counted from the failure, not from this write: a held failure's retry is not put off
                        Instant failedAt = result.attemptedAt().plusMillis(result.latencyMs());
                        nextAt[i] = (failedAt.isBefore(now) ? failedAt : now).plus(wait).toString();
                    }
                }
            }
        }
        EndpointChanges changes = EndpointChanges.of(batch, throttles, gone);
        Set<UUID> updated = new HashSet<>();
        List<Disabled> disabled = new ArrayList<>();
        Set<UUID> opened = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            // one transaction: an endpoint disabled here and its owner's notification commit together
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(RECORD_SQL)) {
                    int p = 1;
                    ps.setArray(p++, c.createArrayOf("uuid", ids));
                    ps.setArray(p++, c.createArrayOf("uuid", endpoints));
                    ps.setArray(p++, c.createArrayOf("int4", attemptNos));
                    ps.setArray(p++, c.createArrayOf("text", attemptedAt));
                    ps.setArray(p++, c.createArrayOf("int4", statuses));
                    ps.setArray(p++, c.createArrayOf("int8", latencies));
                    ps.setArray(p++, c.createArrayOf("text", errors));
                    ps.setArray(p++, c.createArrayOf("uuid", ids));
                    ps.setArray(p++, c.createArrayOf("uuid", tokens));
                    ps.setArray(p++, c.createArrayOf("text", outcomes));
                    ps.setArray(p++, c.createArrayOf("int4", attemptNos));
                    ps.setArray(p++, c.createArrayOf("int4", statuses));
                    ps.setArray(p++, c.createArrayOf("text", lastErrors));
                    ps.setArray(p++, c.createArrayOf("text", nextAt));
                    ps.setArray(p++, c.createArrayOf("text", attemptedAt));
                    ps.setString(p++, GONE_REASON);
                    ps.setDouble(p++, disableAfter.toMillis() / 1000.0);
                    ps.setArray(p++, c.createArrayOf("uuid", changes.ids()));
                    ps.setArray(p++, c.createArrayOf("text", changes.since()));
                    ps.setArray(p++, c.createArrayOf("bool", changes.restart()));
                    ps.setArray(p++, c.createArrayOf("text", changes.throttleUntil()));
                    ps.setArray(p++, c.createArrayOf("bool", changes.gone()));
                    ps.setArray(p++, c.createArrayOf("bool", changes.failed()));
                    ps.setArray(p++, c.createArrayOf("int4", changes.failedSinceSuccess()));
                    ps.setInt(p, circuitAfter);
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
                    hold(c, opened);
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
            if (!updated.contains(ids[i])) {
                Log.infof("Delivery %s was cancelled or taken over during attempt %d; attempt logged only", ids[i],
                        attemptNos[i]);
            } else if (outcomes[i].equals("dead")) {
                Log.warnf("Delivery %s dead after %d attempts: %s", ids[i], attemptNos[i], lastErrors[i]);
            }
        }
        return opened;
    }

    /** Throttles the endpoints whose circuit opens now, and makes their waiting deliveries wait for its end. */
    private void hold(Connection c, Set<UUID> opened) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_CIRCUITS_SQL)) {
            ps.setDouble(1, circuitBase.toMillis() / 1000.0);
            ps.setInt(2, circuitAfter);
            ps.setDouble(3, circuitMax.toMillis() / 1000.0);
            ps.setArray(4, c.createArrayOf("uuid", opened.toArray()));
            ps.setDouble(5, circuitBase.toMillis() / 1000.0);
            int held = ps.executeUpdate();
            Log.debugf("Circuit opened for %d endpoints whose attempts keep failing; %d deliveries wait for it",
                    opened.size(), held);
        }
    }

    /**
     * Ejects a host: throttles all its enabled endpoints for {@code time} (never shortening a longer throttle), for
     * every instance, so their due deliveries stay pending and are claimed once it runs out.
     *
     * @param host
     *            as {@link HostEjection#hostOf} gives it
     * @param spread
     *            the window after the throttle over which the host's waiting deliveries fall due again
     * @return the endpoints throttled and the deliveries that now wait for the throttle's end
     */
    public Ejected ejectHost(String host, Duration time, Duration spread) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(EJECT_SQL)) {
            ps.setDouble(1, time.toMillis() / 1000.0);
            ps.setString(2, host);
            ps.setDouble(3, spread.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Ejected(rs.getInt(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not eject host " + host, e);
        }
    }

    /**
     * Lifts the throttles of all enabled endpoints on a host, for every instance, and makes their pending deliveries
     * due now.
     *
     * @param host
     *            as {@link HostEjection#hostOf} gives it
     */
    public Released releaseHost(String host) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RELEASE_SQL)) {
            ps.setString(1, host);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Released(host, rs.getInt(1), rs.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release host " + host, e);
        }
    }

    /** @return up to {@code limit} hosts with throttled enabled endpoints, the furthest throttle first */
    public List<ThrottledHost> throttledHosts(int limit) {
        List<ThrottledHost> hosts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(THROTTLED_HOSTS_SQL)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(new ThrottledHost(rs.getString(1), rs.getInt(2),
                            rs.getTimestamp(3).toInstant(), rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list throttled hosts", e);
        }
        return hosts;
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
    }

    /**
     * @return whether writing this result only moves its delivery on (to a retry, or dead): a failure that neither
     *         throttles nor disables its endpoint; whether it opens a circuit depends on the endpoint's other failures
     */
    static boolean onlyReschedules(AttemptResult result) {
        return !result.succeeded() && !isThrottling(result.status()) && !Integer.valueOf(410).equals(result.status());
    }

    private static boolean isThrottling(Integer status) {
        return status != null && (status == 429 || status == 502 || status == 503 || status == 504);
    }
}
