package io.newshound.alert.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How each replica keeps its in-memory subscription matcher up to date. */
@ConfigMapping(prefix = "newshound.matching")
public interface MatchingConfig {

    /**
     * How often a replica looks for subscription changes committed by other replicas; a change reaches every replica's
     * matcher within about this time (on the replica that made it, before the API answers).
     */
    @WithDefault("200ms")
    Duration followInterval();
}
