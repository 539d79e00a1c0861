package io.newshound.ingest.feed;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one poll of a feed did.
 *
 * @param feedId
 *            the feed
 * @param outcome
 *            {@code fetched} (a new document was read), {@code notModified} (the host answered 304) or {@code failed}
 * @param itemsSeen
 *            items the document listed
 * @param itemsNew
 *            items that became new articles or new revisions of known ones
 * @param itemsRejected
 *            items the article service refused (no usable text, implausible date, ...)
 * @param error
 *            why the poll failed, or {@code null}
 * @param httpStatus
 *            the feed host's error status, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PollReport(UUID feedId, Outcome outcome, int itemsSeen, int itemsNew, int itemsRejected, String error,
        Integer httpStatus) {

    public enum Outcome {
        fetched, notModified, failed
    }

    static PollReport failed(UUID feedId, String error, Integer httpStatus) {
        return new PollReport(feedId, Outcome.failed, 0, 0, 0, error, httpStatus);
    }
}
