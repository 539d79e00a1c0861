package io.newshound.devkit.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.newshound.devkit.kafka.KafkaBroker;
import io.newshound.devkit.postgres.LocalPostgres;

/**
 * The whole Newshound system on one machine: a Kafka broker, the three packaged services as their own processes, and
 * their databases on the machine's PostgreSQL. Used by the end-to-end tests and by the local launcher.
 */
public final class LocalStack implements AutoCloseable {

    /** Topics the services exchange, created up front with several partitions (auto-creation would give one). */
    public static final List<String> TOPICS = List.of("news.articles.v1", "news.articles.v1.dlq",
            "news.articles.classified.v1", "news.articles.classified.v1.dlq");

    private final KafkaBroker broker;
    private final Map<String, ServiceProcess> services;
    private final Map<String, Launch> launches;
    private final String adminKey;
    private final Duration readyTimeout;

    private LocalStack(KafkaBroker broker, Map<String, ServiceProcess> services, Map<String, Launch> launches,
            String adminKey, Duration readyTimeout) {
        this.broker = broker;
        this.services = services;
        this.launches = launches;
        this.adminKey = adminKey;
        this.readyTimeout = readyTimeout;
    }

    /** How a service was started, so it can be started again the same way. */
    private record Launch(Path appDir, int port, Map<String, String> env, Path log) {
        ServiceProcess start(String name) {
            return ServiceProcess.start(name, appDir, port, env, log);
        }
    }

    /**
     * Kills a service abruptly (SIGKILL), as a crash would.
     *
     * @param name
     *            the module name
     */
    public void crash(String name) {
        service(name).kill();
    }

    /**
     * Starts a service again with the port, environment and database it had, and waits until it is ready.
     *
     * @param name
     *            the module name
     */
    public void restart(String name) {
        ServiceProcess old = service(name);
        if (old.isRunning()) {
            old.close();
        }
        ServiceProcess process = launches.get(name).start(name);
        services.put(name, process);
        process.awaitReady(readyTimeout);
    }

    /** @return the admin API key this run gave ingest-service (it accepts it for every operation) */
    public String ingestAdminKey() {
        return adminKey;
    }

    /**
     * @return the admin API key this run gave alert-service (the same key as ingest's): it acts for the tenant
     *         {@code default} and may create tenants and their keys
     */
    public String alertAdminKey() {
        return adminKey;
    }

    /** @return a builder for a stack whose modules live under {@code root} (the repository root) */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** @return the broker's bootstrap servers */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** @return a running service by module name */
    public ServiceProcess service(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return s;
    }

    /** Stops the services, then the broker; deletes the broker's data. */
    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::close);
        broker.close();
    }

    /** Configures and starts a {@link LocalStack}. */
    public static final class Builder {
        private final Path root;
        private final Map<String, Integer> ports = new LinkedHashMap<>();
        private final Map<String, String> env = new HashMap<>();
        private String databaseSuffix = "";
        private boolean freshDatabases;
        private Path logDir;
        private Duration readyTimeout = Duration.ofSeconds(120);

        private Builder(Path root) {
            this.root = root.toAbsolutePath().normalize();
            ports.put("ingest-service", 8081);
            ports.put("classifier-service", 8082);
            ports.put("alert-service", 8083);
        }

        /** Gives every service a free port instead of its usual one. */
        public Builder freePorts() {
            ports.replaceAll((k, v) -> KafkaBroker.freePort());
            return this;
        }

        /** Starts only these services (module names), e.g. for a benchmark of one of them. */
        public Builder only(String... names) {
            ports.keySet().retainAll(java.util.Set.of(names));
            return this;
        }

        /** Adds an environment variable for every service. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Uses databases named {@code newshound_<service><suffix>}, e.g. {@code _e2e}. */
        public Builder databaseSuffix(String suffix) {
            this.databaseSuffix = suffix;
            return this;
        }

        /** Drops and recreates the services' databases before starting. */
        public Builder freshDatabases() {
            this.freshDatabases = true;
            return this;
        }

        /** Where service logs go; a temporary directory by default. */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /**
         * Starts the broker, creates the topics and databases, starts the services in pipeline order and waits until
         * each is ready. On failure everything started so far is stopped.
         */
        public LocalStack start() {
            Path logs;
            try {
                logs = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("newshound-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KafkaBroker broker = KafkaBroker.start();
            Map<String, ServiceProcess> started = new LinkedHashMap<>();
            Map<String, Launch> launches = new LinkedHashMap<>();
            String adminKey = "local-admin-" + java.util.UUID.randomUUID();
            try {
                broker.createTopics(3, TOPICS.toArray(String[]::new));
                LocalPostgres pg = LocalPostgres.fromEnvironment();
                for (Map.Entry<String, Integer> service : ports.entrySet()) {
                    String name = service.getKey();
                    Map<String, String> serviceEnv = new HashMap<>(env);
                    serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
                    serviceEnv.put("NEWSHOUND_INGEST_SECURITY_ADMIN_KEY", adminKey);
                    serviceEnv.put("NEWSHOUND_ALERT_SECURITY_ADMIN_KEY", adminKey);
                    serviceEnv.put("NEWSHOUND_CLASSIFIER_SECURITY_ADMIN_KEY", adminKey);
                    if (!name.equals("classifier-service")) {
                        String db = "newshound_" + name.substring(0, name.indexOf('-')) + databaseSuffix;
                        if (freshDatabases) {
                            pg.dropDatabase(db);
                        }
                        pg.ensureDatabase(db);
                        serviceEnv.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(db));
                        serviceEnv.put("QUARKUS_DATASOURCE_USERNAME", pg.user());
                        serviceEnv.put("QUARKUS_DATASOURCE_PASSWORD", pg.password());
                    }
                    Launch launch = new Launch(root.resolve(name).resolve("target/quarkus-app"), service.getValue(),
                            Map.copyOf(serviceEnv), logs.resolve(name + ".log"));
                    launches.put(name, launch);
                    started.put(name, launch.start(name));
                }
                for (ServiceProcess process : started.values()) {
                    process.awaitReady(readyTimeout);
                }
                return new LocalStack(broker, started, launches, adminKey, readyTimeout);
            } catch (RuntimeException e) {
                started.values().forEach(ServiceProcess::close);
                broker.close();
                throw e;
            }
        }
    }
}
