package io.newshound.alert.delivery.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The host of an endpoint URL as the database matches it when ejecting agrees with how the engine reads the URL when
 * counting its attempts.
 */
class HostMatchingTest {

    private static final List<String> URLS = List.of("http://partner.example.com/hooks",
            "http://partner.example.com:80/hooks", "http://PARTNER.Example.com/other?x=1",
            "HTTP://partner.example.com:0080#frag", "http://partner.example.com:/empty-port",
            "http://partner.example.com?query-only", "http://partner.example.com", "https://partner.example.com/hooks",
            "https://partner.example.com:443/hooks", "https://partner.example.com:8443/hooks",
            "http://partner.example.com:8080/hooks", "http://partner.example.com.evil.example/hooks",
            "http://sub.partner.example.com/hooks", "http://user:pw@partner.example.com/hooks",
            "http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a", "http://[::1]:8080/v6", "http://[::1]/v6",
            "http://[2001:DB8::1]:9000/v6", "https://xn--bcher-kva.example/h", "http://partner.example.com:99999/h",
            "http://partner.example.com:12345678901/h", "http://under_score.example.com/h",
            "http://partner.example.com:80x/h", "ftp://partner.example.com/h", "not a url");

    private static ScratchDeliveryDatabase db;
    private HostThrottles hosts;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = new ScratchDeliveryDatabase("newshound_alert_hosts");
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void emptyDatabase() {
        db.reset();
        hosts = db.hostThrottles();
    }

    @Test
    void theDatabaseReadsTheHostOfEveryUrlAsJavaDoes() throws SQLException {
        for (String url : URLS) {
            db.endpoint(url);
        }
        Map<String, String> byDatabase = new HashMap<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c
                        .prepareStatement("select url, webhook_host(url) from webhook_endpoint");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byDatabase.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(byDatabase).hasSize(URLS.size());
        for (String url : URLS) {
            String java = HostEjection.hostOf(url);
            if (java == null) {
                // Java finds no host: the sender refuses the URL, no attempt of it is ever counted, so whatever the
                // database makes of it can never be ejected
                continue;
            }
            assertThat(byDatabase.get(url)).as(url).isEqualTo(java);
        }
        assertThat(HostEjection.hostOf("http://partner.example.com/hooks")).isEqualTo("http://partner.example.com:80");
        assertThat(HostEjection.hostOf("HTTP://PARTNER.Example.com:0080#f")).isEqualTo("http://partner.example.com:80");
        assertThat(HostEjection.hostOf("https://partner.example.com/")).isEqualTo("https://partner.example.com:443");
        assertThat(HostEjection.hostOf("http://[::1]/v6")).isEqualTo("http://[::1]:80");
        assertThat(HostEjection.hostOf("http://under_score.example.com/h")).isNull();
    }

    @Test
    void ejectingAHostThrottlesItsEnabledEndpointsAndNoOthers() throws SQLException {
        Map<String, UUID> ids = new HashMap<>();
        for (String url : URLS) {
            ids.put(url, db.endpoint(url));
        }
        UUID disabled = db.endpoint("http://partner.example.com/disabled");
        UUID later = db.endpoint("http://partner.example.com/throttled-for-an-hour");
        Instant hour = Instant.now().plus(Duration.ofHours(1));
        try (Connection c = db.dataSource().getConnection()) {
            update(c, "update webhook_endpoint set disabled_at = now() where id = ?", disabled);
            update(c, "update webhook_endpoint set throttled_until = ? where id = ?", Timestamp.from(hour), later);
        }

        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(db.delivery(ids.get("http://partner.example.com/hooks"), 0, 0, Duration.ofSeconds(-5)));
        }
        UUID elsewhere = db.delivery(ids.get("http://partner.example.com:8080/hooks"), 0, 0, Duration.ofSeconds(-5));

        HostThrottles.Ejected ejected = hosts.ejectHost("http://partner.example.com:80", Duration.ofSeconds(30),
                Duration.ofSeconds(20));
        int throttled = ejected.endpoints();

        List<String> sameHost = List.of("http://partner.example.com/hooks", "http://partner.example.com:80/hooks",
                "http://PARTNER.Example.com/other?x=1", "HTTP://partner.example.com:0080#frag",
                "http://partner.example.com:/empty-port", "http://partner.example.com?query-only",
                "http://partner.example.com", "http://user:pw@partner.example.com/hooks");
        assertThat(throttled).isEqualTo(sameHost.size() + 1);
        Map<UUID, Instant> until = throttles();
        Instant expected = Instant.now().plusSeconds(30);
        for (String url : URLS) {
            if (sameHost.contains(url)) {
                assertThat(until.get(ids.get(url))).as(url).isCloseTo(expected, within(Duration.ofSeconds(5)));
            } else {
                assertThat(until.get(ids.get(url))).as(url).isNull();
            }
        }
        assertThat(until.get(disabled)).isNull();
        assertThat(until.get(later)).isCloseTo(hour, within(Duration.ofSeconds(1)));
        // the waiting deliveries fall due after the throttle, so claims do not step over them meanwhile, and spread
        // over the 20 s after it, so the host is not sent them all at once when it ends
        assertThat(ejected.deliveries()).isEqualTo(waiting.size());
        Set<Instant> due = new HashSet<>();
        for (UUID delivery : waiting) {
            Instant at = nextAttemptAt(delivery);
            assertThat(at).isBetween(expected.minusSeconds(5), expected.plusSeconds(25));
            assertThat(at).isAfterOrEqualTo(until.get(ids.get("http://partner.example.com/hooks")));
            due.add(at);
        }
        assertThat(Duration.between(Collections.min(due), Collections.max(due))).isGreaterThan(Duration.ofSeconds(5));
        assertThat(nextAttemptAt(elsewhere)).isBefore(Instant.now());
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static Instant nextAttemptAt(UUID delivery) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select next_attempt_at from delivery where id = ?")) {
            ps.setObject(1, delivery);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static Map<UUID, Instant> throttles() throws SQLException {
        Map<UUID, Instant> until = new HashMap<>();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select id, throttled_until from webhook_endpoint");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp t = rs.getTimestamp(2);
                until.put(rs.getObject(1, UUID.class), t == null ? null : t.toInstant());
            }
        }
        return until;
    }
}
