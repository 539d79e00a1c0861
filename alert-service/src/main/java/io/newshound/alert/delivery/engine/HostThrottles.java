package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Throttles and releases every endpoint on one host, for every instance: an ejection ({@link HostEjection} judges which
 * hosts are down) throttles them, an operator's release lifts every throttle on the host.
 */
@ApplicationScoped
public class HostThrottles {

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
            """ + EndpointCircuits.HOLD_WAITING_SQL + """
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

    /** What an ejection changed: endpoints throttled, pending deliveries moved to the end of the throttle. */
    public record Ejected(int endpoints, int deliveries) {
    }

    /** What releasing a host changed: endpoints no longer throttled, pending deliveries made due now. */
    public record Released(String host, int endpoints, int deliveries) {
    }

    private final DataSource dataSource;

    public HostThrottles(DataSource dataSource) {
        this.dataSource = dataSource;
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
}
