package io.newshound.devkit.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * Entry point of the broker JVM that {@link KafkaBroker} forks: formats the KRaft storage on first start, runs a
 * combined broker/controller node, and stops when its owner process dies, so a killed test JVM leaves no broker behind.
 *
 * <p>
 * Arguments: {@code <server.properties> <cluster-id> <owner-pid> [delete-on-exit]}.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String clusterId = args[1];
        long ownerPid = Long.parseLong(args[2]);
        boolean deleteOnExit = args.length > 3 && Boolean.parseBoolean(args[3]);

        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            props.load(in);
        }
        Path logDir = Path.of(props.getProperty("log.dirs"));
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int rc = StorageTool.execute(
                    new String[]{"format", "--ignore-formatted", "--standalone", "-t", clusterId, "-c",
                            config.toString()},
                    new PrintStream(System.out, true));
            if (rc != 0) {
                System.err.println("newshound-broker: formatting " + logDir + " failed with " + rc);
                System.exit(2);
            }
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
            if (deleteOnExit) {
                deleteTree(logDir.getParent());
            }
        }, "newshound-broker-shutdown"));

        ProcessHandle.of(ownerPid).ifPresentOrElse(
                owner -> owner.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));

        server.startup();
        System.out.println("newshound-broker: started on " + props.getProperty("listeners"));
        server.awaitShutdown();
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("newshound-broker: could not delete " + root + ": " + e);
        }
    }
}
