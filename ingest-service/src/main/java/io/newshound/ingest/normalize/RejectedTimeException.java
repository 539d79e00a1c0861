package io.newshound.ingest.normalize;

/**
 * Thrown when a timestamp cannot be read by {@link PublishedTime}, or is implausible (too far in the future, or before
 * the earliest accepted date). The message names the input and the reason.
 */
public final class RejectedTimeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    RejectedTimeException(String message) {
        super(message);
    }
}
