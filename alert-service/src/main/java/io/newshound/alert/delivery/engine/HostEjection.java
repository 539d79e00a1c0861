package io.newshound.alert.delivery.engine;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;
import io.newshound.alert.delivery.webhook.WebhookSender;

/**
 * Which target hosts are down, judged from the attempts one instance makes, like Envoy's outlier detection: a host
 * whose attempts failed {@code consecutiveFailures} times in a row (no response, or any 5xx) is ejected, that is all
 * its endpoints are throttled for a while, so a partner gateway that is down is not sent one request per endpoint it
 * serves. Any other answer (2xx, 3xx, 4xx, 429 and 410 included) shows the host is up and resets the count.
 * <p>
 * The n-th ejection in a row lasts n times the base time, at most the max time. When it ends, the next attempts are the
 * probes: a failure ejects the host again at once (the count of ejections in a row is kept until a success); a success
 * clears the host's state. Results of requests that were already in flight when the host was ejected are ignored until
 * the ejection ends.
 * <p>
 * Only first attempts (since creation or the last replay) extend a run of failures; the failures of retries neither
 * extend nor break it. Retries are claimed together, oldest first, after the first attempts, so on a shared gateway
 * where most partners are up their failed retries would arrive back to back and make a long run of failures out of a
 * few down partners. First attempts of one fan-out complete interleaved: with a share {@code p} of a host's endpoints
 * failing, a given attempt starts a run of {@code n} failures with a probability of about {@code p^n}, so with the
 * default of 10 and 10% failing partners that is 1e-10 per attempt: one spurious ejection per about three years of a
 * steady 100 first attempts per second to that host (and then it lasts the base time, and the next success ends it for
 * good). With 20% failing it would be about once a day at that rate, with 30% every half hour: by then the host is
 * hardly healthy.
 * <p>
 * Fed by the recorder thread, in completion order. Memory: only hosts with a failure since their last answer are kept,
 * and those idle for {@link #IDLE} are forgotten.
 */
public final class HostEjection {

    /** A host idle (not ejected, no attempt) for this long is forgotten. */
    static final Duration IDLE = Duration.ofMinutes(10);

    /** What an attempt says about its host. */
    enum Outcome {
        /** the host answered (no 5xx): it is up */
        UP,
        /** the first attempt of a delivery failed for want of an answer or with a 5xx */
        DOWN,
        /** a retry failed: proves the host down again after an ejection, but does not start a run */
        DOWN_ON_RETRY,
        /** the attempt never left this instance (target refused): says nothing about the host */
        NONE
    }

    /**
     * An ejection decided now.
     *
     * @param inARow
     *            1 for the first ejection since the host last answered
     */
    record Ejection(String host, Duration duration, int inARow) {
    }

    private static final class Host {
        int failures;
        int ejections;
        long ejectedUntil;
        long lastSeen;
    }

    private final int consecutiveFailures;
    private final Duration baseTime;
    private final Duration maxTime;
    private final Map<String, Host> hosts = new HashMap<>();

    /**
     * @param consecutiveFailures
     *            failures in a row that eject a host; 0 switches ejection off
     */
    HostEjection(int consecutiveFailures, Duration baseTime, Duration maxTime) {
        this.consecutiveFailures = consecutiveFailures;
        this.baseTime = baseTime;
        this.maxTime = maxTime;
    }

    boolean enabled() {
        return consecutiveFailures > 0;
    }

    /** @return how an attempt counts for its host */
    static Outcome outcome(DeliveryTask task, AttemptResult result) {
        Integer status = result.status();
        if (status == null) {
            if (result.error() != null && result.error().startsWith(WebhookSender.TARGET_REFUSED)) {
                return Outcome.NONE;
            }
        } else if (status < 500) {
            return Outcome.UP;
        }
        return task.attemptNo() == task.retryBase() + 1 ? Outcome.DOWN : Outcome.DOWN_ON_RETRY;
    }

    /**
     * The host an endpoint URL targets, as the sender parses it: scheme, host and port (the scheme's default if the URL
     * names none), lower-cased, user-info, path, query and fragment left out; the database function
     * {@code webhook_host(url)} computes the same from the stored URL.
     *
     * @return {@code scheme://host:port}, or null when the URL names no host (the sender refuses it)
     */
    public static String hostOf(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || host.isEmpty()) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    /**
     * Counts one finished attempt.
     *
     * @param now
     *            {@link System#nanoTime()}
     * @return the ejection this attempt brings about, if any
     */
    synchronized Optional<Ejection> onAttempt(String host, Outcome outcome, long now) {
        if (!enabled() || host == null || outcome == Outcome.NONE) {
            return Optional.empty();
        }
        Host h = hosts.get(host);
        if (outcome == Outcome.UP) {
            if (h != null) {
                if (ejected(h, now)) {
                    // an answer sent before the ejection: the host is up, the throttle runs out on its own
                    h.failures = 0;
                    h.ejections = 0;
                } else {
                    hosts.remove(host);
                }
            }
            return Optional.empty();
        }
        if (h == null) {
            if (outcome == Outcome.DOWN_ON_RETRY) {
                return Optional.empty();
            }
            h = new Host();
            hosts.put(host, h);
        }
        h.lastSeen = now;
        if (ejected(h, now)) {
            return Optional.empty(); // in flight when the host was ejected
        }
        if (outcome == Outcome.DOWN) {
            h.failures++;
        }
        if (h.ejections == 0 && h.failures < consecutiveFailures) {
            return Optional.empty();
        }
        h.ejections++;
        h.failures = 0;
        Duration time = ejectionTime(h.ejections);
        h.ejectedUntil = now + time.toNanos();
        return Optional.of(new Ejection(host, time, h.ejections));
    }

    /** @return how long the n-th ejection in a row lasts */
    Duration ejectionTime(int inARow) {
        Duration time = baseTime.multipliedBy(inARow);
        return time.compareTo(maxTime) > 0 ? maxTime : time;
    }

    private static boolean ejected(Host h, long now) {
        return h.ejectedUntil != 0 && now - h.ejectedUntil < 0;
    }

    /** @return hosts ejected now */
    synchronized int ejectedHosts(long now) {
        int n = 0;
        for (Host h : hosts.values()) {
            if (ejected(h, now)) {
                n++;
            }
        }
        return n;
    }

    /** @return hosts with state kept */
    synchronized int size() {
        return hosts.size();
    }

    /** Forgets what is known about a host, its ejection included: an operator released it. */
    synchronized void forget(String host) {
        hosts.remove(host);
    }

    /** Forgets hosts neither ejected nor attempted for {@link #IDLE}. */
    synchronized void forgetIdle(long now) {
        hosts.values().removeIf(h -> !ejected(h, now) && now - h.lastSeen > IDLE.toNanos());
    }
}
