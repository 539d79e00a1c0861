package io.newshound.ingest.feed.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.newshound.devkit.postgres.LocalPostgres;
import io.newshound.ingest.feed.FeedClaims;

/**
 * Measures how fast concurrent claimers drain due feeds with the poller's claim query ({@link FeedClaims#DUE_FEEDS}
 * plus the lease update, one short transaction per batch) and checks that no feed is claimed twice. Uses a scratch
 * database {@code newshound_ingest_bench} (dropped afterwards) with the service's feed schema. Prints numbers, asserts
 * nothing.
 * <p>
 * Run: {@code ./mvnw -q -pl ingest-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.newshound.ingest.feed.bench.FeedClaimBenchmark [-Dexec.args="<feeds> <batch size>"]}
 */
public final class FeedClaimBenchmark {

    private static final String DATABASE = "newshound_ingest_bench";

    public static void main(String[] args) throws Exception {
        int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        LocalPostgres pg = LocalPostgres.fromEnvironment();
        pg.dropDatabase(DATABASE);
        pg.ensureDatabase(DATABASE);
        String url = pg.jdbcUrl(DATABASE);
        try {
            try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
                try (Statement s = c.createStatement()) {
                    s.execute(resource("/db/migration/V10__feeds.sql"));
                }
            }
            System.out.printf("%d feeds, %d per claim; not-due and paused feeds: as many again%n", feeds, batch);
            for (int claimers : new int[]{1, 2, 4, 8}) {
                seed(url, pg, feeds);
                run(url, pg, claimers, batch, feeds);
            }
        } finally {
            pg.dropDatabase(DATABASE);
        }
    }

    private static void run(String url, LocalPostgres pg, int claimers, int batch, int feeds) throws Exception {
        String claim = FeedClaims.DUE_FEEDS.replace(":now", "?").replace(":limit", "?");
        Map<UUID, Integer> claimed = new ConcurrentHashMap<>();
        AtomicInteger transactions = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            running.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
                    c.setAutoCommit(false);
                    for (;;) {
                        Timestamp now = Timestamp.from(Instant.now());
                        List<UUID> ids = new ArrayList<>();
                        try (PreparedStatement select = c.prepareStatement(claim)) {
                            select.setTimestamp(1, now);
                            select.setInt(2, batch);
                            try (ResultSet rs = select.executeQuery()) {
                                while (rs.next()) {
                                    ids.add(rs.getObject(1, UUID.class));
                                }
                            }
                        }
                        if (ids.isEmpty()) {
                            c.commit();
                            return null;
                        }
                        try (PreparedStatement lease = c.prepareStatement(
                                "update feed set next_poll_at = ?, leased_until = ? where id = any(?)")) {
                            Timestamp until = Timestamp.from(Instant.now().plus(Duration.ofMinutes(2)));
                            Array array = c.createArrayOf("uuid", ids.toArray());
                            lease.setTimestamp(1, until);
                            lease.setTimestamp(2, until);
                            lease.setArray(3, array);
                            lease.executeUpdate();
                        }
                        c.commit();
                        transactions.incrementAndGet();
                        ids.forEach(id -> claimed.merge(id, 1, Integer::sum));
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long twice = claimed.values().stream().filter(n -> n > 1).count();
        System.out.printf("%d claimer(s): %d feeds claimed in %.2f s = %.0f feeds/s, %d transactions,"
                + " %d claimed twice, %d left unclaimed%n", claimers, claimed.size(), seconds,
                claimed.size() / seconds, transactions.get(), twice, feeds - claimed.size());
    }

    /** {@code feeds} due feeds, as many not yet due, and as many paused (and overdue). */
    private static void seed(String url, LocalPostgres pg, int feeds) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("truncate feed");
            s.execute("insert into feed (id, url, poll_interval_seconds, paused, created_at, next_poll_at)"
                    + " select gen_random_uuid(), 'https://feeds.example.com/' || g || '.xml', 300,"
                    + " g > 2 * " + feeds + ", now(), case when g <= " + feeds + " or g > 2 * " + feeds
                    + " then now() - interval '1 minute'"
                    + " else now() + interval '1 hour' end from generate_series(1, 3 * " + feeds + ") g");
            s.execute("analyze feed");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FeedClaimBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
