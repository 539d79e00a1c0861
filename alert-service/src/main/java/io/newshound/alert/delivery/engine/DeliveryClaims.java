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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.newshound.alert.delivery.webhook.DeliveryTask;

/**
 * Claims due deliveries under a lease, in batches: a few statements per claim, whatever its size. Plain JDBC in
 * autocommit: every statement is atomic on its own and no HTTP happens while a row is locked. At thousands of
 * deliveries per second the per-row statements of an ORM, and the round trips to the database, cost more than the
 * requests themselves.
 */
@ApplicationScoped
public class DeliveryClaims {

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
                      case when e.previous_secret_expires_at > now() then e.previous_secret end,
                      d.traceparent, d.tracestate, d.accepted_at""";

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

    /**
     * A place in the walk of due first attempts: every due first attempt up to it was claimed by the walk that set it.
     */
    public record Cursor(Instant dueAt, UUID deliveryId) {
    }

    private final DataSource dataSource;
    /**
     * Where the next walk of first attempts starts; null to start from the oldest due row. Used by the claiming
     * (dispatcher) thread alone.
     */
    private Cursor cursor;
    private long cursorSetAt;

    public DeliveryClaims(DataSource dataSource) {
        this.dataSource = dataSource;
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
                            rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getTimestamp(11)});
                }
            }
        }
        if (rows.size() < chosen.size()) {
            Set<UUID> leased = new HashSet<>();
            rows.forEach(r -> leased.add((UUID) r[0]));
            chosen.stream().filter(k -> !leased.contains(k.deliveryId()))
                    .forEach(k -> admission.release(k.endpointId()));
        }
        // UPDATE ... RETURNING gives rows in whatever order it updated them: hand them out in the order chosen
        java.util.Map<UUID, Integer> order = new java.util.HashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            order.put(chosen.get(i).deliveryId(), i);
        }
        rows.sort(java.util.Comparator.comparing(r -> order.get((UUID) r[0])));
        List<DeliveryTask> tasks = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            List<String> secrets = r[7] == null ? List.of((String) r[6]) : List.of((String) r[6], (String) r[7]);
            tasks.add(new DeliveryTask((UUID) r[0], (UUID) r[1], token, (Integer) r[2] + 1, (Integer) r[3],
                    (String) r[5], (String) r[4], secrets, (String) r[8], (String) r[9],
                    r[10] == null ? null : ((java.sql.Timestamp) r[10]).toInstant()));
        }
        return tasks;
    }
}
