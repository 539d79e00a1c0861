package io.newshound.ingest.normalize;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication timestamps that feeds and wires really send and turns them into an {@link Instant}.
 * <p>
 * Understood:
 * <ul>
 * <li>ISO-8601 / RFC 3339: {@code 2026-08-15T17:58:00Z}, with offsets {@code +03:00}, {@code +0300}, {@code +03},
 * fractions of a second, without seconds, with a space instead of {@code T}, date only (midnight).</li>
 * <li>RFC 822 / 1123 / 2822: {@code Sat, 15 Aug 2026 17:58:00 GMT}, with or without weekday (a wrong weekday is
 * ignored, feeds get it wrong), numeric offsets, named zones ({@code GMT}, {@code UT}, {@code EST}, {@code EDT},
 * {@code PST}, {@code CET}, {@code MSK}, ... see {@link #NAMED_ZONES}), {@code GMT+3}, two-digit years (00-49 are 20xx,
 * 50-99 are 19xx, as RFC 2822 says), missing seconds, full month and weekday names, a trailing comment such as
 * {@code (MSK)}.</li>
 * <li>Variants seen in the wild: {@code Sat Aug 15 17:58:00 UTC 2026} (C {@code ctime}/Java {@code Date}),
 * {@code August 15, 2026 5:58 PM EDT}, {@code 15-Aug-2026 17:58}, {@code 2026/08/15 17:58}, a region zone
 * ({@code Europe/Kyiv}), Unix epoch seconds or milliseconds.</li>
 * </ul>
 * A timestamp without zone is taken as UTC. A leap second ({@code :60}) counts as {@code :59}. Timestamps more than the
 * future tolerance after now, or before the earliest accepted instant, are rejected: they are clock or zone errors, and
 * an article dated next week would sort above every real one. Instances are immutable and thread-safe.
 */
public final class PublishedTime {

    /** How far in the future a timestamp may be unless configured otherwise (clock skew, zone slips). */
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofHours(1);
    /** Anything earlier is a placeholder (epoch zero, year 1) rather than a real publication date. */
    public static final Instant DEFAULT_EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    /** Longer input is rejected unread: no real timestamp comes close. */
    public static final int MAX_LENGTH = 100;

    /** Zone abbreviations accepted, as offsets in minutes. {@code IST} is read as India, the commonest in news. */
    public static final Map<String, Integer> NAMED_ZONES = Map.ofEntries(Map.entry("Z", 0), Map.entry("UT", 0),
            Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("WET", 0), Map.entry("BST", 60),
            Map.entry("WEST", 60), Map.entry("CET", 60), Map.entry("MEZ", 60), Map.entry("CEST", 120),
            Map.entry("MESZ", 120), Map.entry("EET", 120), Map.entry("SAST", 120), Map.entry("EEST", 180),
            Map.entry("MSK", 180), Map.entry("EAT", 180), Map.entry("MSD", 240), Map.entry("GST", 240),
            Map.entry("PKT", 300), Map.entry("IST", 330), Map.entry("ICT", 420), Map.entry("HKT", 480),
            Map.entry("SGT", 480), Map.entry("AWST", 480), Map.entry("JST", 540), Map.entry("KST", 540),
            Map.entry("ACST", 570), Map.entry("AEST", 600), Map.entry("AEDT", 660), Map.entry("NZST", 720),
            Map.entry("NZDT", 780), Map.entry("AST", -240), Map.entry("ADT", -180), Map.entry("EST", -300),
            Map.entry("EDT", -240), Map.entry("CST", -360), Map.entry("CDT", -300), Map.entry("MST", -420),
            Map.entry("MDT", -360), Map.entry("PST", -480), Map.entry("PDT", -420), Map.entry("AKST", -540),
            Map.entry("AKDT", -480), Map.entry("HST", -600));

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]\\s*(\\d{1,2}):(\\d{2})"
            + "(?::(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?)?\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EPOCH = Pattern.compile("\\d{9,10}|\\d{12,13}");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern DAY = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern TIME = Pattern.compile(
            "(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?(am|pm)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSET = Pattern.compile("(?:GMT|UTC|UT)?([+-])(\\d{1,2})(?::?(\\d{2}))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_TIME_SEPARATOR = Pattern.compile("(\\d)[Tt](\\d)");
    private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};
    private static final String[] WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private final Clock clock;
    private final Duration futureTolerance;
    private final Instant earliest;

    /** Reads timestamps against the system clock with the default tolerance and earliest instant. */
    public PublishedTime() {
        this(Clock.systemUTC(), DEFAULT_FUTURE_TOLERANCE, DEFAULT_EARLIEST);
    }

    /**
     * @param clock
     *            the clock "now" comes from
     * @param futureTolerance
     *            how far after now a timestamp may lie
     * @param earliest
     *            the earliest instant accepted
     */
    public PublishedTime(Clock clock, Duration futureTolerance, Instant earliest) {
        this.clock = clock;
        this.futureTolerance = futureTolerance;
        this.earliest = earliest;
    }

    /**
     * Parses a timestamp.
     *
     * @param raw
     *            the timestamp as found
     * @return the instant it denotes
     * @throws RejectedTimeException
     *             if it cannot be read, is more than the future tolerance after now or is before the earliest accepted
     *             instant
     */
    public Instant parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new RejectedTimeException("no timestamp given");
        }
        String s = raw.strip();
        if (s.length() > MAX_LENGTH) {
            throw new RejectedTimeException("a timestamp of " + s.length() + " characters is not a timestamp: '"
                    + s.substring(0, 40) + "...'");
        }
        Instant instant;
        try {
            instant = read(s);
        } catch (DateTimeException | ArithmeticException e) {
            throw new RejectedTimeException("not a valid date or time: '" + s + "' (" + e.getMessage() + ")");
        }
        return check(instant, s);
    }

    /**
     * Applies the plausibility rules to an instant that was already parsed elsewhere (by a feed library, say).
     *
     * @param instant
     *            the instant
     * @return the instant unchanged
     * @throws RejectedTimeException
     *             if it is more than the future tolerance after now or before the earliest accepted instant
     */
    public Instant check(Instant instant) {
        return check(instant, instant.toString());
    }

    private Instant check(Instant instant, String input) {
        Instant latest = clock.instant().plus(futureTolerance);
        if (instant.isAfter(latest)) {
            throw new RejectedTimeException("'" + input + "' is " + instant + ", more than " + futureTolerance
                    + " in the future");
        }
        if (instant.isBefore(earliest)) {
            throw new RejectedTimeException(
                    "'" + input + "' is " + instant + ", before the earliest accepted " + earliest);
        }
        return instant;
    }

    /**
     * Parses a timestamp if it can be read and is plausible, for callers that have a fallback.
     *
     * @param raw
     *            the timestamp as found; may be {@code null}
     * @return the instant, or empty if {@link #parse(String)} would reject it
     */
    public Optional<Instant> tryParse(String raw) {
        try {
            return Optional.of(parse(raw));
        } catch (RejectedTimeException e) {
            return Optional.empty();
        }
    }

    private static Instant read(String s) {
        Matcher iso = ISO.matcher(s);
        if (iso.matches()) {
            LocalDate date = LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                    Integer.parseInt(iso.group(3)));
            LocalTime time = iso.group(4) == null
                    ? LocalTime.MIDNIGHT
                    : time(iso.group(4), iso.group(5), iso.group(6), iso.group(7), null);
            ZoneId zone = iso.group(8) == null ? ZoneOffset.UTC : zone(iso.group(8));
            return LocalDateTime.of(date, time).atZone(zone).toInstant();
        }
        if (EPOCH.matcher(s).matches()) {
            long n = Long.parseLong(s);
            return s.length() <= 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        return readWords(s);
    }

    /** Reads the RFC 822 family and its relatives token by token, in whatever order the parts come. */
    private static Instant readWords(String s) {
        String[] tokens = DATE_TIME_SEPARATOR.matcher(COMMENT.matcher(s).replaceAll(" ")).replaceAll("$1 $2")
                .replace(',', ' ').strip().split("\\s+");
        Integer year = null;
        Integer month = null;
        Integer day = null;
        LocalTime time = null;
        ZoneId zone = null;
        boolean twoDigitYear = false;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            String lower = token.toLowerCase(Locale.ROOT);
            Matcher m;
            if (token.isEmpty() || lower.equals("at") || lower.equals("t")) {
                continue;
            }
            if (lower.matches("\\d{1,2}-[a-z]{3,9}-\\d{2,4}")) {
                String[] parts = lower.split("-");
                day = Integer.parseInt(parts[0]);
                month = month(parts[1]);
                year = Integer.parseInt(parts[2]);
                twoDigitYear = parts[2].length() == 2;
                if (month == null) {
                    throw new DateTimeException("unknown month '" + parts[1] + "'");
                }
            } else if ((m = NUMERIC_DATE.matcher(token)).matches()) {
                year = Integer.parseInt(m.group(1));
                month = Integer.parseInt(m.group(2));
                day = Integer.parseInt(m.group(3));
            } else if ((m = TIME.matcher(token)).matches()) {
                String meridiem = m.group(5);
                if (meridiem == null && i + 1 < tokens.length && tokens[i + 1].matches("(?i)[ap]\\.?m\\.?")) {
                    meridiem = tokens[++i].substring(0, 1) + "m";
                }
                time = time(m.group(1), m.group(2), m.group(3), m.group(4), meridiem);
            } else if (YEAR.matcher(token).matches()) {
                year = Integer.parseInt(token);
            } else if ((m = DAY.matcher(token)).matches()) {
                if (day == null) {
                    day = Integer.parseInt(m.group(1));
                } else if (year == null) {
                    year = Integer.parseInt(m.group(1));
                    twoDigitYear = true;
                } else {
                    throw new DateTimeException("unexpected number '" + token + "'");
                }
            } else if (month(lower) != null && month == null) {
                month = month(lower);
            } else if (isWeekday(lower)) {
                continue;
            } else if (NAMED_ZONES.containsKey(token.toUpperCase(Locale.ROOT))) {
                if (zone == null) {
                    zone = ZoneOffset.ofTotalSeconds(NAMED_ZONES.get(token.toUpperCase(Locale.ROOT)) * 60);
                }
            } else if (OFFSET.matcher(token).matches()) {
                zone = zone(token);
            } else if (token.contains("/")) {
                zone = ZoneId.of(token);
            } else {
                throw new DateTimeException("unrecognised part '" + token + "'");
            }
        }
        if (year == null || month == null || day == null) {
            throw new DateTimeException("no complete date (day, month and year)");
        }
        if (twoDigitYear) {
            year += year < 50 ? 2000 : 1900;
        }
        LocalDateTime local = LocalDateTime.of(LocalDate.of(year, month, day),
                time == null ? LocalTime.MIDNIGHT : time);
        return local.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant();
    }

    private static LocalTime time(String hour, String minute, String second, String fraction, String meridiem) {
        int h = Integer.parseInt(hour);
        if (meridiem != null) {
            if (h < 1 || h > 12) {
                throw new DateTimeException("hour " + h + " with " + meridiem);
            }
            h = h % 12 + (meridiem.equalsIgnoreCase("pm") ? 12 : 0);
        }
        int s = second == null ? 0 : Math.min(Integer.parseInt(second), 59);
        int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        return LocalTime.of(h, Integer.parseInt(minute), s, nanos);
    }

    private static ZoneId zone(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (NAMED_ZONES.containsKey(upper)) {
            return ZoneOffset.ofTotalSeconds(NAMED_ZONES.get(upper) * 60);
        }
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            throw new DateTimeException("unknown zone '" + text + "'");
        }
        int hours = Integer.parseInt(m.group(2));
        int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int sign = m.group(1).equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static Integer month(String lower) {
        if (lower.length() < 3) {
            return null;
        }
        String word = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        for (int i = 0; i < MONTHS.length; i++) {
            if (word.startsWith(MONTHS[i]) && fullNameStartsWith(i, word)) {
                return i + 1;
            }
        }
        return null;
    }

    private static boolean fullNameStartsWith(int month, String word) {
        String full = java.time.Month.of(month + 1).name().toLowerCase(Locale.ROOT);
        return full.startsWith(word) || word.equals("sept");
    }

    private static boolean isWeekday(String lower) {
        String word = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        for (int i = 0; i < WEEKDAYS.length; i++) {
            String full = java.time.DayOfWeek.of(i + 1).name().toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && (full.startsWith(word) || word.equals("tues") || word.equals("thur")
                    || word.equals("thurs"))) {
                return true;
            }
        }
        return false;
    }
}
