package io.newshound.platform.health;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Ready while the Kafka cluster answers a metadata request in time. Replaces the client's own checks
 * ({@code quarkus.kafka.health.enabled=false}), which wait up to the client's 60 s default when the broker is frozen.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final Map<String, Object> kafkaConfig;
    private final HealthConfig config;
    private volatile CachedCheck check;
    private Admin admin;

    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, HealthConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        check = new CachedCheck("kafka", this::describeCluster, config.interval(), config.timeout());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (check != null) {
            check.close();
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }

    /** Runs on the check's own thread only. */
    private String describeCluster() throws Exception {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.")
                        || k.startsWith("ssl.")) {
                    props.put(k, v);
                }
            });
            int timeoutMs = (int) config.timeout().toMillis();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
            admin = Admin.create(props);
        }
        int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) config.timeout().toMillis()))
                .nodes().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS).size();
        if (brokers == 0) {
            throw new IllegalStateException("the cluster reports no broker");
        }
        return brokers + " broker(s)";
    }

    @Override
    public HealthCheckResponse call() {
        CachedCheck c = check;
        return c == null ? HealthCheckResponse.down("kafka") : c.response();
    }
}
