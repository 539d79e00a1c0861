package io.newshound.ingest.feed;

import java.time.Instant;

import io.newshound.ingest.normalize.CanonicalUrl;

/**
 * One article announced by a feed, normalised and ready to be ingested.
 *
 * @param url
 *            the article's canonical URL (relative links already resolved)
 * @param guid
 *            the feed's own identifier of the item (RSS {@code guid}, Atom {@code id}); the URL when it has none
 * @param title
 *            plain-text title on one line; derived from the start of the text when the feed gives none
 * @param text
 *            plain-text body from the fullest content the feed carries ({@code content:encoded} or Atom {@code content}
 *            before {@code description} or {@code summary}); may be empty
 * @param publishedAt
 *            when the item was published, or {@code null} when the feed gives no plausible date (the caller decides,
 *            typically the fetch time)
 * @param author
 *            the author's name, or {@code null}
 * @param language
 *            ISO 639 code from the item's or the feed's declared language, or {@code null} when undeclared
 */
public record FeedItem(CanonicalUrl url, String guid, String title, String text, Instant publishedAt, String author,
        String language) {
}
