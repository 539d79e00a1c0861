package io.newshound.devkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void keepsRecordsAcrossAKillAndRestartAndCleansUpOnClose() throws Exception {
        KafkaBroker broker = KafkaBroker.start();
        try {
            broker.createTopics(1, "devkit.roundtrip");
            produce(broker, "before-kill");

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.restart();
            produce(broker, "after-restart");

            assertThat(consumeAll(broker, 2)).containsExactly("before-kill", "after-restart");
        } finally {
            broker.close();
        }
        assertThat(broker.isRunning()).isFalse();
        assertThat(broker.workDir()).doesNotExist();
    }

    @Test
    void brokerStopsWhenItsOwnerProcessDies() throws Exception {
        // a throwaway owner process: the broker must follow it when it is killed
        Process owner = new ProcessBuilder("sleep", "600").start();
        KafkaBroker broker = KafkaBroker.startOwnedBy(owner.pid());
        try {
            long pid = broker.pid();
            owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
            if (handle != null) {
                handle.onExit().get(60, TimeUnit.SECONDS);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(broker.workDir()).doesNotExist();
        } finally {
            broker.close();
        }
    }

    private static void produce(KafkaBroker broker, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("devkit.roundtrip", "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(KafkaBroker broker, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devkit-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("devkit.roundtrip"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
