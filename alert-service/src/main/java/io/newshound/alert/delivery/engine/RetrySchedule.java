package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newshound.alert.config.WebhookConfig;

/** When the next attempt of a failed delivery is due, and when to give up. */
@ApplicationScoped
public class RetrySchedule {

    private final List<Duration> delays;
    private final double jitter;

    @Inject
    public RetrySchedule(WebhookConfig config) {
        this(config.retrySchedule(), config.jitter());
    }

    public RetrySchedule(List<Duration> delays, double jitter) {
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
    }

    /**
     * @param failedAttempts
     *            attempts made so far, all failed
     * @return the delay before the next attempt (with jitter, so a recovering partner is not hit by a thundering herd),
     *         or empty when the schedule is exhausted and the delivery is dead
     */
    public Optional<Duration> nextDelay(int failedAttempts) {
        if (failedAttempts >= delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failedAttempts);
        if (jitter <= 0 || base.isZero()) {
            return Optional.of(base);
        }
        long extra = (long) (base.toMillis() * jitter * ThreadLocalRandom.current().nextDouble());
        return Optional.of(base.plusMillis(extra));
    }

    /** @return the maximum number of attempts per delivery */
    public int maxAttempts() {
        return delays.size();
    }
}
