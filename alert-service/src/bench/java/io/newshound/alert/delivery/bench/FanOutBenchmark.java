package io.newshound.alert.delivery.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.flywaydb.core.Flyway;

import com.standardwebhooks.Webhook;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newshound.alert.delivery.engine.AttemptRecords;
import io.newshound.alert.delivery.engine.DeliveryClaims;
import io.newshound.alert.delivery.engine.DeliveryWorker;
import io.newshound.alert.delivery.engine.EndpointCircuits;
import io.newshound.alert.delivery.engine.HostThrottles;
import io.newshound.alert.delivery.engine.RetrySchedule;
import io.newshound.alert.delivery.engine.StaticWebhookConfig;
import io.newshound.alert.delivery.webhook.WebhookSender;
import io.newshound.alert.delivery.webhook.WebhookTargetGuard;
import io.newshound.devkit.postgres.LocalPostgres;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * One alert fanned out to many endpoints, through the real delivery engine (claims, signing, HTTP, batched results in
 * PostgreSQL), to receivers on loopback that answer at once, after 100 ms, or fail. Prints signed deliveries per second
 * (wall clock and per CPU second of this JVM, which also runs the receivers), end-to-end latency from the fan-out to
 * the receiver, and the rate to healthy endpoints when slow and failing ones are mixed in; next to the raw request rate
 * of {@code ab} (if installed) and of a bare Vert.x client loop against the same receiver. Receivers verify the
 * signature of every 50th request with {@code com.standardwebhooks}. Uses the scratch database
 * {@code newshound_alert_fanout} (wiped on every run).
 * <p>
 * Options: {@code -Dbench.rounds}, {@code -Dbench.mixedSize}, {@code -Dbench.instantOnly}, {@code -Dbench.mixed} (which
 * mixed scenarios), {@code -Dbench.topology=own} (slow and failing endpoints on receiver addresses of their own instead
 * of sharing the instant ones'), {@code -Dbench.alerts} (alerts sent to every endpoint, one after the other: with more
 * than one, an endpoint that keeps failing has its circuit opened and is no longer tried for every alert),
 * {@code -Dbench.maxInFlight}, {@code -Dbench.claimBatchSize}. {@code -Dbench.mixed=failing,failing-unheld} compares a
 * fan-out with failures held while fresh deliveries wait (the default) and one with every failure written at once.
 * <p>
 * Host ejection is on, with its defaults. With {@code -Dbench.topology=own} the failing endpoints' receivers answer
 * only 500, so their hosts are ejected early in a run and their deliveries wait behind a 30 s throttle (longer on the
 * next ejections). A scenario therefore ends once the healthy deliveries are all in, nothing is in flight and no
 * pending delivery is claimable (its endpoint unthrottled); whatever still waits behind ejected hosts is then cancelled
 * and reported as left behind, rather than waited for. Each scenario gets a worker of its own, so that no memory of the
 * hosts ejected in one (the receivers keep their addresses) carries over to the next.
 *
 * <pre>
 * ./mvnw -q -pl alert-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.newshound.alert.delivery.bench.FanOutBenchmark -Dexec.args="10000,100000"
 * </pre>
 */
public final class FanOutBenchmark {

    private static final int RECEIVER_PORTS = 16;
    /** Receivers of their own for slow and for failing endpoints, used with {@code -Dbench.topology=own}. */
    private static final int OWN_PORTS = 8;
    private static final String DB = "newshound_alert_fanout";

    /** How an endpoint's receiver behaves. */
    enum Kind {
        INSTANT('i'), SLOW('s'), FAILING('f');

        final char code;

        Kind(char code) {
            this.code = code;
        }
    }

    /**
     * Alerts each endpoint is sent in a run ({@code -Dbench.alerts}): one is a single fan-out to endpoints never seen
     * before; more is a burst of news, where what the engine learnt about an endpoint from the first alerts counts.
     */
    private static final int ALERTS = Integer.getInteger("bench.alerts", 1);

