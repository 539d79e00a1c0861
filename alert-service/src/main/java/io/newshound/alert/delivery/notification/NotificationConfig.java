package io.newshound.alert.delivery.notification;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The notification log and the channels that read it: the live stream and the pull feed. */
@ConfigMapping(prefix = "newshound.notifications")
public interface NotificationConfig {

    /** Entries older than this are deleted; a stream or feed cursor older than that resumes at the oldest kept. */
    @WithDefault("30d")
    Duration retention();

    /** The live stream. */
    Stream stream();

    /** The pull feed. */
    Feed feed();

    interface Stream {

        /** How often each replica looks for new entries to push to its open streams. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** A comment line is sent when a stream has been quiet this long, so proxies keep it open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Open streams per tenant and replica; one more is refused with 429. */
        @WithDefault("20")
        int maxConnectionsPerTenant();

        /** Entries sent to one stream per poll; a client resuming far behind catches up in steps of this size. */
        @WithDefault("500")
        int batchSize();

        /** A stream with this many events not yet written to its socket is closed; the client resumes. */
        @WithDefault("2000")
        int maxPendingEvents();
    }

    interface Feed {

        /** Entries per page when the caller does not say. */
        @WithDefault("100")
        int defaultLimit();

        /** The most entries one page may hold. */
        @WithDefault("1000")
        int maxLimit();
    }
}
