package io.newshound.platform.health;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Ready while PostgreSQL hands out a valid connection in time. Only in services with a datasource; replaces the
 * datasource's own check ({@code quarkus.datasource.health.enabled=false}), which blocks the health endpoint as long as
 * the database does.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class DatabaseReadiness implements HealthCheck {

    private final DataSource dataSource;
    private final HealthConfig config;
    private volatile CachedCheck check;

    public DatabaseReadiness(DataSource dataSource, HealthConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        check = new CachedCheck("database", this::validate, config.interval(), config.timeout());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (check != null) {
            check.close();
        }
    }

    private String validate() throws Exception {
        int seconds = (int) Math.max(1, config.timeout().toSeconds());
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(seconds)) {
                throw new IllegalStateException("connection not valid");
            }
            return "connection valid";
        }
    }

    @Override
    public HealthCheckResponse call() {
        CachedCheck c = check;
        return c == null ? HealthCheckResponse.down("database") : c.response();
    }
}
