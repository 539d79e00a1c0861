package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    @Test
    void followsTheScheduleThenGivesUp() {
        RetrySchedule s = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5)), 0);
        assertThat(s.nextDelay(1)).contains(Duration.ofSeconds(5));
        assertThat(s.nextDelay(2)).contains(Duration.ofMinutes(5));
        assertThat(s.nextDelay(3)).isEmpty();
        assertThat(s.maxAttempts()).isEqualTo(3);
    }

    @Test
    void jitterOnlyEverDelaysAndStaysWithinItsFraction() {
        RetrySchedule s = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(100)), 0.2);
        for (int i = 0; i < 200; i++) {
            assertThat(s.nextDelay(1).orElseThrow()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120));
        }
    }
}
