package io.newshound.ingest.feed;

import java.time.Duration;

/**
 * Limits and identity of the {@link FeedFetcher}.
 *
 * @param connectTimeout
 *            how long to wait for a TCP (and TLS) connection
 * @param readTimeout
 *            how long one request may take from sending to the last byte of the body
 * @param maxBytes
 *            the largest document accepted, after decompression; larger ones are refused, not truncated
 * @param maxRedirects
 *            how many redirects are followed before giving up
 * @param userAgent
 *            the {@code User-Agent} header sent
 */
public record FetchSettings(Duration connectTimeout, Duration readTimeout, long maxBytes, int maxRedirects,
        String userAgent) {

    /** 5 s to connect, 20 s per request, 5 MiB, 5 redirects. */
    public static final FetchSettings DEFAULTS = new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(20),
            5L * 1024 * 1024, 5, "Newshound/0.1 (feed reader)");

    /**
     * Validates the limits.
     *
     * @param connectTimeout
     *            how long to wait for a connection; positive
     * @param readTimeout
     *            how long one request may take; positive
     * @param maxBytes
     *            the largest document accepted; positive
     * @param maxRedirects
     *            redirects followed; zero or more
     * @param userAgent
     *            the {@code User-Agent}; not blank
     */
    public FetchSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxBytes <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
        }
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException("a User-Agent is required");
        }
    }
}
