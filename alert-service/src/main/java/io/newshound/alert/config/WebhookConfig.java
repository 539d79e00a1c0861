package io.newshound.alert.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How alerts are delivered to subscribers' webhooks. */
@ConfigMapping(prefix = "newshound.webhooks")
public interface WebhookConfig {

    /**
     * Hosts that may be targeted even though they resolve to a loopback, private or otherwise non-public address.
     * Everything else must resolve to public addresses only (checked when a subscription is created and again before
     * every attempt).
     */
    Optional<Set<String>> allowedHosts();

    /**
     * Delay before each attempt, counted from the previous failure: the first entry applies to the first attempt, so
     * the number of entries is the maximum number of attempts. After the last one fails the delivery is dead.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> retrySchedule();

    /** Random extra delay added to each retry, as a fraction of that retry's delay (0.2 = up to 20% later). */
    @WithDefault("0.2")
    double jitter();

    /** How often the delivery worker looks for due deliveries (scheduler syntax, e.g. {@code 1s}, {@code 0.5s}). */
    @WithDefault("1s")
    String pollInterval();

    /** Time allowed to open the TCP/TLS connection to a subscriber. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Time allowed for the whole request, from sending to the response status. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * After a secret rotation, how long deliveries stay signed with the old secret too (both signatures,
     * space-separated), so a subscriber can switch without dropping alerts.
     */
    @WithDefault("24h")
    Duration secretRotationOverlap();

    /**
     * Upper bound of requests in flight across all endpoints, per service instance, counting those whose result is
     * still being written. A request holds its slot from the claim until its result is written, about 100 ms when the
     * database is busy, so this bounds the rate to about ten times its value while slow partners hold theirs.
     */
    @WithDefault("4096")
    int maxInFlight();

    /**
     * Upper bound of requests in flight to one endpoint, per service instance, so a slow partner delays no one else.
     */
    @WithDefault("4")
    int maxInFlightPerEndpoint();

    /**
     * Most open connections to one target address (IP, port, host name). Requests to one endpoint are bounded by
     * {@link #maxInFlightPerEndpoint()}; this only matters when many endpoints share a host.
     */
    @WithDefault("64")
    int maxConnectionsPerHost();

    /**
     * A receiver that takes at least this long to answer (or gives no answer in time) counts as slow until it answers
     * faster again. Requests to slow receivers go over connections of their own (at most
     * {@link #maxConnectionsPerHost()} more per host) and take at most half of {@link #maxInFlight()}, so that partners
     * sharing a slow partner's host, and everyone else, keep theirs.
     */
    @WithDefault("1s")
    Duration slowReceiverAfter();

    /**
     * Default upper bound of requests per second to one endpoint, per service instance; an endpoint can have its own
     * ({@code PUT /api/v1/endpoints/{id}/rate-limit}). Short bursts up to one second's worth are allowed.
     */
    @WithDefault("100")
    double rateLimitPerSecond();

    /** Most deliveries claimed in one database round trip; their results are written back in batches as well. */
    @WithDefault("1000")
    int claimBatchSize();

    /**
     * Longest the record of a failed attempt may wait while fresh deliveries are still being sent (the last claim found
     * as many due as it could take). Writing a failure only schedules its retry, which claims put behind first attempts
     * anyway; holding it leaves the database to the partners that answer, so a fan-out reaches healthy endpoints sooner
     * beside failing ones. A failure that throttles or disables its endpoint, or opens its circuit, is never held, and
     * a newer result of an endpoint is written together with its held failures. Zero writes every failure at once.
     */
    @WithDefault("10s")
    Duration holdFailuresFor();

    /**
     * An endpoint whose attempts have all failed for this long is disabled (its owner sees why in the endpoint and its
     * events) until it is enabled again.
     */
    @WithDefault("5d")
    Duration disableAfterFailingFor();

    /** Holding back the deliveries of an endpoint whose attempts keep failing. */
    EndpointCircuit endpointCircuit();

    /**
     * An endpoint whose attempts keep failing (any answer other than 2xx, or none), across all its deliveries, has its
     * circuit opened: it is throttled, for every instance, and its waiting and new deliveries wait until the throttle
     * ends instead of each being tried on its own schedule. The next attempt after that is the probe; a success closes
     * the circuit, another failure opens it again for twice as long. Held deliveries use up none of their attempts.
     */
    interface EndpointCircuit {

        /**
         * Failed attempts in a row to one endpoint, since its last success, that open its circuit. 0 switches the
         * circuit off. Above the two attempts the retry schedule gives one delivery at once, so a single failed
         * delivery keeps its own schedule.
         */
        @WithDefault("5")
        int consecutiveFailures();

        /**
         * How long the circuit stays open at the first opening; every further failure doubles it. Also the window over
         * which the held deliveries fall due again, so a receiver coming back is not sent its whole backlog at once.
         */
        @WithDefault("5s")
        Duration baseTime();

        /** Upper bound of one opening. */
        @WithDefault("5m")
        Duration maxTime();
    }

    /** Ejection of target hosts that are down, for all their endpoints at once. */
    HostEjection hostEjection();

    /**
     * A host (scheme, host and port of the endpoint URLs) whose attempts keep failing, with no answer or a 5xx, is
     * ejected: all its enabled endpoints are throttled for a while, for every instance, so a partner gateway that is
     * down is not sent one request per endpoint it serves.
     */
    interface HostEjection {

        /**
         * First attempts failed in a row, on one instance, that eject their host; any answer below 500 resets the
         * count. 0 switches ejection off. High enough that a shared host where one in ten partners fails is practically
         * never ejected (about once in 1e10 attempts).
         */
        @WithDefault("10")
        int consecutiveFailures();

        /**
         * How long the first ejection lasts; the n-th in a row (no success in between) lasts n times as long. Also the
         * window after an ejection over which the host's waiting deliveries fall due again, so that a host coming back
         * gets a trickle of probes, not its whole backlog at once.
         */
        @WithDefault("30s")
        Duration baseTime();

        /** Upper bound of one ejection. */
        @WithDefault("5m")
        Duration maxTime();
    }
}
