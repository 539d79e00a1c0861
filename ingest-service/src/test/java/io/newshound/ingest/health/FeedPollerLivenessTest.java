package io.newshound.ingest.health;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedPollerLivenessTest {

    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(10).plusSeconds(5);

    @Test
    void aPollerThatMadeProgressWithinTickPlusLeaseIsAlive() {
        assertThat(FeedPollerLiveness.judge(NOW.minus(LIMIT), NOW, LIMIT).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aPollerSilentForLongerThanTickPlusLeaseIsStuck() {
        HealthCheckResponse r = FeedPollerLiveness.judge(NOW.minus(LIMIT).minusSeconds(1), NOW, LIMIT);
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData()).hasValueSatisfying(d -> assertThat(d).containsEntry("lastProgressMsAgo", 606_000L));
    }
}
