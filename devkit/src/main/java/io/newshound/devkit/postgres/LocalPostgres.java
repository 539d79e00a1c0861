package io.newshound.devkit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server a developer machine or CI runs (by default 127.0.0.1:5432, user {@code postgres}, trust
 * authentication), overridable with {@code NEWSHOUND_PG_HOST}, {@code NEWSHOUND_PG_PORT}, {@code NEWSHOUND_PG_USER} and
 * {@code NEWSHOUND_PG_PASSWORD}.
 */
public record LocalPostgres(String host, int port, String user, String password) {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** @return the server described by the environment, or the defaults */
    public static LocalPostgres fromEnvironment() {
        return new LocalPostgres(env("NEWSHOUND_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("NEWSHOUND_PG_PORT", "5432")),
                env("NEWSHOUND_PG_USER", "postgres"),
                env("NEWSHOUND_PG_PASSWORD", ""));
    }

    /** @return the JDBC URL of a database on this server */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * Creates the database if it does not exist yet. Each service owns its own database; this is how a fresh machine
     * gets them.
     *
     * @param database
     *            a lower-case identifier
     */
    public void ensureDatabase(String database) {
        ensureDatabase(jdbcUrl("postgres"), user, password, database);
    }

    /**
     * Drops the database if it exists, disconnecting whoever still uses it. Only for databases the caller owns
     * outright, such as those of an end-to-end test run.
     */
    public void dropDatabase(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement st = c.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database, e);
        }
    }

    /** Creates {@code database} through a connection to an existing maintenance database, if it is missing. */
    public static void ensureDatabase(String maintenanceUrl, String user, String password, String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + database);
        }
        try (Connection c = DriverManager.getConnection(maintenanceUrl, user, password)) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("create database " + database);
            } catch (SQLException e) {
                // 42P04 duplicate_database: another process created it between our check and our create
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " via " + maintenanceUrl
                    + " (is PostgreSQL running?)", e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
