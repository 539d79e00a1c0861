package io.newshound.platform.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the background readiness checks of Kafka and PostgreSQL run. With the defaults a dependency that goes away (or
 * freezes) shows as DOWN within about five seconds, and {@code /q/health/ready} answers at once either way.
 */
@ConfigMapping(prefix = "newshound.health")
public interface HealthConfig {

    /** Pause between two checks of a dependency. */
    @WithDefault("2s")
    Duration interval();

    /** How long one check may take before the dependency counts as unreachable. */
    @WithDefault("3s")
    Duration timeout();
}
