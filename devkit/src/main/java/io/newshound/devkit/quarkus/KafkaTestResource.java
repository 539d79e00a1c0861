package io.newshound.devkit.quarkus;

import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;

import io.newshound.devkit.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test a real Kafka broker. One broker serves the whole test JVM (Quarkus restarts between test
 * profiles reuse it); it stops when the JVM ends, and on its own if the JVM is killed.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker localBroker;
    private static KafkaContainer container;

    /** @return the bootstrap servers of this JVM's broker, starting it on first use */
    public static synchronized String bootstrapServers() {
        if (TestInfrastructure.current() == TestInfrastructure.CONTAINERS) {
            if (container == null) {
                container = new KafkaContainer("apache/kafka-native:4.1.1");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            }
            return container.getBootstrapServers();
        }
        if (localBroker == null) {
            localBroker = KafkaBroker.start();
            KafkaBroker b = localBroker;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close, "newshound-broker-stop"));
        }
        return localBroker.bootstrapServers();
    }

    /** @return the local broker (only with the default infrastructure), for tests that take it away */
    public static synchronized KafkaBroker localBroker() {
        bootstrapServers();
        if (localBroker == null) {
            throw new IllegalStateException("no local broker with " + TestInfrastructure.current());
        }
        return localBroker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker outlives a single Quarkus application start; the shutdown hook stops it
    }
}
