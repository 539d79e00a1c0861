package io.newshound.alert.endpoint;

import java.time.Instant;

/**
 * Something that happened to an endpoint that its owner should know about.
 *
 * @param type
 *            {@code disabled} (by a 410 Gone, or after failing for too long) or {@code enabled}
 * @param detail
 *            why, in words
 */
public record EndpointEvent(long id, String type, String detail, Instant occurredAt) {
}
