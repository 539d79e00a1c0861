package io.newshound.alert.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Story grouping and how long stories are kept. The grouping algorithm's own tuning is not configuration. */
@ConfigMapping(prefix = "newshound.stories")
public interface StoryConfig {

    /**
     * How far apart in publication time an article and a story's latest article may be for the article to join it.
     * Stories whose latest article is older than this behind the newest article seen are closed.
     */
    @WithDefault("48h")
    Duration window();

    /**
     * Closed stories nobody was alerted about, or muted, are deleted (with their article list) this long after they
     * closed. Stories with alerts stay as long as their alerts.
     */
    @WithDefault("30d")
    Duration retention();

    /**
     * How far the newest publication time must have moved before the stored window's start (and with it the live
     * counts) is moved. Lookups always use the exact window; only the counts that weight key terms lag by up to this
     * much. Moving the shared row less often keeps assignments on different replicas from queueing behind it.
     */
    @WithDefault("1m")
    Duration windowStep();

    /** A key term mentioned by more live stories than this is too common to find candidates with. */
    @WithDefault("2000")
    int maxPostings();
}
