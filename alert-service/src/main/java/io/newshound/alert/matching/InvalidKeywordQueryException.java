package io.newshound.alert.matching;

/**
 * A keyword query that cannot be used: bad syntax or over a limit. Carries the character position (0-based) in the
 * query where the problem was found so that a caller can point the subscriber at it.
 */
public class InvalidKeywordQueryException extends IllegalArgumentException {

    private final int position;
    private final String reason;

    public InvalidKeywordQueryException(String reason, int position) {
        super(reason + " (at position " + position + ")");
        this.reason = reason;
        this.position = position;
    }

    /** 0-based character offset in the query. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
