package io.newshound.ingest.feed;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered feed as the API shows it.
 *
 * @param id
 *            its id
 * @param url
 *            the canonical feed URL
 * @param pollIntervalSeconds
 *            how often it is polled while healthy
 * @param sourceName
 *            the outlet its articles are attributed to, or {@code null}
 * @param language
 *            the language hint, or {@code null}
 * @param paused
 *            whether polling is paused
 * @param pausedReason
 *            why (an operator's pause, or the failures that paused it automatically), or {@code null}
 * @param createdAt
 *            when it was registered
 * @param health
 *            how its polls went
 */
public record FeedView(UUID id, String url, int pollIntervalSeconds, String sourceName, String language,
        boolean paused, String pausedReason, Instant createdAt, FeedHealth health) {

    /**
     * How a feed's polls went.
     *
     * @param lastPolledAt
     *            when it was last polled, or {@code null}
     * @param lastSuccessAt
     *            when a poll last succeeded (a 304 counts), or {@code null}
     * @param lastError
     *            the most recent failure (kept after later successes; compare its time with lastSuccessAt), or
     *            {@code null}
     * @param consecutiveFailures
     *            failures since the last success
     * @param nextPollAt
     *            when it is due next (while paused: when it would have been)
     * @param itemsSeen
     *            items the feed listed
     * @param itemsNew
     *            items that became new articles or new revisions
     * @param etag
     *            the validator sent as {@code If-None-Match}, or {@code null}
     * @param lastModified
     *            the validator sent as {@code If-Modified-Since}, or {@code null}
     */
    public record FeedHealth(Instant lastPolledAt, Instant lastSuccessAt, PollError lastError,
            int consecutiveFailures, Instant nextPollAt, Counts itemsSeen, Counts itemsNew, String etag,
            String lastModified) {
    }

    /**
     * A failed poll.
     *
     * @param message
     *            what went wrong
     * @param httpStatus
     *            the HTTP status when the feed host answered with an error, else {@code null}
     * @param at
     *            when
     */
    public record PollError(String message, Integer httpStatus, Instant at) {
    }

    /**
     * @param lastPoll
     *            in the most recent successful poll
     * @param total
     *            since registration
     */
    public record Counts(int lastPoll, long total) {
    }

    static FeedView of(Feed f) {
        PollError error = f.lastError == null ? null : new PollError(f.lastError, f.lastErrorStatus, f.lastErrorAt);
        return new FeedView(f.id, f.url, f.pollIntervalSeconds, f.sourceName, f.language, f.paused, f.pausedReason,
                f.createdAt,
                new FeedHealth(f.lastPolledAt, f.lastSuccessAt, error, f.consecutiveFailures, f.nextPollAt,
                        new Counts(f.itemsSeenLast, f.itemsSeenTotal), new Counts(f.itemsNewLast, f.itemsNewTotal),
                        f.etag, f.lastModified));
    }
}
