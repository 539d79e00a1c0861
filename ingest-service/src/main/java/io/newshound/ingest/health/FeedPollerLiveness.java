package io.newshound.ingest.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.ingest.feed.FeedPoller;

/**
 * Alive while the scheduled feed poller makes progress: it starts a tick or finishes a feed at least once per
 * {@code tick + lease}. A claimed batch that takes longer than the lease is already broken (other replicas take its
 * feeds over), so a poller silent for that long is stuck, and only a restart frees its thread.
 */
@Liveness
@ApplicationScoped
public class FeedPollerLiveness implements HealthCheck {

    private final FeedPoller poller;
    private final IngestConfig config;
    private final Clock clock;

    public FeedPollerLiveness(FeedPoller poller, IngestConfig config, Clock clock) {
        this.poller = poller;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.feeds().pollerEnabled()) {
            return HealthCheckResponse.named("feed-poller").up().withData("poller", "disabled on this replica")
                    .build();
        }
        return judge(poller.lastProgress(), Instant.now(clock), config.feeds().tick().plus(config.feeds().lease()));
    }

    /** @return UP while the poller made progress within {@code limit} of {@code now} */
    static HealthCheckResponse judge(Instant lastProgress, Instant now, Duration limit) {
        Duration silent = Duration.between(lastProgress, now);
        return HealthCheckResponse.named("feed-poller").status(silent.compareTo(limit) <= 0)
                .withData("lastProgressMsAgo", silent.toMillis())
                .withData("stuckAfterMs", limit.toMillis())
                .build();
    }
}
