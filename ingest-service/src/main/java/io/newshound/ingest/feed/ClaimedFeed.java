package io.newshound.ingest.feed;

import java.util.UUID;

/**
 * A feed this replica holds the lease on: everything a poll needs, read when it was claimed.
 *
 * @param id
 *            the feed
 * @param url
 *            its canonical URL
 * @param sourceName
 *            the outlet for its articles, or {@code null}
 * @param language
 *            the language hint for items that declare none, or {@code null}
 * @param validators
 *            the previous fetch's validators, for a conditional GET
 */
public record ClaimedFeed(UUID id, String url, String sourceName, String language, PreviousFetch validators) {

    static ClaimedFeed of(Feed f) {
        return new ClaimedFeed(f.id, f.url, f.sourceName, f.language, new PreviousFetch(f.etag, f.lastModified));
    }
}
