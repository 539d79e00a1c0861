package io.newshound.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.devkit.postgres.LocalPostgres;
import io.newshound.devkit.stack.LocalStack;
import io.newshound.devkit.stack.WebhookReceiver;

/**
 * Measures the whole pipeline as packaged, from the ingest request to the subscriber's webhook: the broker and the
 * three services as their own processes, N subscriptions of a realistic mix (a small share with webhooks to a receiver
 * on loopback), and articles of real length and language mix (the project's journalism evaluation sets) posted through
 * the REST batch API by several clients.
 *
 * <p>
 * It prints, for a burst posted as fast as ingest takes it, when each stage had handled every article (accepted, on
 * Kafka, classified, consumed by alert-service) and its rate, the alerts raised and deliveries made, and names the
 * slowest stage; then the end-to-end latency from accept to the webhook at a steady rate (p50, p95, p99, max); and, in
 * the same run on the same broker, Kafka's own producer rate for records of the articles' median size, the ceiling to
 * compare with.
 *
 * <pre>
 * ./mvnw -q -pl e2e-tests -am verify -DskipTests
 * ./mvnw -q -pl e2e-tests exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.newshound.bench.PipelineBenchmark \
 *     -Dexec.args="--subscriptions 10000 --articles 3000"
 * </pre>
 */
