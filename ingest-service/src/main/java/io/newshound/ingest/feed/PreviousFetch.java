package io.newshound.ingest.feed;

/**
 * The cache validators a previous fetch of a feed returned, sent back as {@code If-None-Match} and
 * {@code If-Modified-Since} so that an unchanged feed costs a 304 instead of the whole document.
 *
 * @param etag
 *            the previous {@code ETag}, or {@code null}
 * @param lastModified
 *            the previous {@code Last-Modified}, verbatim, or {@code null}
 */
public record PreviousFetch(String etag, String lastModified) {

    private static final PreviousFetch NONE = new PreviousFetch(null, null);

    /**
     * @return no previous fetch: an unconditional GET
     */
    public static PreviousFetch none() {
        return NONE;
    }
}
