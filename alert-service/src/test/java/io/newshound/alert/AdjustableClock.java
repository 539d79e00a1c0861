package io.newshound.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The system clock plus an offset tests can move forward, so that "at most every N minutes" can be tested without
 * waiting minutes. Replaces the application's clock in every {@code @QuarkusTest}; tests that advance it reset it.
 */
@Alternative
@Priority(1)
@Singleton
public class AdjustableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the clock forward. */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to the system clock. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }
}
