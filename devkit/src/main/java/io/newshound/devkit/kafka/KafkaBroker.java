package io.newshound.devkit.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in its own JVM on free loopback ports
 * with a private temporary log directory.
 *
 * <p>
 * The broker JVM watches the process that started it and exits when that process dies, and its shutdown hook deletes
 * the log directory, so neither a process nor data is left behind. {@link #kill()} and {@link #restart()} let tests
 * take the broker away and bring it back with the same ports and data.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final Path configFile;
    private final String clusterId;
    private final int brokerPort;
    private final Path logFile;
    private final long ownerPid;
    private Process process;

    private KafkaBroker(Path workDir, int brokerPort, int controllerPort, long ownerPid) {
        this.workDir = workDir;
        this.ownerPid = ownerPid;
        this.brokerPort = brokerPort;
        this.clusterId = Uuid.randomUuid().toString();
        this.configFile = workDir.resolve("server.properties");
        this.logFile = workDir.resolve("broker.log");
        writeConfig(brokerPort, controllerPort);
    }

    /**
     * Starts a broker and waits until it answers metadata requests.
     *
     * @return the running broker
     */
    public static KafkaBroker start() {
        return startOwnedBy(ProcessHandle.current().pid());
    }

    /**
     * Starts a broker that lives only as long as the given process.
     *
     * @param ownerPid
     *            the process whose death stops the broker
     * @return the running broker
     */
    public static KafkaBroker startOwnedBy(long ownerPid) {
        try {
            Path dir = Files.createTempDirectory("newshound-kafka-");
            KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort(), ownerPid);
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code host:port} for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** @return the directory holding the broker's configuration, log and data */
    public Path workDir() {
        return workDir;
    }

    /** @return the broker JVM's process id, while it runs */
    public long pid() {
        return process.pid();
    }

    /** @return whether the broker JVM is alive */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Creates topics if they do not exist yet.
     *
     * @param partitions
     *            partitions per topic
     * @param topics
     *            topic names
     */
    public void createTopics(int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30,
                            TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic creation timed out", e);
        }
    }

    /** Kills the broker JVM abruptly (SIGKILL), keeping its data for {@link #restart()}. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
        }
    }

    /** Starts the broker again on the same ports with the data it had. */
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException("broker is still running");
        }
        launch();
    }

    /** Stops the broker gracefully and deletes its data. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
            }
        }
        BrokerMain.deleteTree(workDir);
    }

    private void launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.utils.AppInfoParser=error",
                "-cp", brokerClasspath(), BrokerMain.class.getName(),
                configFile.toString(), clusterId, Long.toString(ownerPid), "true")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker JVM", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet: try again until the deadline
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka broker did not start within " + START_TIMEOUT + ":\n" + log());
    }

    private String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void writeConfig(int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", workDir.resolve("data").toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "1");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            p.store(out, "Newshound local broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs Kafka's own {@code ProducerPerformance} tool against this broker in a separate JVM.
     *
     * @param topic
     *            the topic to write to
     * @param records
     *            how many records
     * @param recordSize
     *            bytes per record
     * @param producerProps
     *            producer settings such as {@code acks=all} (the bootstrap servers are added)
     * @return what the tool printed
     */
    public String producerPerformance(String topic, int records, int recordSize, String... producerProps) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx1g",
                "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", brokerClasspath(),
                "org.apache.kafka.tools.ProducerPerformance"));
        command.addAll(List.of("--topic", topic, "--num-records", Integer.toString(records), "--record-size",
                Integer.toString(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrapServers()));
        command.addAll(List.of(producerProps));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The broker's classpath: this module's code plus the runtime dependencies the build recorded beside it. */
    static String brokerClasspath() {
        String resource = "/io/newshound/devkit/kafka/broker.classpath";
        URL url = KafkaBroker.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is missing: build the devkit module first");
        }
        String recorded;
        try (InputStream in = url.openStream()) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ownLocation(url, resource) + File.pathSeparator + recorded;
    }

    private static String ownLocation(URL resourceUrl, String resource) {
        String s = resourceUrl.toString();
        if (s.startsWith("jar:")) {
            return Path.of(URI.create(s.substring(4, s.indexOf("!/")))).toString();
        }
        String path = Path.of(URI.create(s)).toString();
        return path.substring(0, path.length() - resource.length());
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @return a TCP port that was free on the loopback interface a moment ago
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
