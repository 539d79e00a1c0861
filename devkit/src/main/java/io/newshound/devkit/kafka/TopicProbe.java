package io.newshound.devkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning for tests, remembering every record it saw, with read-committed isolation (what a
 * downstream service sees).
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicProbe(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** @return a probe reading {@code topic} from its beginning */
    public static TopicProbe on(String bootstrapServers, String topic) {
        return new TopicProbe(bootstrapServers, topic);
    }

    /**
     * Polls until a record matching {@code predicate} has been seen.
     *
     * @return the first matching record
     * @throws AssertionError
     *             when none arrives within {@code timeout}
     */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> predicate,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ConsumerRecord<String, String>> hit = seen.stream().filter(predicate).findFirst();
            if (hit.isPresent()) {
                return hit.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** @return the first record with this key, waiting up to {@code timeout} */
    public ConsumerRecord<String, String> awaitKey(String key, Duration timeout) {
        return await(r -> key.equals(r.key()), timeout);
    }

    /** @return every record seen so far that matches */
    public List<ConsumerRecord<String, String>> seen(Predicate<ConsumerRecord<String, String>> predicate) {
        return seen.stream().filter(predicate).toList();
    }

    /** @return the value of a header as text, or {@code null} */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