    /**
     * A scenario: how many endpoints, which share of them is slow (100 ms) or failing (500), and how many alerts each
     * is sent, one after the other.
     */
    record Scenario(String name, int endpoints, double slowShare, double failingShare, int alerts,
            boolean holdFailures) {

        Scenario(String name, int endpoints, double slowShare, double failingShare) {
            this(name, endpoints, slowShare, failingShare, ALERTS, true);
        }

        /**
         * @return how {@code -Dbench.mixed} names it: latency, slow, failing, both, or failing-unheld (failures written
         *         at once, as without {@code hold-failures-for})
         */
        String key() {
            return slowShare == 1
                    ? "latency"
                    : slowShare > 0 && failingShare > 0
                            ? "both"
                            : slowShare > 0 ? "slow" : holdFailures ? "failing" : "failing-unheld";
        }
    }

    record Outcome(Scenario scenario, long delivered, double seconds, double perSecond, double jvmCpuSeconds,
            double pgCpuSeconds, long healthy, double healthyPerSecond, long p50, long p99, long attempts, long dead,
            long verified, double load) {

        /** deliveries per CPU second of the engine's JVM (with the receivers) and its PostgreSQL backends */
        double perCpuSecond() {
            return delivered / (jvmCpuSeconds + pgCpuSeconds);
        }
    }

