package io.newshound.alert.intake;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * How far this replica's alert stage is behind {@code news.articles.classified.v1}: the records between its position
 * and the end of each partition it is assigned (the last stable offset, as it reads committed records only). Published
 * as the gauge {@code newshound.intake.consumer.lag} (records), and logged as a warning while it stays above
 * {@code newshound.intake.lag.warn-above} for {@code newshound.intake.lag.warn-after}, so a stage falling behind is
 * seen before its alerts are late.
 */
@ApplicationScoped
public class IntakeLag {

    private final KafkaClientService kafka;
    private final LagConfig config;
    private final AtomicLong lag = new AtomicLong();
    private volatile long behindSince = -1;

    public IntakeLag(KafkaClientService kafka, LagConfig config, MeterRegistry metrics) {
        this.kafka = kafka;
        this.config = config;
        Gauge.builder("newshound.intake.consumer.lag", lag, AtomicLong::get).baseUnit("records")
                .description("Classified articles not yet consumed by this replica, over its partitions")
                .register(metrics);
    }

    /** Measures the lag on the consumer's own polling thread, where the Kafka consumer may be used. */
    @Scheduled(every = "${newshound.intake.lag.check-interval:10s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer("articles-classified");
        if (consumer == null) {
            return;
        }
        long records;
        try {
            records = consumer.runOnPollingThread(c -> {
                Set<TopicPartition> assigned = c.assignment();
                if (assigned.isEmpty()) {
                    return 0L;
                }
                long sum = 0;
                for (Map.Entry<TopicPartition, Long> end : c.endOffsets(assigned).entrySet()) {
                    sum += Math.max(0, end.getValue() - c.position(end.getKey()));
                }
                return sum;
            }).await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            Log.debugf("Could not measure the consumer lag: %s", e);
            return;
        }
        record(records, System.nanoTime());
    }

    /** Publishes a measurement and warns while the lag has stayed above the threshold for long enough. */
    void record(long records, long nanoTime) {
        lag.set(records);
        if (records <= config.warnAbove()) {
            if (behindSince >= 0) {
                Log.infof("Alert stage caught up: %d classified article(s) behind", records);
            }
            behindSince = -1;
            return;
        }
        if (behindSince < 0) {
            behindSince = nanoTime;
        }
        Duration behind = Duration.ofNanos(nanoTime - behindSince);
        if (behind.compareTo(config.warnAfter()) >= 0) {
            Log.warnf("Alert stage falling behind: %d classified article(s) not yet consumed by this replica, above %d"
                    + " for %d s", records, config.warnAbove(), behind.toSeconds());
        }
    }

    /** When the alert stage counts as behind. */
    @ConfigMapping(prefix = "newshound.intake.lag")
    public interface LagConfig {

        /** Records behind, over this replica's partitions, above which the stage counts as behind. */
        @WithDefault("1000")
        long warnAbove();

        /** How long it must stay behind before each check logs a warning (a burst that drains quickly is normal). */
        @WithDefault("30s")
        Duration warnAfter();

        /** How often the lag is measured. */
        @WithDefault("10s")
        Duration checkInterval();
    }
}