public final class PipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BENCH_URL = Pattern.compile(
            "https://bench\\.example\\.org/([a-z0-9-]+)/([0-9a-f-]{36})");
    private static final String ARTICLES = "news.articles.v1";
    private static final String CLASSIFIED = "news.articles.classified.v1";
    private static final String ALERT_GROUP = "alert-service";
    private static final int SUBSCRIPTIONS_PER_TENANT = 1000;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            measure(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // the receiver's and clients' pools would keep exec:java waiting
        System.exit(status);
    }

    private static void measure(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("articles", "3000", "subscriptions", "10000", "clients", "4",
                "batch", "100", "webhook-share", "0.01", "steady-rate", "100", "steady-seconds", "30"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int total = Integer.parseInt(o.get("articles"));
        int subscriptions = Integer.parseInt(o.get("subscriptions"));
        int clients = Integer.parseInt(o.get("clients"));
        int batchSize = Integer.parseInt(o.get("batch"));
        double webhookShare = Double.parseDouble(o.get("webhook-share"));
        int steadyRate = Integer.parseInt(o.get("steady-rate"));
        int steadySeconds = Integer.parseInt(o.get("steady-seconds"));

        Path root = IngestBenchmark.repositoryRoot();
        BenchCorpus corpus = BenchCorpus.load(root);
        Deliveries deliveries = new Deliveries();
        try (WebhookReceiver receiver = WebhookReceiver.start(0);
                LocalStack stack = LocalStack.builder(root).freePorts().databaseSuffix("_pbench").freshDatabases()
                        .env("NEWSHOUND_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1,localhost")
                        .logDir(root.resolve("e2e-tests/target/pipeline-bench-logs")).start()) {
            receiver.onReceive(deliveries::record);
            Api api = new Api(stack);

            long loadStart = System.nanoTime();
            int withWebhook = loadSubscriptions(api, receiver, subscriptions, webhookShare, clients);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            try (StageWatch watch = new StageWatch(stack.bootstrapServers(),
                    LocalPostgres.fromEnvironment().jdbcUrl("newshound_alert_pbench"))) {
                watch.start();
                // warm-up: JIT, pools, the subscription index; then wait until alert-service has read everything
                String warm = run("warm");
                java.sql.Timestamp warmStart = new java.sql.Timestamp(System.currentTimeMillis() - 1000);
                int warmed = post(api, corpus, new Random(7), warm, 200, batchSize, null);
                watch.awaitConsumed(warm, warmed, warmStart, Duration.ofMinutes(10));

                // burst: as fast as ingest takes it
                String burst = run("burst");
                Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
                double alertsBefore = api.alertMetric("newshound_alerts_raised_total");
                double updatesBefore = api.alertMetric("newshound_alerts_updated_total");
                long t0 = System.currentTimeMillis();
                java.sql.Timestamp burstStart = new java.sql.Timestamp(t0 - 1000);
                int accepted = postConcurrently(api, corpus, burst, total, batchSize, clients, acceptedAt);
                long acceptedMs = System.currentTimeMillis() - t0;
                Map<String, Long> done = watch.awaitConsumed(burst, accepted, burstStart, Duration.ofMinutes(30));
                long deliveredAt = deliveries.awaitQuiet(burst, Duration.ofSeconds(5), Duration.ofMinutes(10));
                double alerts = api.alertMetric("newshound_alerts_raised_total") - alertsBefore;
                double updates = api.alertMetric("newshound_alerts_updated_total") - updatesBefore;
                int delivered = deliveries.count(burst);

                // steady: latency from accept to the webhook
                String steady = run("steady");
                Map<String, Long> steadyAccepted = new ConcurrentHashMap<>();
                Random random = new Random(42);
                int perTick = Math.max(1, steadyRate / 10);
                java.sql.Timestamp steadyStart = new java.sql.Timestamp(System.currentTimeMillis() - 1000);
                long start = System.nanoTime();
                int steadySent = 0;
                for (int tick = 0; tick < steadySeconds * 10; tick++) {
                    long wait = start + tick * 100_000_000L - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    steadySent += post(api, corpus, random, steady, perTick, perTick, steadyAccepted);
                }
                double steadyAchieved = steadySent / ((System.nanoTime() - start) / 1e9);
                watch.awaitConsumed(steady, steadySent, steadyStart, Duration.ofMinutes(10));
                deliveries.awaitQuiet(steady, Duration.ofSeconds(5), Duration.ofMinutes(5));
                List<Long> latencies = deliveries.latencies(steady, steadyAccepted);
                List<Long> burstLatencies = deliveries.latencies(burst, acceptedAt);

                String raw = stack.broker().producerPerformance("bench.pipeline.raw", 100_000,
                        Math.max(100, corpus.medianLength() + 400), "acks=all", "linger.ms=5",
                        "compression.type=lz4");
                double kafkaRate = recordsPerSecond(raw);

                Map<String, Double> rates = new LinkedHashMap<>();
                rates.put("accepted (HTTP)", accepted * 1000.0 / acceptedMs);
                rates.put("on Kafka", accepted * 1000.0 / (done.get(ARTICLES) - t0));
                rates.put("classified", accepted * 1000.0 / (done.get(CLASSIFIED) - t0));
                rates.put("consumed by alert-service", accepted * 1000.0 / (done.get(ALERT_GROUP) - t0));
                String slowest = null;
                double previous = Double.MAX_VALUE;
                double worstDrop = 0;
                for (Map.Entry<String, Double> e : rates.entrySet()) {
                    double drop = previous == Double.MAX_VALUE ? 0 : previous - e.getValue();
                    if (slowest == null || drop > worstDrop) {
                        slowest = e.getKey();
                        worstDrop = Math.max(drop, 0);
                    }
                    previous = e.getValue();
                }
                double endToEnd = rates.get("consumed by alert-service");

                System.out.printf("%n== whole-pipeline benchmark (%d cores, %s) ==%n",
                        Runtime.getRuntime().availableProcessors(), Instant.now());
                System.out.printf("corpus        : %d texts, median %d chars, languages %s%n", corpus.size(),
                        corpus.medianLength(), corpus.languageMix());
                System.out.printf("subscriptions : %d (%d with a webhook), created in %.1f s through the API%n",
                        subscriptions + 1, withWebhook + 1, loadSeconds);
                System.out.printf("burst         : %d articles in batches of %d from %d clients%n", accepted, batchSize,
                        clients);
                for (Map.Entry<String, Double> e : rates.entrySet()) {
                    System.out.printf("  %-26s %8.0f articles/s%n", e.getKey(), e.getValue());
                }
                System.out.printf("  %-26s %8.0f raised, %.0f updated (%.0f alert revisions/s)%n", "alerts",
                        alerts, updates, (alerts + updates) * 1000.0 / (done.get(ALERT_GROUP) - t0));
                System.out.printf("  %-26s %8d webhooks, last after %.1f s (%.0f deliveries/s)%n", "deliveries",
                        delivered, (deliveredAt - t0) / 1000.0, delivered * 1000.0 / Math.max(1, deliveredAt - t0));
                System.out.printf("  slowest stage: %s%n", slowest);
                System.out.printf("  accept->webhook in the burst: p50 %d ms, p99 %d ms, max %d ms (%d articles)%n",
                        IngestBenchmark.percentile(burstLatencies, 50), IngestBenchmark.percentile(burstLatencies, 99),
                        IngestBenchmark.percentile(burstLatencies, 100), burstLatencies.size());
                System.out.printf("steady        : %.0f articles/s for %d s -> accept->webhook p50 %d ms, p95 %d ms,"
                        + " p99 %d ms, max %d ms (%d articles delivered)%n", steadyAchieved, steadySeconds,
                        IngestBenchmark.percentile(latencies, 50), IngestBenchmark.percentile(latencies, 95),
                        IngestBenchmark.percentile(latencies, 99), IngestBenchmark.percentile(latencies, 100),
                        latencies.size());
                System.out.printf("Kafka ProducerPerformance on the same broker, 100000 x %d B, acks=all, lz4: %.0f"
                        + " records/s; end to end is %.2f%% of it%n", Math.max(100, corpus.medianLength() + 400),
                        kafkaRate, 100.0 * endToEnd / kafkaRate);
            }
        }
    }

    private static String run(String phase) {
        return phase + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates tenants of at most 1,000 subscriptions each (many desks, as in production) with a key each, then the
     * subscriptions through the API from several clients; plus one desk subscription to every topic with a webhook.
     *
     * @return how many of the mix got a webhook
     */
    private static int loadSubscriptions(Api api, WebhookReceiver receiver, int n, double webhookShare, int clients)
            throws Exception {
        api.post("/api/v1/subscriptions", api.adminKey, "{\"name\":\"desk: every topic\",\"topics\":"
                + JSON.writeValueAsString(SubscriptionMix.TOPICS) + ",\"webhookUrl\":\"" + receiver.url("/desk")
                + "\"}");
        int tenants = (n + SUBSCRIPTIONS_PER_TENANT - 1) / SUBSCRIPTIONS_PER_TENANT;
        List<String> keys = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            String id = "bench-desk-" + t;
            api.post("/api/v1/tenants", api.adminKey, "{\"id\":\"" + id + "\",\"name\":\"Bench desk " + t
                    + "\",\"maxSubscriptions\":" + SUBSCRIPTIONS_PER_TENANT + "}");
            keys.add(api.post("/api/v1/tenants/" + id + "/keys", api.adminKey, "{\"name\":\"bench\"}").path("key")
                    .asText());
        }
        SubscriptionMix mix = new SubscriptionMix();
        boolean endpointRequired = endpointRequired(api, keys.get(0), mix);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger webhooks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, clients * 2));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < Math.max(2, clients * 2); c++) {
                int seed = c;
                futures.add(pool.submit(() -> {
                    Random random = new Random(1000 + seed);
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        String url = null;
                        if (endpointRequired || random.nextDouble() < webhookShare) {
                            url = receiver.url("/s/" + i);
                            webhooks.incrementAndGet();
                        }
                        ObjectNode body = mix.subscription(random, i, url);
                        api.post("/api/v1/subscriptions", keys.get(i / SUBSCRIPTIONS_PER_TENANT), body.toString());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return webhooks.get();
    }

    /**
     * @return whether alert-service requires a webhook on every subscription (then every subscription of the mix gets
     *         one, at the receiver, whatever the webhook share)
     */
    private static boolean endpointRequired(Api api, String key, SubscriptionMix mix) throws Exception {
        try {
            JsonNode probe = api.post("/api/v1/subscriptions", key, mix.subscription(new Random(0), -1, null)
                    .toString());
            api.delete("/api/v1/subscriptions/" + probe.path("id").asText(), key);
            return false;
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("\"field\":\"webhookUrl\"")) {
                System.out.println("alert-service requires a webhook on every subscription: all get one");
                return true;
            }
            throw e;
        }
    }

    private static int postConcurrently(Api api, BenchCorpus corpus, String run, int total, int batchSize,
            int clients, Map<String, Long> acceptedAt) throws Exception {
        AtomicInteger remaining = new AtomicInteger(total);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int seed = c;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int n;
                    while ((n = Math.min(batchSize, remaining.getAndAdd(-batchSize))) > 0) {
                        accepted.addAndGet(post(api, corpus, random, run, n, batchSize, acceptedAt));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return accepted.get();
    }

    /**
     * Posts {@code n} articles in batches; records each created article's accept time. @return how many were created
     */
    private static int post(Api api, BenchCorpus corpus, Random random, String run, int n, int batchSize,
            Map<String, Long> acceptedAt) throws Exception {
        int created = 0;
        for (int from = 0; from < n; from += batchSize) {
            ObjectNode batch = JSON.createObjectNode();
            ArrayNode articles = batch.putArray("articles");
            List<String> ids = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + batchSize); i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                articles.add(corpus.article(random, run, id));
            }
            JsonNode receipt = api.post("/api/v1/articles/batch", api.ingestKey, batch.toString(), true);
            long now = System.currentTimeMillis();
            JsonNode results = receipt.path("results");
            for (int i = 0; i < results.size(); i++) {
                if ("created".equals(results.get(i).path("outcome").asText())) {
                    created++;
                    if (acceptedAt != null) {
                        acceptedAt.put(ids.get(results.get(i).path("index").asInt()), now);
                    }
                }
            }
        }
        return created;
    }

    private static double recordsPerSecond(String producerPerformanceOutput) {
        Matcher m = Pattern.compile("([0-9.]+) records/sec").matcher(producerPerformanceOutput);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    /** The services' HTTP APIs with the run's admin keys. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String ingestUrl;
        private final String alertUrl;
        private final String ingestKey;
        private final String adminKey;

        Api(LocalStack stack) {
            this.ingestUrl = stack.service("ingest-service").url();
            this.alertUrl = stack.service("alert-service").url();
            this.ingestKey = stack.ingestAdminKey();
            this.adminKey = stack.alertAdminKey();
        }

        JsonNode post(String path, String key, String body) throws Exception {
            return post(path, key, body, false);
        }

        JsonNode post(String path, String key, String body, boolean ingest) throws Exception {
            String url = (ingest ? ingestUrl : alertUrl) + path;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", key)
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }

        void delete(String path, String key) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(alertUrl + path))
                    .header("X-Api-Key", key).timeout(Duration.ofSeconds(30)).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("DELETE " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        }

        /** @return the sum of a counter over its series on alert-service's {@code /q/metrics} */
        double alertMetric(String name) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(alertUrl + "/q/metrics")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            double sum = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        }
    }

    /** When each webhook arrived, and which benchmark articles it carried. */
    private static final class Deliveries {
        private final Map<String, Long> firstByArticle = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> countByRun = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> lastByRun = new ConcurrentHashMap<>();

        void record(WebhookReceiver.Received r) {
            long now = System.currentTimeMillis();
            Matcher m = BENCH_URL.matcher(r.body());
            java.util.Set<String> runs = new java.util.HashSet<>();
            while (m.find()) {
                firstByArticle.putIfAbsent(m.group(2), now);
                runs.add(m.group(1));
            }
            for (String run : runs) {
                countByRun.computeIfAbsent(run, k -> new AtomicInteger()).incrementAndGet();
                lastByRun.computeIfAbsent(run, k -> new AtomicLong()).set(now);
            }
        }

        int count(String run) {
            AtomicInteger n = countByRun.get(run);
            return n == null ? 0 : n.get();
        }

        /** Waits until no webhook of the run arrived for {@code quiet}; @return when the last one arrived (ms) */
        long awaitQuiet(String run, Duration quiet, Duration timeout) {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < deadline) {
                AtomicLong last = lastByRun.get(run);
                long since = System.currentTimeMillis() - (last == null ? 0 : last.get());
                if (last != null && since >= quiet.toMillis()) {
                    return last.get();
                }
                LockSupport.parkNanos(100_000_000L);
            }
            AtomicLong last = lastByRun.get(run);
            return last == null ? System.currentTimeMillis() : last.get();
        }

        List<Long> latencies(String run, Map<String, Long> acceptedAt) {
            List<Long> out = new ArrayList<>();
            acceptedAt.forEach((id, at) -> {
                Long first = firstByArticle.get(id);
                if (first != null) {
                    out.add(first - at);
                }
            });
            return out;
        }
    }

    /**
     * Follows the pipeline's stages: reads both topics (read_committed) counting each run's articles, and counts the
     * events alert-service has taken into its inbox (its transaction per event or batch commits the inbox row with the
     * effects). Committed offsets cannot say it: with transactional input a partition's end offset stays one past the
     * last record (the commit marker), so a caught-up group still shows a lag.
     */
    private static final class StageWatch implements AutoCloseable {
        private final String bootstrap;
        private final String alertDatabase;
        private final Map<String, Map<String, AtomicInteger>> counts = new ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        private final Admin admin;
        private volatile boolean running = true;

        StageWatch(String bootstrap, String alertDatabase) {
            this.bootstrap = bootstrap;
            this.alertDatabase = alertDatabase;
            this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        }

        /** Starts following both topics from their current ends; returns once both positions are known. */
        void start() throws InterruptedException {
            java.util.concurrent.CountDownLatch positioned = new java.util.concurrent.CountDownLatch(2);
            for (String topic : List.of(ARTICLES, CLASSIFIED)) {
                Map<String, AtomicInteger> byRun = counts.computeIfAbsent(topic, k -> new ConcurrentHashMap<>());
                Thread t = new Thread(() -> follow(topic, byRun, positioned), "bench-" + topic);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            if (!positioned.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("could not position the stage watch on the topics");
            }
        }

        private void follow(String topic, Map<String, AtomicInteger> byRun,
                java.util.concurrent.CountDownLatch positioned) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20"), new StringDeserializer(),
                    new StringDeserializer())) {
                // assigned, not subscribed: no group join, so nothing published after start() can be missed
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        Matcher m = BENCH_URL.matcher(r.value());
                        if (m.find()) {
                            byRun.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                }
            }
        }

        private int count(String topic, String run) {
            AtomicInteger n = counts.get(topic).get(run);
            return n == null ? 0 : n.get();
        }

        /** @return how many events alert-service has taken in since {@code since} */
        private int consumedSince(java.sql.Timestamp since) throws java.sql.SQLException {
            LocalPostgres pg = LocalPostgres.fromEnvironment();
            try (var c = java.sql.DriverManager.getConnection(alertDatabase, pg.user(), pg.password());
                    var ps = c.prepareStatement("select count(*) from inbox where received_at >= ?")) {
                ps.setTimestamp(1, since);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }

        /** @return how many classified records alert-service has not committed yet (for a stuck run's report) */
        private long alertLag() throws Exception {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ALERT_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(CLASSIFIED)).allTopicNames().get().get(CLASSIFIED).partitions()
                    .forEach(p -> latest.put(new TopicPartition(CLASSIFIED, p.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }

        /**
         * Waits until the run's {@code n} articles are on Kafka, classified and consumed by alert-service.
         *
         * @return per stage ({@link #ARTICLES}, {@link #CLASSIFIED}, {@link #ALERT_GROUP}) when it was done (ms)
         */
        Map<String, Long> awaitConsumed(String run, int n, java.sql.Timestamp since, Duration timeout)
                throws Exception {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            Map<String, Long> done = new HashMap<>();
            while (done.size() < 3) {
                long now = System.currentTimeMillis();
                if (now > deadline) {
                    throw new IllegalStateException("run " + run + " stuck: on Kafka " + count(ARTICLES, run)
                            + ", classified " + count(CLASSIFIED, run) + " of " + n + ", alert-service took in "
                            + consumedSince(since) + " (offset lag " + alertLag() + ")");
                }
                if (!done.containsKey(ARTICLES) && count(ARTICLES, run) >= n) {
                    done.put(ARTICLES, now);
                }
                if (!done.containsKey(CLASSIFIED) && count(CLASSIFIED, run) >= n) {
                    done.put(CLASSIFIED, now);
                }
                if (done.containsKey(CLASSIFIED) && consumedSince(since) >= n) {
                    done.put(ALERT_GROUP, System.currentTimeMillis());
                }
                LockSupport.parkNanos(50_000_000L);
            }
            return done;
        }

        @Override
        public void close() throws Exception {
            running = false;
            for (Thread t : threads) {
                t.join();
            }
            admin.close();
        }
    }
}
