package io.newshound.classifier.observability;

import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.classifier.config.ClassifierConfig;
import io.newshound.platform.observability.KafkaBacklogGauges;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * The classifier's backlog as the broker sees it: the lag of its consumer group on the ingested-articles topic and the
 * records in its dead-letter topic, refreshed every {@code newshound.observability.backlog-every} (default 15s).
 */
@Startup
@ApplicationScoped
public class KafkaBacklogMetrics {

    private final KafkaBacklogGauges gauges;

    public KafkaBacklogMetrics(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry meters, ClassifierConfig config,
            @ConfigProperty(name = "mp.messaging.incoming.articles-ingested.group.id") String group,
            @ConfigProperty(name = "mp.messaging.incoming.articles-ingested.topic") String topic) {
        this.gauges = new KafkaBacklogGauges(kafkaConfig, meters, group, List.of(topic),
                List.of(config.deadLetterTopic()));
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