    private final Vertx receiverVertx = Vertx.vertx();
    private final Receivers receivers = new Receivers();
    private final List<String> hosts = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    /** host:port of every receiver: the shared ones first, then the slow ones' own and the failing ones' own */
    private final List<String> targets = new ArrayList<>();
    /**
     * {@code shared} (the default): slow, failing and instant endpoints spread over the same 16 receiver addresses, as
     * partners behind one gateway host are; {@code own}: slow and failing endpoints on addresses of their own, as a
     * slow partner usually is its own host.
     */
    private final boolean ownHosts = "own".equals(System.getProperty("bench.topology", "shared"));
    /** the mixed scenarios to run, by {@link Scenario#key()}: {@code -Dbench.mixed=slow,failing} */
    private final List<String> mixedScenarios = List
            .of(System.getProperty("bench.mixed", "latency,slow,failing,both").split(","));
    private LocalPostgres pg;
    private String url;

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0
                ? List.of(10_000, 100_000)
                : Arrays.stream(args[0].split(",")).map(String::trim).map(Integer::parseInt).toList();
        new FanOutBenchmark().run(sizes);
        System.exit(0);
    }

    private void run(List<Integer> sizes) throws Exception {
        pg = LocalPostgres.fromEnvironment();
        pg.ensureDatabase(DB);
        url = pg.jdbcUrl(DB);
        Flyway flyway = Flyway.configure().dataSource(url, pg.user(), pg.password()).cleanDisabled(false)
                .locations("classpath:db/migration").load();
        flyway.clean();
        flyway.migrate();
        startReceivers();

        StaticWebhookConfig config = new StaticWebhookConfig();
        config.allowedHosts = Set.of("127.0.0.1", "127.0.0.2");
        // failing endpoints give up quickly, so a run ends in seconds
        config.retrySchedule = List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(1));
        config.maxInFlight = Integer.getInteger("bench.maxInFlight", config.maxInFlight);
        config.claimBatchSize = Integer.getInteger("bench.claimBatchSize", config.claimBatchSize);
        Vertx engineVertx = Vertx.vertx();
        try (AgroalDataSource ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(8).connectionFactoryConfiguration(f -> f.jdbcUrl(url)
                        .principal(new NamePrincipal(pg.user())).credential(new SimplePassword(pg.password())))))) {
            AttemptRecords records = new AttemptRecords(ds, new RetrySchedule(config.retrySchedule, 0), config,
                    new EndpointCircuits(config));
            DeliveryClaims claims = new DeliveryClaims(ds);
            HostThrottles hosts = new HostThrottles(ds);
            WebhookSender sender = new WebhookSender(config,
                    new WebhookTargetGuard(config.allowedHosts, InetAddress::getAllByName), engineVertx);
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            Duration hold = config.holdFailuresFor;
            Function<Scenario, DeliveryWorker> workers = s -> {
                config.holdFailuresFor = s.holdFailures() ? hold : Duration.ZERO;
                return new DeliveryWorker(claims, records, hosts, sender, config, metrics);
            };

            List<Outcome> outcomes = new ArrayList<>();
            // a warm-up as large as the largest run, not reported: the JIT (two cores compile slowly), the keep-alive
            // connections to every receiver and PostgreSQL's caches; the first run measured cold was a third slower
            fanOut(workers, metrics, new Scenario("warm-up", sizes.get(sizes.size() - 1), 0, 0));
            // rounds interleave the scenarios, so that drift in the machine's load falls on all of them alike, and each
            // round starts one scenario later than the last, so that no scenario always runs first (the first run after
            // the warm-up still came out slower) or always after the same one
            int rounds = Integer.getInteger("bench.rounds", 1);
            // the mixed runs are compared with the instant run of the same size; long enough for a steady rate
            int mixedSize = Integer.getInteger("bench.mixedSize", sizes.get(sizes.size() - 1));
            List<Scenario> round = new ArrayList<>();
            for (int size : sizes) {
                round.add(new Scenario("instant", size, 0, 0));
            }
            if (!Boolean.getBoolean("bench.instantOnly")) {
                for (Scenario mixed : List.of(new Scenario("100 ms latency", mixedSize, 1, 0),
                        new Scenario("10% slow", mixedSize, 0.1, 0), new Scenario("10% failing", mixedSize, 0, 0.1),
                        new Scenario("10% slow + 10% failing", mixedSize, 0.1, 0.1),
                        new Scenario("10% failing, unheld", mixedSize, 0, 0.1, ALERTS, false))) {
                    if (mixedScenarios.contains(mixed.key())) {
                        round.add(mixed);
                    }
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (Scenario s : round) {
                    outcomes.add(fanOut(workers, metrics, s));
                }
                Collections.rotate(round, -1);
            }
            for (String name : List.of("claim", "record")) {
                var timer = metrics.timer("newshound.webhook." + name);
                var size = metrics.summary("newshound.webhook." + name + ".size");
                System.out.printf(Locale.ROOT, "%s: %d batches, mean %.1f ms, max %.1f ms, mean size %.0f%n", name,
                        timer.count(), timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS),
                        size.mean());
            }

            String ab = abRate();
            String raw = rawVertxRate(engineVertx);
            print(outcomes, ab, raw);
        } finally {
            engineVertx.close();
            receiverVertx.close();
        }
    }

    private Outcome fanOut(Function<Scenario, DeliveryWorker> workers, SimpleMeterRegistry metrics, Scenario s)
            throws Exception {
        DeliveryWorker worker = workers.apply(s);
        worker.start();
        try {
            return fanOut(worker, metrics, s);
        } finally {
            worker.stop();
        }
    }

    private Outcome fanOut(DeliveryWorker worker, SimpleMeterRegistry metrics, Scenario s) throws Exception {
        Map<String, String> secrets = seed(s);
        receivers.reset(secrets);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
        // the deliveries are due from here on, as if the alerts had just matched every endpoint, one after the other
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update delivery set next_attempt_at = now() + (next_attempt_at"
                    + " - (select min(next_attempt_at) from delivery)), created_at = now()");
        }
        var wait = metrics.timer("newshound.webhook.connection_wait");
        long waits0 = wait.count();
        double waited0 = wait.totalTime(TimeUnit.MILLISECONDS);
        long cpu0 = os.getProcessCpuTime();
        Map<Integer, Long> pg0 = postgresCpuTicks();
        long t0 = System.nanoTime();
        receivers.start = t0;
        worker.wake();
        long expectedHealthy = s.alerts()
                * secrets.keySet().stream().filter(p -> p.charAt(1) != Kind.FAILING.code).count();
        var ejections = metrics.counter("newshound.webhook.host_ejections");
        double ejections0 = ejections.count();
        var circuits = metrics.counter("newshound.webhook.circuit_opens");
        double circuits0 = circuits.count();
        long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            if (receivers.delivered.size() >= expectedHealthy && worker.inFlight() == 0 && claimable() == 0) {
                break;
            }
        }
        // what waits behind ejected hosts would be sent only after the ejection (30 s at first): not part of the run
        long leftBehind = cancelPending();
        long end = receivers.lastDelivery.get();
        double seconds = (end - t0) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        double pgSeconds = 0;
        for (Map.Entry<Integer, Long> e : postgresCpuTicks().entrySet()) {
            pgSeconds += (e.getValue() - pg0.getOrDefault(e.getKey(), 0L)) / 100.0; // USER_HZ
        }
        long[] latencies = receivers.latencies();
        long healthyCount = receivers.instantDelivered.get();
        double healthySeconds = (receivers.lastInstant.get() - t0) / 1e9;
        long[] counts = counts();
        Outcome o = new Outcome(s, latencies.length, seconds, latencies.length / seconds, cpuSeconds, pgSeconds,
                healthyCount, healthyCount / healthySeconds,
                latencies.length == 0 ? 0 : latencies[latencies.length / 2],
                latencies.length == 0 ? 0 : latencies[(int) (latencies.length * 0.99)], counts[0], counts[1],
                receivers.verified.get(), os.getSystemLoadAverage());
        if (receivers.badSignatures.get() > 0) {
            throw new IllegalStateException(receivers.badSignatures.get() + " signatures did not verify");
        }
        System.out.printf(Locale.ROOT,
                "%s x %d x %d alerts: %.0f/s, %d attempts, healthy %.0f/s, %.0f host ejections, %.0f circuits"
                        + " opened, %d deliveries left behind throttles, mean wait for a connection %.1f ms, from %s"
                        + " for %.1f s%n",
                s.name(), s.endpoints(), s.alerts(), o.perSecond(), o.attempts(), o.healthyPerSecond(),
                ejections.count() - ejections0, circuits.count() - circuits0, leftBehind,
                (wait.totalTime(TimeUnit.MILLISECONDS) - waited0) / Math.max(1, wait.count() - waits0),
                java.time.Instant.now().minusNanos(System.nanoTime() - t0), seconds);
        return o;
    }

    /** Endpoints spread over the receiver ports, each with its own path and secret; one alert and delivery each. */
    private Map<String, String> seed(Scenario s) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("truncate endpoint_event, delivery_attempt, delivery, alert_update, alert, subscription,"
                    + " webhook_endpoint cascade");
            String payload = "{\"type\":\"alert.raised\",\"timestamp\":\"2026-11-26T09:00:00.123Z\",\"data\":{"
                    + "\"title\":\"" + "Putin agrees to Article 5-like security guarantees ".repeat(20) + "\"}}";
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into webhook_endpoint (id, url, secret)
                    select gen_random_uuid(), 'http://' || t[1 + g % cardinality(t)] || '/' || k || '/' || g,
                           'whsec_' || encode(decode(md5(random()::text) || md5(random()::text), 'hex'), 'base64')
                    from (select g, case when g % 100 < ? then 's' when g % 100 < ? then 'f' else 'i' end as k
                          from generate_series(0, ? - 1) g) e,
                         lateral (select case e.k when 's' then ?::text[] when 'f' then ?::text[]
                                                  else ?::text[] end as t) r""")) {
                int slow = (int) Math.round(s.slowShare() * 100);
                ps.setInt(1, slow);
                ps.setInt(2, slow + (int) Math.round(s.failingShare() * 100));
                ps.setInt(3, s.endpoints());
                List<String> shared = targets.subList(0, RECEIVER_PORTS);
                ps.setArray(4, c.createArrayOf("text",
                        (ownHosts ? targets.subList(RECEIVER_PORTS, RECEIVER_PORTS + OWN_PORTS) : shared).toArray()));
                ps.setArray(5, c.createArrayOf("text",
                        (ownHosts ? targets.subList(RECEIVER_PORTS + OWN_PORTS, targets.size()) : shared).toArray()));
                ps.setArray(6, c.createArrayOf("text", shared.toArray()));
                ps.executeUpdate();
            }
            st.execute("insert into subscription (id, name, topics, match_mode, endpoint_id)"
                    + " select gen_random_uuid(), 'fan-out', '{land-swap}', 'any', id from webhook_endpoint");
            try (PreparedStatement ps = c.prepareStatement("insert into alert (id, subscription_id, article_id,"
                    + " article_revision, revision, event_id, updated_at) select gen_random_uuid(), s.id,"
                    + " ('00000000-0000-0000-0000-' || lpad(k::text, 12, '0'))::uuid, 1, 1, gen_random_uuid(), now()"
                    + " from subscription s, generate_series(1, ?) k")) {
                ps.setInt(1, s.alerts());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into alert_update (alert_id, revision, changes,"
                    + " payload, created_at) select id, 1, '{}', ?, now() from alert")) {
                ps.setString(1, payload);
                ps.executeUpdate();
            }
            // not due until the run starts; then the n-th alert's deliveries n milliseconds after the first's
            st.execute("insert into delivery (id, alert_id, revision, endpoint_id, status, next_attempt_at)"
                    + " select gen_random_uuid(), a.id, 1, s.endpoint_id, 'pending', now() + interval '1 day'"
                    + " + right(a.article_id::text, 12)::int * interval '1 millisecond'"
                    + " from alert a join subscription s on s.id = a.subscription_id");
            st.execute("vacuum analyze");
            Map<String, String> secrets = new HashMap<>();
            try (ResultSet rs = st.executeQuery("select url, secret from webhook_endpoint")) {
                while (rs.next()) {
                    String u = rs.getString(1);
                    secrets.put(u.substring(u.indexOf('/', "http://".length())), rs.getString(2));
                }
            }
            return secrets;
        }
    }

    /**
     * @return pending deliveries due within a second whose endpoints are not throttled: sent soon, or retried soon (the
     *         benchmark's retries come after half a second and a second); not those held behind a circuit or an
     *         ejection
     */
    private long claimable() throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from delivery d join webhook_endpoint e"
                        + " on e.id = d.endpoint_id where d.status = 'pending'"
                        + " and d.next_attempt_at <= now() + interval '1 second'"
                        + " and (e.throttled_until is null or e.throttled_until <= now())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Cancels the deliveries still pending, all behind a throttle (ejected hosts), so they count as not delivered. */
    private long cancelPending() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            return st.executeUpdate("update delivery set status = 'cancelled' where status = 'pending'");
        }
    }

    /** @return attempts made and deliveries dead */
    private long[] counts() throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select (select count(*) from delivery_attempt),"
                        + " (select count(*) from delivery where status = 'dead')")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * @return CPU time (clock ticks) of the PostgreSQL backends serving the benchmark database, by process id; the
     *         engine's pooled connections live through a whole scenario
     */
    private Map<Integer, Long> postgresCpuTicks() throws SQLException {
        Map<Integer, Long> ticks = new HashMap<>();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(
                        "select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            ps.setString(1, DB);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pid = rs.getInt(1);
                    try {
                        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime + stime
                    } catch (Exception gone) {
                        // the backend ended meanwhile
                    }
                }
            }
        }
        return ticks;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, pg.user(), pg.password());
    }

    private void startReceivers() throws Exception {
        for (int i = 0; i < RECEIVER_PORTS + 2 * OWN_PORTS; i++) {
            String host = i % 2 == 0 ? "127.0.0.1" : "127.0.0.2";
            HttpServer server = receiverVertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0))
                    .requestHandler(receivers::handle);
            server = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (!hosts.contains(host)) {
                hosts.add(host);
            }
            ports.add(server.actualPort());
            targets.add(host + ":" + server.actualPort());
        }
    }

    /** Answers by the first letter of the path, records first receipts, verifies a sample of signatures. */
    final class Receivers {
        volatile Map<String, String> secrets = Map.of();
        volatile long start;
        final Map<String, Long> delivered = new ConcurrentHashMap<>();
        final AtomicLong lastDelivery = new AtomicLong();
        final AtomicLong lastInstant = new AtomicLong();
        final AtomicLong instantDelivered = new AtomicLong();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger verified = new AtomicInteger();
        final AtomicInteger badSignatures = new AtomicInteger();

        void reset(Map<String, String> secrets) {
            this.secrets = secrets;
            delivered.clear();
            lastDelivery.set(0);
            lastInstant.set(0);
            instantDelivered.set(0);
            verified.set(0);
            badSignatures.set(0);
        }

        void handle(io.vertx.core.http.HttpServerRequest req) {
            req.body().onSuccess(body -> {
                String path = req.path();
                char kind = path.length() > 1 ? path.charAt(1) : Kind.INSTANT.code;
                if (kind == 'x') { // the load tools' target: no bookkeeping
                    req.response().setStatusCode(204).end();
                    return;
                }
                if (requests.incrementAndGet() % 50 == 0) {
                    verify(path, body, req.headers());
                }
                if (kind == Kind.FAILING.code) {
                    req.response().setStatusCode(500).end();
                } else if (kind == Kind.SLOW.code) {
                    receiverVertx.setTimer(100, id -> succeed(req, kind));
                } else {
                    succeed(req, kind);
                }
            });
        }

        private void succeed(io.vertx.core.http.HttpServerRequest req, char kind) {
            long now = System.nanoTime();
            if (delivered.putIfAbsent(req.getHeader("webhook-id"), now - start) == null) {
                lastDelivery.accumulateAndGet(now, Math::max);
                if (kind == Kind.INSTANT.code) {
                    instantDelivered.incrementAndGet();
                    lastInstant.accumulateAndGet(now, Math::max);
                }
            }
            req.response().setStatusCode(204).end();
        }

        private void verify(String path, Buffer body, MultiMap headers) {
            Map<String, List<String>> h = new HashMap<>();
            headers.names().forEach(n -> h.put(n.toLowerCase(Locale.ROOT), headers.getAll(n)));
            try {
                new Webhook(secrets.get(path)).verify(body.toString(StandardCharsets.UTF_8), h);
                verified.incrementAndGet();
            } catch (Exception e) {
                badSignatures.incrementAndGet();
            }
        }

        long[] latencies() {
            return delivered.values().stream().mapToLong(ns -> ns / 1_000_000).sorted().toArray();
        }
    }

    /** The raw rate of Apache Bench (one thread, keep-alive, 64 concurrent) against one receiver, if installed. */
    private String abRate() {
        try {
            Path body = Files.createTempFile("fanout", ".json");
            Files.writeString(body, "{\"type\":\"alert.raised\",\"data\":{\"title\":\"" + "x".repeat(1000) + "\"}}");
            Process p = new ProcessBuilder("ab", "-q", "-k", "-n", "100000", "-c", "64", "-p", body.toString(), "-T",
                    "application/json", "http://" + hosts.get(0) + ":" + ports.get(0) + "/x").redirectErrorStream(true)
                    .start();
            String rate = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.startsWith("Requests per second:")) {
                        rate = line.replaceAll("[^0-9.]", " ").trim().split("\\s+")[0];
                    }
                }
            }
            p.waitFor(2, TimeUnit.MINUTES);
            Files.deleteIfExists(body);
            return rate == null ? "ab gave no rate" : rate + " req/s (ab -k -c 64, unsigned, 1 thread)";
        } catch (Exception e) {
            return "ab not installed (apt-get install apache2-utils)";
        }
    }

    /** The raw rate of a bare Vert.x client loop: unsigned, no database, 256 in flight over 64 connections. */
    private String rawVertxRate(Vertx vertx) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        Buffer body = Buffer.buffer("{\"type\":\"alert.raised\",\"data\":{\"title\":\"" + "x".repeat(1000) + "\"}}");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(hosts.get(0))
                .setPort(ports.get(0)).setURI("/x");
        double rate = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            int n = 100_000;
            Semaphore slots = new Semaphore(256);
            CompletableFuture<Void> done = new CompletableFuture<>();
            AtomicInteger left = new AtomicInteger(n);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                slots.acquire();
                client.request(options).compose(r -> r.send(body)).compose(r -> r.body()).onComplete(ar -> {
                    slots.release();
                    if (left.decrementAndGet() == 0) {
                        done.complete(null);
                    }
                });
            }
            done.get(5, TimeUnit.MINUTES);
            rate = n / ((System.nanoTime() - t0) / 1e9);
        }
        client.close();
        return String.format(Locale.ROOT, "%.0f req/s (Vert.x client loop, unsigned, no database)", rate);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(List<Outcome> outcomes, String ab, String raw) {
        System.out.println();
        System.out.printf("%-24s %9s %8s %10s %8s %8s %11s %12s %8s %8s %9s %6s %8s %5s%n", "receivers",
                "endpoints", "seconds", "signed/s", "jvm cpu", "pg cpu", "/cpu-second", "healthy/s", "p50 ms",
                "p99 ms", "attempts", "dead", "verified", "load");
        for (Outcome o : outcomes) {
            String healthy = o.healthy() == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", o.healthyPerSecond());
            System.out.printf(Locale.ROOT,
                    "%-24s %9d %8.1f %10.0f %7.1fs %7.1fs %11.0f %12s %8d %8d %9d %6d %8d %5.1f%n",
                    o.scenario().name(), o.scenario().endpoints(), o.seconds(), o.perSecond(), o.jvmCpuSeconds(),
                    o.pgCpuSeconds(), o.perCpuSecond(), healthy, o.p50(), o.p99(), o.attempts(), o.dead(),
                    o.verified(), o.load());
        }
        System.out.println();
        if (ALERTS > 1) {
            System.out.printf("each endpoint was sent %d alerts, one after the other; endpoints x alerts deliveries%n",
                    ALERTS);
        }
        System.out.println("signed/s: distinct deliveries answered 2xx per wall-clock second, fan-out to last 2xx");
        System.out.println("jvm cpu / pg cpu: CPU time of this JVM (engine and receivers) and of the PostgreSQL"
                + " backends of the benchmark database during the run");
        System.out.println("/cpu-second: signed deliveries per CPU second of both; on two idle cores the wall rate"
                + " could approach twice this");
        System.out.println("healthy/s: deliveries to instant receivers per second, until the last of them");
        System.out.println("p50/p99: fan-out to receipt of the first 2xx, per delivery");
        // medians over the rounds: the rate to healthy endpoints beside slow and failing ones, against all-instant
        Map<String, List<Outcome>> byScenario = new java.util.LinkedHashMap<>();
        outcomes.forEach(o -> byScenario
                .computeIfAbsent(o.scenario().name() + "@" + o.scenario().endpoints(), k -> new ArrayList<>()).add(o));
        byScenario.forEach((key, runs) -> {
            if (!key.startsWith("instant@")) {
                List<Outcome> base = byScenario.get("instant@" + runs.get(0).scenario().endpoints());
                if (base != null && runs.get(0).healthy() > 0) {
                    double healthy = median(runs.stream().mapToDouble(Outcome::healthyPerSecond).toArray());
                    double instant = median(base.stream().mapToDouble(Outcome::perSecond).toArray());
                    Scenario s = runs.get(0).scenario();
                    // slow and failing deliveries interleave with the healthy ones and cost as much CPU to send, so
                    // serving them in due order alone puts the healthy rate at the healthy share of the all-instant one
                    double share = 1 - s.slowShare() - s.failingShare();
                    // each run against the all-instant run of its own round, so that drift between rounds cancels
                    int pairs = Math.min(runs.size(), base.size());
                    double[] changes = new double[pairs];
                    for (int i = 0; i < pairs; i++) {
                        changes[i] = 100 * (runs.get(i).healthyPerSecond() / base.get(i).perSecond() - 1);
                    }
                    Arrays.sort(changes);
                    System.out.printf(Locale.ROOT,
                            "rate to healthy endpoints with %s: median %.0f/s over %d runs, %+.1f%% against"
                                    + " all-instant (median %.0f/s) at %d endpoints, %+.1f%% against all-instant"
                                    + " times the healthy share (%.0f%%); round by round median %+.1f%%, from %+.1f%%"
                                    + " to %+.1f%%%n",
                            s.name(), healthy, runs.size(), 100 * (healthy / instant - 1), instant, s.endpoints(),
                            100 * (healthy / (instant * share) - 1), 100 * share, median(changes), changes[0],
                            changes[pairs - 1]);
                }
            }
        });
        System.out.println("raw load tool on the same receiver: " + ab);
        System.out.println("raw client loop on the same receiver: " + raw);
    }
}
