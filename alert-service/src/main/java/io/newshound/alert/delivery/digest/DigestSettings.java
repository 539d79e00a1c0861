package io.newshound.alert.delivery.digest;

import java.time.Instant;

/**
 * A subscription's digest settings, as the API reads and writes them.
 *
 * @param frequency
 *            {@code hourly} or {@code daily}
 * @param at
 *            daily: local time of day ({@code HH:mm}, default 08:00); hourly: its minute is the minute of the hour
 * @param timeZone
 *            IANA zone id, e.g. {@code Europe/Kyiv} (default UTC)
 * @param quietHours
 *            no digest is sent between {@code from} and {@code to} (local); may span midnight
 * @param nextDigestAt
 *            when the next digest is due (read only)
 * @param periodStart
 *            the next digest covers alerts after this (read only)
 */
public record DigestSettings(String frequency, String at, String timeZone, QuietHours quietHours,
        Instant nextDigestAt, Instant periodStart) {

    /** Local times {@code HH:mm}. */
    public record QuietHours(String from, String to) {
    }
}
