package io.newshound.ingest.feed;

import java.util.List;

/** What reading a feed document gave: its items, or why it could not be read at all. */
public sealed interface FeedParseResult permits FeedParseResult.Parsed, FeedParseResult.Malformed {

    /**
     * The document was a feed.
     *
     * @param feedType
     *            the format Rome recognised, e.g. {@code rss_2.0}, {@code atom_1.0}, {@code rss_1.0}
     * @param title
     *            the feed's title, plain text
     * @param language
     *            the feed's declared language (ISO 639 code), or {@code null}
     * @param items
     *            the usable items, in document order
     * @param skipped
     *            items left out, each with the reason
     */
    record Parsed(String feedType, String title, String language, List<FeedItem> items, List<SkippedItem> skipped)
            implements
                FeedParseResult {
    }

    /**
     * The document is not a readable RSS or Atom feed.
     *
     * @param reason
     *            what is wrong, with the line and column when the XML itself is broken
     */
    record Malformed(String reason) implements FeedParseResult {
    }

    /**
     * An item the feed announced that cannot be ingested.
     *
     * @param identifier
     *            its guid, link or title, whatever it had
     * @param reason
     *            why it was left out
     */
    record SkippedItem(String identifier, String reason) {
    }
}
