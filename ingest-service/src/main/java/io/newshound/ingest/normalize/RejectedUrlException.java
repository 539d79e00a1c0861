package io.newshound.ingest.normalize;

/**
 * Thrown when a string cannot be turned into a {@link CanonicalUrl}. The {@link #reason()} says which rule the input
 * broke; the message says it in words, including the offending part of the input.
 */
public final class RejectedUrlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why a URL was rejected. */
    public enum Reason {
        /** Nothing (or only whitespace) was given. */
        EMPTY,
        /** Longer than {@link CanonicalUrl#MAX_LENGTH}. */
        TOO_LONG,
        /** No scheme: a relative reference where an absolute URL was needed. */
        NOT_ABSOLUTE,
        /** A scheme other than http or https. */
        UNSUPPORTED_SCHEME,
        /** No host after the scheme. */
        MISSING_HOST,
        /** A host that is not a valid domain name, IPv4 or IPv6 address. */
        INVALID_HOST,
        /** A port that is not a number from 1 to 65535. */
        INVALID_PORT
    }

    private final Reason reason;

    RejectedUrlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @return the rule the input broke
     */
    public Reason reason() {
        return reason;
    }
}
