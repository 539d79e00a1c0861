package io.newshound.alert.endpoint;

/**
 * An endpoint's own request rate.
 *
 * @param perSecond
 *            requests per second, above 0 and at most 10,000; null returns the endpoint to the configured default
 */
public record RateLimitRequest(Double perSecond) {
}
