package io.newshound.ingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the ingest service. */
@ConfigMapping(prefix = "newshound.ingest")
public interface IngestConfig {

    /** @return how articles are accepted */
    Articles articles();

    /** @return how the outbox is relayed to Kafka */
    OutboxSettings outbox();

    /** @return who may call the API */
    Security security();

    interface Security {
        /**
         * @return a key with every role, from the deployment's secrets (env
         *         {@code NEWSHOUND_INGEST_SECURITY_ADMIN_KEY}); used to create the real keys
         */
        java.util.Optional<String> adminKey();

        /** @return requests per minute for a key that has no limit of its own (and for anonymous callers) */
        @WithDefault("6000")
        int defaultRateLimitPerMinute();
    }

    interface Articles {
        /** @return the largest accepted article body, in characters after normalisation */
        @WithDefault("1048576")
        int maxBodyChars();

        /** @return the most articles one batch request may carry */
        @WithDefault("500")
        int maxBatchSize();

        /** @return how far in the future a published time may lie (clock skew between newsrooms and us) */
        @WithDefault("PT1H")
        Duration futureTolerance();
    }

    interface OutboxSettings {
        /** @return whether this replica relays the outbox (at most one replica relays at a time anyway) */
        @WithDefault("true")
        boolean enabled();

        /** @return how often the relay looks for events when nobody woke it */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** @return how many events one relay round publishes at most */
        @WithDefault("500")
        int batchSize();

        /** @return how long the relay waits for the broker to acknowledge a batch */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** @return how long published events stay in the outbox table */
        @WithDefault("P1D")
        Duration retention();
    }
}
