package io.newshound.devkit.quarkus;

import java.util.Map;

import org.testcontainers.postgresql.PostgreSQLContainer;

import io.newshound.devkit.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a Quarkus test its own PostgreSQL database, created if missing. Init argument {@code database} names it. The
 * service's Flyway migrations create the schema when the application starts.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static PostgreSQLContainer container;
    private String database = "newshound_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = perCheckout(initArgs.getOrDefault("database", database));
    }

    /**
     * Gives each checkout of the repository its own test database, so two clones (or worktrees) testing at once never
     * share tables or migration history.
     */
    static String perCheckout(String database) {
        String root = System.getProperty("newshound.root");
        if (root == null || root.isBlank()) {
            return database;
        }
        String normalized = java.nio.file.Path.of(root).toAbsolutePath().normalize().toString();
        return database + "_" + String.format("%08x", normalized.hashCode());
    }

    @Override
    public Map<String, String> start() {
        String url;
        String user;
        String password;
        if (TestInfrastructure.current() == TestInfrastructure.CONTAINERS) {
            PostgreSQLContainer pg = container();
            LocalPostgres.ensureDatabase(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), database);
            url = "jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(5432) + "/" + database;
            user = pg.getUsername();
            password = pg.getPassword();
        } else {
            LocalPostgres pg = LocalPostgres.fromEnvironment();
            pg.ensureDatabase(database);
            url = pg.jdbcUrl(database);
            user = pg.user();
            password = pg.password();
        }
        return Map.of("quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    private static synchronized PostgreSQLContainer container() {
        if (container == null) {
            container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        }
        return container;
    }

    @Override
    public void stop() {
        // the database stays; tests use their own rows
    }
}
