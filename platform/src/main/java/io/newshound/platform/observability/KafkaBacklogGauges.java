package io.newshound.platform.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The backlog of one consumer group and the size of dead-letter topics, read from the broker with an admin client and
 * exposed as gauges: {@code newshound_kafka_consumer_lag{group,topic}} (records the group has not committed yet, summed
 * over partitions) and {@code newshound_dlq_records{topic}} (the dead-letter topic's end offsets summed over
 * partitions: everything ever written to it, transaction markers of transactional writers included).
 * <p>
 * Read from the broker rather than from the consumer's own client metrics, so a group whose consumer has stopped or
 * died still shows its lag growing; it is what the autoscaler's Kafka trigger computes too. When the broker cannot be
 * asked, the gauges read NaN until it answers again, so a stale number is never mistaken for a current one.
 */
public final class KafkaBacklogGauges implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> adminConfig;
    private final MeterRegistry meters;
    private final String group;
    private final List<String> consumedTopics;
    private final List<String> deadLetterTopics;
    private final Map<String, AtomicDouble> lag = new ConcurrentHashMap<>();
    private final Map<String, AtomicDouble> deadLetters = new ConcurrentHashMap<>();
    private final AtomicReference<Admin> admin = new AtomicReference<>();

    /**
     * @param kafkaConfig
     *            the service's Kafka client configuration; only connection and security settings are used
     * @param group
     *            the consumer group whose lag is measured
     * @param consumedTopics
     *            the topics that group consumes
     * @param deadLetterTopics
     *            the dead-letter topics whose records are counted
     */
    public KafkaBacklogGauges(Map<String, Object> kafkaConfig, MeterRegistry meters, String group,
            List<String> consumedTopics, List<String> deadLetterTopics) {
        this.meters = meters;
        this.group = group;
        this.adminConfig = connectionSettings(kafkaConfig);
        this.consumedTopics = List.copyOf(consumedTopics);
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
        consumedTopics.forEach(t -> lag.put(t, register("newshound.kafka.consumer.lag",
                "Records of the topic not yet committed by the consumer group", t, true)));
        deadLetterTopics.forEach(t -> deadLetters.put(t, register("newshound.dlq.records",
                "Records written to the dead-letter topic (sum of partition end offsets)", t, false)));
    }

    private AtomicDouble register(String name, String description, String topic, boolean withGroup) {
        AtomicDouble value = new AtomicDouble();
        Gauge.Builder<AtomicDouble> b = Gauge.builder(name, value, AtomicDouble::get).description(description)
                .tag("topic", topic);
        if (withGroup) {
            b.tag("group", group);
        }
        b.register(meters);
        return value;
    }

    /** Asks the broker for the group's committed offsets and the topics' end offsets, and updates the gauges. */
    public void refresh() {
        try {
            Admin client = admin();
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> all = new ArrayList<>(consumedTopics);
            all.addAll(deadLetterTopics);
            Map<String, List<TopicPartition>> partitions = partitionsOf(client, all);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.values().forEach(ps -> ps.forEach(p -> latest.put(p, OffsetSpec.latest())));
            consumedTopics.forEach(t -> partitions.get(t).forEach(p -> earliest.put(p, OffsetSpec.earliest())));
            ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client
                    .listOffsets(latest, readCommitted).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty()
                    ? Map.of()
                    : client.listOffsets(earliest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (String topic : consumedTopics) {
                long sum = 0;
                for (TopicPartition p : partitions.get(topic)) {
                    OffsetAndMetadata c = committed.get(p);
                    // a partition the group never committed is read from the earliest retained record
                    long from = c != null ? c.offset() : starts.get(p).offset();
                    sum += Math.max(0, ends.get(p).offset() - from);
                }
                lag.get(topic).set(sum);
            }
            for (String topic : deadLetterTopics) {
                deadLetters.get(topic)
                        .set(partitions.get(topic).stream().mapToLong(p -> ends.get(p).offset()).sum());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markUnknown();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            markUnknown();
            Log.debugf("Kafka backlog of %s not read: %s", group, e.toString());
        }
    }

    /** @return the partitions of each topic; a topic that does not exist yet has none (nothing written to it) */
    private static Map<String, List<TopicPartition>> partitionsOf(Admin client, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, KafkaFuture<TopicDescription>> described = client.describeTopics(topics).topicNameValues();
        Map<String, List<TopicPartition>> result = new HashMap<>();
        for (String topic : topics) {
            try {
                TopicDescription d = described.get(topic).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                result.put(topic, d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                result.put(topic, List.of());
            }
        }
        return result;
    }

    private void markUnknown() {
        lag.values().forEach(v -> v.set(Double.NaN));
        deadLetters.values().forEach(v -> v.set(Double.NaN));
    }

    private Admin admin() {
        Admin current = admin.get();
        if (current == null) {
            current = Admin.create(adminConfig);
            if (!admin.compareAndSet(null, current)) {
                current.close(Duration.ZERO);
                current = admin.get();
            }
        }
        return current;
    }

    private Map<String, Object> connectionSettings(Map<String, Object> kafkaConfig) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.")
                    || k.startsWith("ssl.")) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() * 2);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, group + "-backlog");
        return props;
    }

    @Override
    public void close() {
        Admin current = admin.getAndSet(null);
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }

    /** A double that gauges read while the refresh writes it. */
    private static final class AtomicDouble {
        private volatile double value = Double.NaN;

        double get() {
            return value;
        }

        void set(double v) {
            value = v;
        }
    }
}
