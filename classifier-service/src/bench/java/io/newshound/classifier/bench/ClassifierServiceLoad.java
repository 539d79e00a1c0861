package io.newshound.classifier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.classifier.event.ArticleIngested;
import io.newshound.devkit.kafka.KafkaBroker;
import io.newshound.devkit.stack.ServiceProcess;

/**
 * Pushes articles through the packaged classifier-service and a real broker and reports its throughput, CPU and memory
 * under that load: a KRaft broker from the devkit, the service's {@code quarkus-run.jar} as a process (the local
 * launcher's settings, {@code -Xmx512m -XX:+UseSerialGC}), the 2-8 KB benchmark articles published as
 * {@code article.ingested.v1} while a {@code read_committed} consumer counts the classified events. Heap comes from the
 * service's {@code /q/metrics}, resident memory and CPU time from {@code /proc}. Package the service first
 * ({@code ./mvnw -pl classifier-service package -DskipTests}). Arguments: number of articles (default 20000).
 */
public final class ClassifierServiceLoad {

    private static final String IN = "news.articles.v1";
    private static final String OUT = "news.articles.classified.v1";
    private static final String DLQ = "news.articles.v1.dlq";

    /** HTTP/1.1: the JDK client's attempt to upgrade a plain connection to HTTP/2 can fail mid-run. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ClassifierServiceLoad() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        // run from the module (java) or from the repository root (./mvnw -pl classifier-service exec:java)
        Path appDir = Files.isDirectory(Path.of("target", "quarkus-app"))
                ? Path.of("target", "quarkus-app")
                : Path.of("classifier-service", "target", "quarkus-app");
        List<ClassifierThroughput.Article> articles = ClassifierThroughput.articles(2000);
        ObjectMapper json = new ObjectMapper();
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(1, IN, OUT, DLQ);
            // the backlog is published before the service starts, so the producer does not compete with it for CPU
            long publishing = System.nanoTime();
            try (KafkaProducer<String, String> producer = producer(broker)) {
                for (int i = 0; i < count; i++) {
                    ClassifierThroughput.Article a = articles.get(i % articles.size());
                    String id = "load-" + i;
                    producer.send(new ProducerRecord<>(IN, id, json.writeValueAsString(new ArticleIngested(
                            ArticleIngested.TYPE, UUID.nameUUIDFromBytes(id.getBytes()).toString(), id, 1,
                            "https://example.com/" + id, a.title(), a.body(), "Load", a.language(),
                            "2026-08-15T17:58:00Z"))));
                }
            }
            System.out.printf(Locale.ROOT, "Published %,d articles (%.1f KB on average) in %.1f s%n", count,
                    articles.stream().mapToInt(a -> a.title().length() + a.body().length()).average().orElse(0)
                            / 1024,
                    (System.nanoTime() - publishing) / 1e9);
            System.out.printf(Locale.ROOT, "Load average before: %.2f%n", load());
            int port = KafkaBroker.freePort();
            Path log = Files.createTempFile("classifier-service-load", ".log");
            try (ServiceProcess service = ServiceProcess.start("classifier-service", appDir, port,
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "HOSTNAME", "load"), log);
                    KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.subscribe(List.of(OUT, DLQ));
                service.awaitReady(Duration.ofMinutes(2));
                long pid = servicePid(appDir);
                Sample ready = sample(service, pid);
                System.out.printf(Locale.ROOT, "Service ready (pid %d): heap used %.1f MB, RSS %.1f MB; log %s%n", pid,
                        mb(ready.heap), mb(ready.rss), log);
                int received = 0;
                int deadLetters = 0;
                long first = 0;
                long last = 0;
                long maxHeap = ready.heap;
                long maxRss = ready.rss;
                long lastSample = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                while (received + deadLetters < count && System.nanoTime() < deadline) {
                    for (var r : consumer.poll(Duration.ofMillis(200))) {
                        last = System.nanoTime();
                        first = first == 0 ? last : first;
                        if (r.topic().equals(OUT)) {
                            received++;
                        } else {
                            deadLetters++;
                        }
                    }
                    if (System.nanoTime() - lastSample > 250_000_000L) {
                        Sample s = sample(service, pid);
                        maxHeap = Math.max(maxHeap, s.heap);
                        maxRss = Math.max(maxRss, s.rss);
                        lastSample = System.nanoTime();
                    }
                }
                Sample end = sample(service, pid);
                double seconds = (last - first) / 1e9;
                double cpuSeconds = end.cpuSeconds - ready.cpuSeconds;
                System.out.printf(Locale.ROOT,
                        "Classified %,d (%d dead letters) in %.1f s from the first to the last result: %,.0f "
                                + "articles/s wall clock, %,.0f articles per CPU-second of the whole service "
                                + "(%.1f CPU-s since ready: Kafka, JSON, classification, GC)%n",
                        received, deadLetters, seconds, received / seconds, received / cpuSeconds, cpuSeconds);
                System.out.printf(Locale.ROOT,
                        "Service memory under load: heap used max %.1f MB, RSS max %.1f MB (after: heap %.1f MB, "
                                + "RSS %.1f MB)%n",
                        mb(maxHeap), mb(maxRss), mb(end.heap), mb(end.rss));
                System.out.println("CPU by thread of the service (s): " + threadCpu(pid));
                System.out.printf(Locale.ROOT, "Load average after: %.2f%n", load());
            }
        }
    }

    private record Sample(long heap, long rss, double cpuSeconds) {
    }

    private static Sample sample(ServiceProcess service, long pid) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics")).timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long heap = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat, in clock ticks of 1/100 s
        double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        return new Sample(heap, rss, cpu);
    }

    /** @return the threads of the process that used the most CPU, by name with pool numbers folded */
    private static String threadCpu(long pid) throws IOException {
        Map<String, Double> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    byName.merge(name, cpu, Double::sum);
                } catch (IOException e) {
                    // the thread ended while being read
                }
            }
        }
        return byName.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** @return the pid of the service JVM, which runs under a supervising shell */
    private static long servicePid(Path appDir) {
        String jar = appDir.resolve("quarkus-run.jar").toString();
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)
                        && p.info().commandLine().map(c -> c.contains(jar)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("service JVM not found"));
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(p);
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "load-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(c);
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
