package io.newshound.alert.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one helper the JDBC hot paths share: PostgreSQL arrays, which is how they send a whole batch in one statement
 * ({@code = any(?)}, {@code unnest(?, ?, ...)}) and read array columns. {@link #bind} fills a statement's parameters in
 * order, so a statement with many array parameters reads as the list of them.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** @return the values as a {@code uuid[]} */
    public static Array uuids(Connection c, Collection<?> values) throws SQLException {
        return c.createArrayOf("uuid", values.toArray());
    }

    /** @return the elements of a {@code text[]} column, sorted; empty for SQL null */
    public static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : new TreeSet<>(Arrays.asList((String[]) array.getArray()));
    }

    /** @return a binder that sets the statement's parameters from the first on, one per call */
    public static Binder bind(Connection c, PreparedStatement ps) {
        return new Binder(c, ps);
    }

    /** Sets a statement's parameters in order. */
    public static final class Binder {

        private final Connection c;
        private final PreparedStatement ps;
        private int next = 1;

        private Binder(Connection c, PreparedStatement ps) {
            this.c = c;
            this.ps = ps;
        }

        /** Binds an array of SQL element type {@code type} ({@code uuid}, {@code int4}, {@code text}, ...). */
        public Binder array(String type, Object[] values) throws SQLException {
            ps.setArray(next++, c.createArrayOf(type, values));
            return this;
        }

        public Binder uuids(Object[] values) throws SQLException {
            return array("uuid", values);
        }

        public Binder ints(Integer[] values) throws SQLException {
            return array("int4", values);
        }

        public Binder longs(Long[] values) throws SQLException {
            return array("int8", values);
        }

        public Binder texts(String[] values) throws SQLException {
            return array("text", values);
        }

        public Binder bools(Boolean[] values) throws SQLException {
            return array("bool", values);
        }

        public Binder text(String value) throws SQLException {
            ps.setString(next++, value);
            return this;
        }

        public Binder number(double value) throws SQLException {
            ps.setDouble(next++, value);
            return this;
        }

        public Binder integer(int value) throws SQLException {
            ps.setInt(next++, value);
            return this;
        }
    }
}
