package io.newshound.ingest.feed;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/** What fetching a feed gave: new content, no change since the previous fetch, or a failure with its reason. */
public sealed interface FetchResult permits FetchResult.Fetched, FetchResult.NotModified, FetchResult.Failed {

    /**
     * The server sent the document.
     *
     * @param body
     *            the document, decompressed; at most the configured size
     * @param etag
     *            the {@code ETag} to send next time, or {@code null}
     * @param lastModified
     *            the {@code Last-Modified} to send next time, verbatim, or {@code null}
     * @param finalUrl
     *            where the document came from after redirects
     * @param contentType
     *            the {@code Content-Type} header (its charset helps decoding), or {@code null}
     */
    record Fetched(byte[] body, String etag, String lastModified, URI finalUrl, String contentType)
            implements
                FetchResult {

        /**
         * @return the validators to send on the next fetch of this feed
         */
        public PreviousFetch validators() {
            return new PreviousFetch(etag, lastModified);
        }

        /** Compares the body by content, not by array identity. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Fetched f && Arrays.equals(body, f.body) && Objects.equals(etag, f.etag)
                    && Objects.equals(lastModified, f.lastModified) && Objects.equals(finalUrl, f.finalUrl)
                    && Objects.equals(contentType, f.contentType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(body), etag, lastModified, finalUrl, contentType);
        }

        /** Shows the body's size rather than the array's identity. */
        @Override
        public String toString() {
            return "Fetched[" + body.length + " bytes from " + finalUrl + ", etag=" + etag + ", lastModified="
                    + lastModified + ", contentType=" + contentType + "]";
        }
    }

    /**
     * The server answered 304: nothing changed since the fetch described by the validators sent.
     *
     * @param finalUrl
     *            the URL that answered, after redirects
     */
    record NotModified(URI finalUrl) implements FetchResult {
    }

    /**
     * The feed could not be fetched.
     *
     * @param reason
     *            what went wrong, in words
     * @param httpStatus
     *            the HTTP status when the server answered with an error, empty when it did not answer
     */
    record Failed(String reason, OptionalInt httpStatus) implements FetchResult {

        static Failed of(String reason) {
            return new Failed(reason, OptionalInt.empty());
        }
    }
}
