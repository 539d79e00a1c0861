package io.newshound.alert.observability;

import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.platform.observability.KafkaBacklogGauges;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * alert-service's backlog as the broker sees it: the lag of its consumer group on the classified-articles topic and the
 * records in its dead-letter topic, refreshed every {@code newshound.observability.backlog-every} (default 15s).
 */
@Startup
@ApplicationScoped
public class KafkaBacklogMetrics {

    private final KafkaBacklogGauges gauges;

    public KafkaBacklogMetrics(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry meters,
            @ConfigProperty(name = "mp.messaging.incoming.articles-classified.group.id") String group,
            @ConfigProperty(name = "mp.messaging.incoming.articles-classified.topic") String topic,
            @ConfigProperty(name = "mp.messaging.incoming.articles-classified.dead-letter-queue.topic") String deadLetters) {
        this.gauges = new KafkaBacklogGauges(kafkaConfig, meters, group, List.of(topic), List.of(deadLetters));
    }

    @Scheduled(every = "${newshound.observability.backlog-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        gauges.refresh();
    }

    @PreDestroy
    void close() {
        gauges.close();
    }
}
