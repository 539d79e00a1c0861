package io.newshound.alert.story;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.flywaydb.core.Flyway;

import io.newshound.alert.event.ArticleClassified;
import io.newshound.devkit.postgres.LocalPostgres;

/**
 * On-demand numbers for story assignment in PostgreSQL, the path every consumed article takes: advisory lock, candidate
 * lookup through the index tables, scoring, writing the story and its index rows, commit. Fills a scratch database
 * ({@code newshound_alert_bench}, wiped on every run) with live stories, then assigns more articles (half of them
 * rewrites of earlier ones, which join) from one connection and from two at once (two replicas contending for the
 * assignment lock). CPU time is this JVM's thread time only; PostgreSQL's own CPU is not in it.
 *
 * <pre>
 * ./mvnw -q -pl alert-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.newshound.alert.story.StoryAssignmentBench [-Dbench.stories=10000 -Dbench.articles=2000]
 * </pre>
 */
public final class StoryAssignmentBench {

    private static final int NAMES = 40_000;
    private static final int WORDS = 400;

    private final List<String> names = new ArrayList<>(NAMES);
    private final List<String> words = new ArrayList<>(WORDS);

    private StoryAssignmentBench() {
        Random random = new Random(42);
        for (int i = 0; i < NAMES; i++) {
            names.add(word(random, 'A' + random.nextInt(26), 5 + random.nextInt(5)));
        }
        for (int i = 0; i < WORDS; i++) {
            words.add(word(random, 'a' + random.nextInt(26), 3 + random.nextInt(6)));
        }
    }

    public static void main(String[] args) throws Exception {
        int stories = Integer.getInteger("bench.stories", 10_000);
        int measured = Integer.getInteger("bench.articles", 2_000);
        LocalPostgres pg = LocalPostgres.fromEnvironment();
        String db = "newshound_alert_bench";
        pg.ensureDatabase(db);
        String url = pg.jdbcUrl(db);
        Flyway flyway = Flyway.configure().dataSource(url, pg.user(), pg.password()).cleanDisabled(false)
                .locations("classpath:db/migration").load();
        flyway.clean();
        flyway.migrate();
        new StoryAssignmentBench().run(url, pg, stories, measured);
    }

    private void run(String url, LocalPostgres pg, int stories, int measured) throws Exception {
        StoryGroupingSettings settings = StoryGroupingSettings.defaults();
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        long step = Duration.ofHours(24).toNanos() / stories;
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            for (int i = 0; i < stories; i++) {
                StoryAssigner.assign(c, article(i, 0, start.plusNanos(step * i)), settings, 2_000);
                c.commit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "filled %d articles into %d live stories in %.1f s (%.0f articles/s)%n",
                    stories, count(c, "select count(*) from story"), seconds, stories / seconds);
        }
        Instant later = start.plus(Duration.ofHours(25));
        List<ArticleClassified> batch = new ArrayList<>(measured);
        for (int i = 0; i < measured; i++) {
            Instant at = later.plusMillis(i * 100L);
            batch.add(i % 2 == 0 ? article((i * 7919) % stories, 1 + i, at) : article(stories + i, 0, at));
        }
        int half = measured / 2;
        measure("one connection", url, pg, settings, List.of(batch.subList(0, half)));
        measure("two connections at once", url, pg, settings,
                List.of(batch.subList(half, half + half / 2), batch.subList(half + half / 2, measured)));
    }

    private static void measure(String label, String url, LocalPostgres pg, StoryGroupingSettings settings,
            List<List<ArticleClassified>> perConnection) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        List<CompletableFuture<long[]>> runs = new ArrayList<>();
        for (List<ArticleClassified> articles : perConnection) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long joined = 0;
                try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
                    c.setAutoCommit(false);
                    for (ArticleClassified article : articles) {
                        if (!StoryAssigner.assign(c, article, settings, 2_000).assignment().newStory()) {
                            joined++;
                        }
                        c.commit();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return new long[]{threads.getCurrentThreadCpuTime() - cpu0, joined};
            }));
        }
        long cpu = 0;
        long joined = 0;
        int total = 0;
        for (int i = 0; i < runs.size(); i++) {
            long[] r = runs.get(i).get();
            cpu += r[0];
            joined += r[1];
            total += perConnection.get(i).size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT,
                "%s: %d articles in %.2f s = %.0f articles/s wall clock, %.0f articles per client CPU second"
                        + " (%d joined a story); load average %.2f on %d cores%n",
                label, total, seconds, total / seconds, total / (cpu / 1e9), joined,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /** Article {@code variant} of development {@code development}: variant 0 is the original, others rewrites. */
    private ArticleClassified article(int development, int variant, Instant publishedAt) {
        Random story = new Random(development * 31L + 7);
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            own.add(names.get(story.nextInt(NAMES)));
        }
        Random text = new Random(development * 131L + variant);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            body.append(i % 8 == 0 ? own.get((i / 8) % own.size()) : words.get(story.nextInt(WORDS)));
            // a rewrite replaces one word in five with another
            if (variant > 0 && text.nextInt(5) == 0) {
                body.append(' ').append(words.get(text.nextInt(WORDS)));
            }
            body.append(i % 12 == 11 ? ". " : " ");
        }
        String title = own.get(0) + " " + words.get(story.nextInt(WORDS)) + " " + own.get(1) + " "
                + words.get(story.nextInt(WORDS)) + " " + own.get(2);
        UUID articleId = UUID.nameUUIDFromBytes(("bench:" + development + ":" + variant).getBytes());
        return new ArticleClassified(ArticleClassified.TYPE, UUID.randomUUID(), publishedAt, articleId, 1,
                new ArticleClassified.Article("https://bench.example/" + articleId, title, body.toString(),
                        "Outlet " + (variant % 7), publishedAt),
                "en", List.of(new ArticleClassified.Topic("topic-" + (development % 40), "Topic", 0.9, List.of())));
    }

    private static String word(Random random, int first, int length) {
        StringBuilder w = new StringBuilder().append((char) first);
        for (int i = 1; i < length; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.toString();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
