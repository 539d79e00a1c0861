package io.newshound.devkit.quarkus;

import java.util.Locale;

/**
 * Chooses where tests get Kafka and PostgreSQL from.
 *
 * <p>
 * {@code local} (the default) starts a real Kafka broker in its own JVM and uses the PostgreSQL server of the machine.
 * {@code containers} starts both with Testcontainers, for machines that have Docker. Set it with
 * {@code -Dnewshound.test.infra=containers} or {@code NEWSHOUND_TEST_INFRA=containers}.
 */
public enum TestInfrastructure {
    LOCAL, CONTAINERS;

    /** @return the infrastructure chosen for this JVM */
    public static TestInfrastructure current() {
        String v = System.getProperty("newshound.test.infra", System.getenv("NEWSHOUND_TEST_INFRA"));
        if (v == null || v.isBlank()) {
            return LOCAL;
        }
        return valueOf(v.trim().toUpperCase(Locale.ROOT));
    }
}
