package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.newshound.alert.config.WebhookConfig;

/** Webhook settings for code run outside Quarkus (unit tests of the sender, benchmarks): the defaults, changeable. */
public final class StaticWebhookConfig implements WebhookConfig {

    public Set<String> allowedHosts = Set.of();
    public List<Duration> retrySchedule = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5));
    public double jitter = 0;
    public Duration connectTimeout = Duration.ofSeconds(5);
    public Duration requestTimeout = Duration.ofSeconds(10);
    public int maxInFlight = 4096;
    public int maxInFlightPerEndpoint = 4;
    public int maxConnectionsPerHost = 64;
    public Duration slowReceiverAfter = Duration.ofSeconds(1);
    public double rateLimitPerSecond = 100;
    public int claimBatchSize = 1000;
    public Duration disableAfterFailingFor = Duration.ofDays(5);
    public Duration holdFailuresFor = Duration.ofSeconds(10);
    public int circuitAfterFailures = 5;
    public Duration circuitBaseTime = Duration.ofSeconds(5);
    public Duration circuitMaxTime = Duration.ofMinutes(5);
    public int ejectAfterFailures = 10;
    public Duration ejectionBaseTime = Duration.ofSeconds(30);
    public Duration ejectionMaxTime = Duration.ofMinutes(5);

    @Override
    public Optional<Set<String>> allowedHosts() {
        return Optional.of(allowedHosts);
    }

    @Override
    public List<Duration> retrySchedule() {
        return retrySchedule;
    }

    @Override
    public double jitter() {
        return jitter;
    }

    @Override
    public String pollInterval() {
        return "1s";
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public Duration secretRotationOverlap() {
        return Duration.ofHours(24);
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public int maxInFlightPerEndpoint() {
        return maxInFlightPerEndpoint;
    }

    @Override
    public int maxConnectionsPerHost() {
        return maxConnectionsPerHost;
    }

    @Override
    public Duration slowReceiverAfter() {
        return slowReceiverAfter;
    }

    @Override
    public double rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    @Override
    public int claimBatchSize() {
        return claimBatchSize;
    }

    @Override
    public Duration holdFailuresFor() {
        return holdFailuresFor;
    }

    @Override
    public Duration disableAfterFailingFor() {
        return disableAfterFailingFor;
    }

    @Override
    public EndpointCircuit endpointCircuit() {
        return new EndpointCircuit() {
            @Override
            public int consecutiveFailures() {
                return circuitAfterFailures;
            }

            @Override
            public Duration baseTime() {
                return circuitBaseTime;
            }

            @Override
            public Duration maxTime() {
                return circuitMaxTime;
            }
        };
    }

    @Override
    public HostEjection hostEjection() {
        return new HostEjection() {
            @Override
            public int consecutiveFailures() {
                return ejectAfterFailures;
            }

            @Override
            public Duration baseTime() {
                return ejectionBaseTime;
            }

            @Override
            public Duration maxTime() {
                return ejectionMaxTime;
            }
        };
    }
}
