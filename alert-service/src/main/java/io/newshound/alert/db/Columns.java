package io.newshound.alert.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Column values as native queries hand them back: their Java type depends on the driver and Hibernate version, so
 * readers convert them here rather than cast.
 */
public final class Columns {

    private Columns() {
    }

    /**
     * @param value
     *            a {@code timestamptz} column: {@link Instant}, {@link Timestamp} or {@link OffsetDateTime}
     * @return the instant it holds
     * @throws IllegalStateException
     *             for any other type
     */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
