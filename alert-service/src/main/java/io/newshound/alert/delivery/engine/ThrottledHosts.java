package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The report of hosts whose endpoints are throttled now, for operators. */
@ApplicationScoped
public class ThrottledHosts {

    /** Hosts with throttled enabled endpoints, the furthest throttle first. */
    private static final String THROTTLED_HOSTS_SQL = """
            select h.host, count(*), max(h.throttled_until),
                   sum((select count(*) from delivery d where d.endpoint_id = h.id and d.status = 'pending'))
            from (select webhook_host(e.url) as host, e.id, e.throttled_until from webhook_endpoint e
                  where e.disabled_at is null and e.throttled_until > now()) h
            group by h.host order by max(h.throttled_until) desc, h.host limit ?""";

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

    private final DataSource dataSource;

    public ThrottledHosts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return up to {@code limit} hosts with throttled enabled endpoints, the furthest throttle first */
    public List<ThrottledHost> list(int limit) {
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
}
