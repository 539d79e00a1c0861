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

    /** @return how registered feeds are polled */
    Feeds feeds();

    interface Security {
        /**
         * @return a key with every role, from the deployment's secrets (env
         *         {@code NEWSHOUND_INGEST_SECURITY_ADMIN_KEY}); used to create the real keys
         */
        java.util.Optional<String> adminKey();

        /** @return requests per minute for a key that has no limit of its own (and for anonymous callers) */
        @WithDefault("6000")
        int defaultRateLimitPerMinute();

        /**
         * @return how many API keys' rate-limit buckets one replica keeps at most; beyond it the least recently used is
         *         dropped (an idle key's bucket is full again after a minute anyway, so nothing is lost)
         */
        @WithDefault("10000")
        int rateLimitMaxKeys();
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
        /**
         * @return whether this replica relays the outbox (replicas share the work by key slot, one worker per slot at a
         *         time)
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * @return how many relay workers this replica runs; each takes the key slots it can lock (of 64, those whose
         *         number modulo this count is its index) and publishes their rows in parallel with the others, each
         *         with its own database connection
         */
        @WithDefault("4")
        int workers();

        /** @return how often the relay looks for events when nobody woke it */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** @return how many events one relay round of one worker publishes at most */
        @WithDefault("500")
        int batchSize();

        /** @return how long the relay waits for the broker to acknowledge a batch */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** @return how long published events stay in the outbox table */
        @WithDefault("P1D")
        Duration retention();
    }

    interface Feeds {
        /**
         * @return whether this replica polls due feeds on its own schedule (claims keep replicas from polling the same
         *         feed at once, so every replica may poll)
         */
        @WithDefault("true")
        boolean pollerEnabled();

        /** @return how often the poller looks for due feeds (also read by the scheduler) */
        @WithDefault("PT5S")
        Duration tick();

        /** @return how many due feeds one tick claims at most */
        @WithDefault("10")
        int claimBatchSize();

        /**
         * @return how long a claim keeps other replicas off a feed (and how soon a crashed poller's feeds are polled
         *         again); must exceed the time one claimed batch can take: batch size * (connect + read timeout) plus
         *         ingesting its items
         */
        @WithDefault("PT10M")
        Duration lease();

        /** @return the poll interval of a feed registered without one */
        @WithDefault("PT5M")
        Duration defaultPollInterval();

        /** @return the shortest poll interval a feed may be registered with */
        @WithDefault("PT1M")
        Duration minPollInterval();

        /** @return the longest poll interval a feed may be registered with */
        @WithDefault("P1D")
        Duration maxPollInterval();

        /** @return the longest wait after failures (the interval doubles with each consecutive failure up to this) */
        @WithDefault("PT6H")
        Duration maxBackoff();

        /** @return after this many consecutive failures a feed is paused until someone resumes it */
        @WithDefault("20")
        int autoPauseAfterFailures();

        /** @return how feed documents are downloaded */
        Fetch fetch();

        /**
         * @return host names (or literal addresses) feeds may use although they resolve to loopback, link-local or
         *         private addresses (env {@code NEWSHOUND_INGEST_FEEDS_ALLOWED_HOSTS}, comma-separated); none by
         *         default, so a feed can only reach public addresses
         */
        java.util.Optional<java.util.Set<String>> allowedHosts();

        interface Fetch {
            /** @return how long to wait for a connection to a feed host */
            @WithDefault("PT5S")
            Duration connectTimeout();

            /** @return how long one feed request may take, body included */
            @WithDefault("PT20S")
            Duration readTimeout();

            /** @return the largest feed document accepted, in bytes after decompression */
            @WithDefault("5242880")
            long maxBytes();

            /** @return how many redirects are followed */
            @WithDefault("5")
            int maxRedirects();

            /** @return the User-Agent sent to feed hosts */
            @WithDefault("Newshound/0.1 (feed reader)")
            String userAgent();
        }
    }
}
