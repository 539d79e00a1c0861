package io.newshound.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.newshound.devkit.stack.LocalStack;

/**
 * Measures ingest-service as packaged: accepted articles per second when batches are posted as fast as it takes them,
 * and the delay from accepting an article to its event being readable on Kafka at a steady 1,000 articles/s; next to
 * Kafka's own producer throughput for the same record size on the same broker in the same run.
 *
 * <p>
 * {@code ./mvnw -q -pl e2e-tests test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.newshound.bench.IngestBenchmark -Dexec.args="--articles 30000 --clients 4"} (package the services
 * first: {@code ./mvnw -q install -DskipTests}).
 */
public final class IngestBenchmark {

    private static final Pattern OCCURRED = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");
    private static final Pattern RUN_TAG = Pattern.compile("/world/([^/]+)/");

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>(Map.of("articles", "30000", "clients", "4", "batch", "500",
                "steady-seconds", "30", "steady-rate", "1000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int total = Integer.parseInt(o.get("articles"));
        int clients = Integer.parseInt(o.get("clients"));
        int batchSize = Integer.parseInt(o.get("batch"));
        Path root = repositoryRoot();

        try (LocalStack stack = LocalStack.builder(root).only("ingest-service").freePorts().databaseSuffix("_bench")
                .freshDatabases().logDir(root.resolve("e2e-tests/target/bench-logs")).start()) {
            String url = stack.service("ingest-service").url() + "/api/v1/articles/batch";
            String key = stack.ingestAdminKey();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Delays delays = new Delays(stack.bootstrapServers());
            delays.start();

            // warm-up: JIT, connection pools, Lingua stays idle because languages are given
            post(http, url, key, batch(new Random(1), 200, "warmup"));

            // phase 1: as fast as it takes them
            String run = "max-" + UUID.randomUUID().toString().substring(0, 8);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int seed = c;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    while (sent.addAndGet(batchSize) <= total) {
                        String response = post(http, url, key, batch(random, batchSize, run));
                        accepted.addAndGet(count(response, "\"outcome\":\"created\""));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double acceptSeconds = (System.nanoTime() - t0) / 1e9;
            delays.awaitCount(run, accepted.get(), Duration.ofMinutes(5));
            double onKafkaSeconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();

            // phase 2: steady rate, accept -> Kafka delay
            int rate = Integer.parseInt(o.get("steady-rate"));
            int seconds = Integer.parseInt(o.get("steady-seconds"));
            String steady = "steady-" + UUID.randomUUID().toString().substring(0, 8);
            int perTick = Math.max(1, rate / 20);
            Random random = new Random(42);
            long start = System.nanoTime();
            int steadySent = 0;
            for (int tick = 0; tick < seconds * 20; tick++) {
                long due = start + tick * 50_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                post(http, url, key, batch(random, perTick, steady));
                steadySent += perTick;
            }
            double steadyAchieved = steadySent / ((System.nanoTime() - start) / 1e9);
            delays.awaitCount(steady, steadySent, Duration.ofMinutes(2));
            List<Long> steadyDelays = delays.of(steady);

            String raw = stack.broker().producerPerformance("bench.raw", 100_000, 5000, "acks=all", "linger.ms=5",
                    "compression.type=lz4");
            delays.stop();

            System.out.printf("%n== ingest-service benchmark (%d cores, %s) ==%n",
                    Runtime.getRuntime().availableProcessors(), Instant.now());
            System.out.printf("max rate : %d articles (2-8 KB) in batches of %d by %d clients%n", total, batchSize,
                    clients);
            System.out.printf("           accepted %.0f articles/s (HTTP), all on Kafka after %.1f s = %.0f articles/s"
                    + " end to end%n", accepted.get() / acceptSeconds, onKafkaSeconds, accepted.get() / onKafkaSeconds);
            System.out.printf("           accept->Kafka delay under max load: p50 %d ms, p99 %d ms%n",
                    percentile(delays.of(run), 50), percentile(delays.of(run), 99));
            System.out.printf("steady   : %.0f articles/s for %d s -> accept->Kafka p50 %d ms, p99 %d ms, max %d ms%n",
                    steadyAchieved, seconds, percentile(steadyDelays, 50), percentile(steadyDelays, 99),
                    percentile(steadyDelays, 100));
            System.out.println("Kafka ProducerPerformance, 100000 x 5000 B, acks=all, lz4 (same broker):");
            System.out.println("           " + raw.lines().filter(l -> l.contains("records sent"))
                    .reduce((a, b) -> b).orElse("(no result) " + raw).strip());
        }
    }

    /** The repository root, whether run from it (exec:java) or from this module (surefire). */
    static Path repositoryRoot() {
        String configured = System.getProperty("newshound.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        return java.nio.file.Files.isDirectory(here.resolve("ingest-service")) ? here : here.getParent();
    }

    private static String batch(Random random, int n, String run) {
        StringBuilder sb = new StringBuilder("{\"articles\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ArticleTexts.articleJson(random, 2048 + random.nextInt(6144), run));
        }
        return sb.append("]}").toString();
    }

    private static String post(HttpClient http, String url, String key, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", key)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("batch answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Reads the topic and records, per run tag, how long after acceptance each event became readable. */
    static final class Delays {
        private final String bootstrap;
        private final Map<String, ConcurrentLinkedQueue<Long>> byRun = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicLong seen = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        Delays(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        void start() {
            thread = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20"),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of("news.articles.v1"));
                    while (running) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.currentTimeMillis();
                            Matcher occurred = OCCURRED.matcher(r.value());
                            Matcher tag = RUN_TAG.matcher(r.value());
                            if (occurred.find() && tag.find()) {
                                long delay = now - Instant.parse(occurred.group(1)).toEpochMilli();
                                byRun.computeIfAbsent(tag.group(1), k -> new ConcurrentLinkedQueue<>()).add(delay);
                            }
                            seen.incrementAndGet();
                        }
                    }
                }
            }, "bench-delays");
            thread.start();
        }

        List<Long> of(String run) {
            return new ArrayList<>(byRun.getOrDefault(run, new ConcurrentLinkedQueue<>()));
        }

        void awaitCount(String run, int expected, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (of(run).size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + of(run).size() + " of " + expected + " events arrived");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
