package io.newshound.alert.delivery.digest;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.newshound.alert.delivery.digest.DigestSchedule.Frequency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestScheduleTest {

    private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    @Test
    void aDailyDigestIsDueAtItsLocalTimeTodayOrElseTomorrow() {
        var daily = new DigestSchedule(Frequency.DAILY, LocalTime.of(8, 0), KYIV, null, null);
        // 05:00Z is 07:00 in Kyiv (UTC+2 in November)
        assertThat(daily.nextAfter(Instant.parse("2026-11-26T05:00:00Z"))).isEqualTo("2026-11-26T06:00:00Z");
        assertThat(daily.nextAfter(Instant.parse("2026-11-26T06:00:00Z"))).isEqualTo("2026-11-27T06:00:00Z");
        assertThat(daily.nextAfter(Instant.parse("2026-11-26T09:00:00Z"))).isEqualTo("2026-11-27T06:00:00Z");
    }

    @Test
    void aDailyDigestFollowsTheClockAcrossDaylightSavingChanges() {
        var daily = new DigestSchedule(Frequency.DAILY, LocalTime.of(8, 0), KYIV, null, null);
        // Kyiv moves to UTC+3 on 2027-03-28: 08:00 local is 06:00Z before and 05:00Z after
        assertThat(daily.nextAfter(Instant.parse("2027-03-27T07:00:00Z"))).isEqualTo("2027-03-28T05:00:00Z");
        // a time that does not exist that night (03:30) is taken as the same moment an hour later
        var early = new DigestSchedule(Frequency.DAILY, LocalTime.of(3, 30), KYIV, null, null);
        assertThat(early.nextAfter(Instant.parse("2027-03-27T23:00:00Z"))).isEqualTo("2027-03-28T01:30:00Z");
    }

    @Test
    void anHourlyDigestIsDueAtTheLocalTopOfTheHourEvenInHalfHourZones() {
        var hourly = new DigestSchedule(Frequency.HOURLY, LocalTime.MIDNIGHT, ZoneId.of("Asia/Kolkata"), null, null);
        // Kolkata is UTC+5:30, so its hours start at :30 UTC
        assertThat(hourly.nextAfter(Instant.parse("2026-11-26T10:05:00Z"))).isEqualTo("2026-11-26T10:30:00Z");
        assertThat(hourly.nextAfter(Instant.parse("2026-11-26T10:30:00Z"))).isEqualTo("2026-11-26T11:30:00Z");
        var quarterPast = new DigestSchedule(Frequency.HOURLY, LocalTime.of(0, 15), ZoneId.of("UTC"), null, null);
        assertThat(quarterPast.nextAfter(Instant.parse("2026-11-26T10:20:00Z"))).isEqualTo("2026-11-26T11:15:00Z");
    }

    @Test
    void aDigestDueInQuietHoursWaitsForTheirEnd() {
        var hourly = new DigestSchedule(Frequency.HOURLY, LocalTime.MIDNIGHT, ZoneId.of("UTC"), LocalTime.of(22, 0),
                LocalTime.of(7, 0));
        assertThat(hourly.nextAfter(Instant.parse("2026-11-26T20:10:00Z"))).isEqualTo("2026-11-26T21:00:00Z");
        // 22:00 would be quiet: the next digest is at 07:00 the next morning
        assertThat(hourly.nextAfter(Instant.parse("2026-11-26T21:00:00Z"))).isEqualTo("2026-11-27T07:00:00Z");
        assertThat(hourly.nextAfter(Instant.parse("2026-11-27T02:00:00Z"))).isEqualTo("2026-11-27T07:00:00Z");
        assertThat(hourly.nextAfter(Instant.parse("2026-11-27T07:00:00Z"))).isEqualTo("2026-11-27T08:00:00Z");

        var lunch = new DigestSchedule(Frequency.DAILY, LocalTime.of(12, 30), ZoneId.of("UTC"), LocalTime.of(12, 0),
                LocalTime.of(13, 0));
        assertThat(lunch.nextAfter(Instant.parse("2026-11-26T09:00:00Z"))).isEqualTo("2026-11-26T13:00:00Z");
    }

    @Test
    void quietHoursMaySpanMidnightAndEndExclusively() {
        var s = new DigestSchedule(Frequency.HOURLY, LocalTime.MIDNIGHT, KYIV, LocalTime.of(23, 0), LocalTime.of(6, 0));
        assertThat(s.quiet(LocalTime.of(23, 0))).isTrue();
        assertThat(s.quiet(LocalTime.of(0, 30))).isTrue();
        assertThat(s.quiet(LocalTime.of(5, 59))).isTrue();
        assertThat(s.quiet(LocalTime.of(6, 0))).isFalse();
        assertThat(s.quiet(LocalTime.of(22, 59))).isFalse();
    }

    @Test
    void refusesHalfOrEmptyQuietHours() {
        assertThatThrownBy(() -> new DigestSchedule(Frequency.DAILY, LocalTime.NOON, KYIV, LocalTime.of(22, 0), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DigestSchedule(Frequency.DAILY, LocalTime.NOON, KYIV, LocalTime.of(22, 0),
                LocalTime.of(22, 0))).isInstanceOf(IllegalArgumentException.class);
    }
}
