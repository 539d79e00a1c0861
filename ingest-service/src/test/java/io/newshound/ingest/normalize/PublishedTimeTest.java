package io.newshound.ingest.normalize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishedTimeTest {

    private static final Instant NOW = Instant.parse("2026-08-16T12:00:00Z");
    private final PublishedTime times = new PublishedTime(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1),
            PublishedTime.DEFAULT_EARLIEST);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // ISO-8601 / RFC 3339
            "2026-08-15T17:58:00Z|2026-08-15T17:58:00Z",
            "2026-08-15T17:58:00.123Z|2026-08-15T17:58:00.123Z",
            "2026-08-15T17:58:00.123456789123Z|2026-08-15T17:58:00.123456789Z",
            "2026-08-15T20:58:00+03:00|2026-08-15T17:58:00Z",
            "2026-08-15T20:58:00+0300|2026-08-15T17:58:00Z",
            "2026-08-15T20:58:00+03|2026-08-15T17:58:00Z",
            "2026-08-15T13:58:00-04:00|2026-08-15T17:58:00Z",
            "2026-08-15T17:58Z|2026-08-15T17:58:00Z",
            "2026-08-15T17:58:00|2026-08-15T17:58:00Z",
            "2026-08-15 17:58:00|2026-08-15T17:58:00Z",
            "2026-08-15t17:58:00z|2026-08-15T17:58:00Z",
            "2026-08-15T20:58:00 +03:00|2026-08-15T17:58:00Z",
            "2026-08-15|2026-08-15T00:00:00Z",
            "2026-8-5T07:08:09Z|2026-08-05T07:08:09Z",
            "2026-08-15T17:58:00 EDT|2026-08-15T21:58:00Z",
            // RFC 822 / 1123 / 2822
            "Sat, 15 Aug 2026 17:58:00 GMT|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 17:58:00 +0000|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 20:58:00 +0300|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 13:58:00 -0400|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 12:58:00 EST|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 13:58:00 EDT|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 10:58:00 PDT|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 19:58:00 CEST|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 20:58:00 MSK|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 17:58:00 UT|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 17:58:00 Z|2026-08-15T17:58:00Z",
            "15 Aug 2026 17:58:00 GMT|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 26 17:58:00 GMT|2026-08-15T17:58:00Z",
            "Tue, 10 Jun 03 09:41:01 GMT|2003-06-10T09:41:01Z",
            "Sun, 15 Aug 1999 17:58:00 GMT|1999-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 17:58 GMT|2026-08-15T17:58:00Z",
            "Sat, 5 Aug 2026 17:58:00 GMT|2026-08-05T17:58:00Z",
            "Sat,  15  Aug  2026  17:58:00  GMT|2026-08-15T17:58:00Z",
            "Saturday, 15 August 2026 17:58:00 GMT|2026-08-15T17:58:00Z",
            "Mon, 15 Aug 2026 17:58:00 GMT|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 20:58:00 +0300 (MSK)|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 20:58:00 GMT+3|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 23:28:00 +05:30|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 17:58:00|2026-08-15T17:58:00Z",
            "Sat, 15 Aug 2026 17:58:60 GMT|2026-08-15T17:58:59Z",
            "15 Sept 2025 10:00:00 GMT|2025-09-15T10:00:00Z",
            // other shapes found in feeds
            "Sat Aug 15 17:58:00 UTC 2026|2026-08-15T17:58:00Z",
            "August 15, 2026 1:58 PM EDT|2026-08-15T17:58:00Z",
            "Aug 15, 2026 5:58pm|2026-08-15T17:58:00Z",
            "August 15th, 2026 12:05 AM|2026-08-15T00:05:00Z",
            "15-Aug-2026 17:58|2026-08-15T17:58:00Z",
            "2026/08/15 17:58|2026-08-15T17:58:00Z",
            "2026-08-15 20:58:00 Europe/Kyiv|2026-08-15T17:58:00Z",
            "1786816680|2026-08-15T17:58:00Z",
            "1786816680000|2026-08-15T17:58:00Z"})
    void readsTheFormatsFeedsAndWiresUse(String raw, String expected) {
        assertThat(times.parse(raw)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void acceptsTimesWithinTheFutureTolerance() {
        assertThat(times.parse("2026-08-16T12:59:00Z")).isEqualTo(Instant.parse("2026-08-16T12:59:00Z"));
    }

    @Test
    void rejectsTimesFarInTheFutureWithTheReason() {
        assertThatThrownBy(() -> times.parse("Sun, 16 Aug 2026 18:00:00 GMT"))
                .isInstanceOf(RejectedTimeException.class).hasMessageContaining("in the future")
                .hasMessageContaining("2026-08-16T18:00:00Z");
    }

    @Test
    void honoursAConfiguredFutureTolerance() {
        PublishedTime lenient = new PublishedTime(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(2),
                PublishedTime.DEFAULT_EARLIEST);

        assertThat(lenient.parse("2026-08-17T12:00:00Z")).isEqualTo(Instant.parse("2026-08-17T12:00:00Z"));
    }

    @Test
    void rejectsPlaceholderDatesBeforeTheEarliestAccepted() {
        assertThatThrownBy(() -> times.parse("Thu, 01 Jan 1970 00:00:00 GMT")).isInstanceOf(
                RejectedTimeException.class).hasMessageContaining("before the earliest");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-02-30",
            "Sat, 32 Aug 2026 17:58:00 GMT",
            "Sat, 15 Foo 2026 17:58:00 GMT",
            "Sat, 15 Aug 2026 25:58:00 GMT",
            "Sat, 15 Aug 2026 17:58:00 XYZ",
            "15 Aug",
            "2026-08-15T17:58:00+25:00",
            "13:00 PM 15 Aug 2026"})
    void rejectsWhatItCannotReadWithAClearReason(String raw) {
        assertThatThrownBy(() -> times.parse(raw)).isInstanceOf(RejectedTimeException.class)
                .hasMessageContaining(raw);
    }

    @Test
    void rejectsOverlongInputWithoutReadingIt() {
        assertThatThrownBy(() -> times.parse("Sat, 15 Aug 2026 ".repeat(50))).isInstanceOf(RejectedTimeException.class)
                .hasMessageContaining("is not a timestamp");
    }

    @Test
    void rejectsNullAndBlank() {
        assertThatThrownBy(() -> times.parse(null)).isInstanceOf(RejectedTimeException.class);
        assertThatThrownBy(() -> times.parse("  ")).isInstanceOf(RejectedTimeException.class);
    }

    @Test
    void offersAnOptionalForCallersWithAFallback() {
        assertThat(times.tryParse("nonsense")).isEmpty();
        assertThat(times.tryParse(null)).isEmpty();
        assertThat(times.tryParse("2026-08-15T17:58:00Z")).contains(Instant.parse("2026-08-15T17:58:00Z"));
    }
}
