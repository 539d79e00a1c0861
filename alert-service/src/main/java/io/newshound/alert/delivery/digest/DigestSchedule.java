package io.newshound.alert.delivery.digest;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * When a subscription's digests go out, in the subscriber's time zone: hourly at a minute of the hour, or daily at a
 * time of day; never inside quiet hours (a digest due then waits for their end and covers everything meanwhile).
 *
 * @param at
 *            daily: the local time of day; hourly: only its minute counts
 * @param quietFrom
 *            start of quiet hours (local), or null for none; quiet hours may span midnight
 * @param quietTo
 *            end of quiet hours (local, exclusive)
 */
public record DigestSchedule(Frequency frequency, LocalTime at, ZoneId zone, LocalTime quietFrom, LocalTime quietTo) {

    /** How often a digest is due. */
    public enum Frequency {
        HOURLY, DAILY
    }

    public DigestSchedule {
        if ((quietFrom == null) != (quietTo == null)) {
            throw new IllegalArgumentException("quiet hours need both a start and an end");
        }
        if (quietFrom != null && quietFrom.equals(quietTo)) {
            throw new IllegalArgumentException("quiet hours must not be empty or the whole day");
        }
    }

    /** @return the first instant strictly after {@code after} at which a digest is due */
    public Instant nextAfter(Instant after) {
        ZonedDateTime now = after.atZone(zone);
        ZonedDateTime due = switch (frequency) {
            case HOURLY -> {
                ZonedDateTime c = now.truncatedTo(ChronoUnit.HOURS).withMinute(at.getMinute());
                yield c.isAfter(now) ? c : c.plusHours(1);
            }
            case DAILY -> {
                ZonedDateTime c = ZonedDateTime.of(now.toLocalDate(), at, zone);
                yield c.isAfter(now) ? c : ZonedDateTime.of(now.toLocalDate().plusDays(1), at, zone);
            }
        };
        if (quiet(due.toLocalTime())) {
            ZonedDateTime end = ZonedDateTime.of(due.toLocalDate(), quietTo, zone);
            due = end.isAfter(due) ? end : ZonedDateTime.of(due.toLocalDate().plusDays(1), quietTo, zone);
        }
        return due.toInstant();
    }

    /** @return whether {@code local} falls inside the quiet hours */
    public boolean quiet(LocalTime local) {
        if (quietFrom == null) {
            return false;
        }
        return quietFrom.isBefore(quietTo)
                ? !local.isBefore(quietFrom) && local.isBefore(quietTo)
                : !local.isBefore(quietFrom) || local.isBefore(quietTo);
    }
}
