package io.newshound.alert.console;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web console: its sessions and what the operations page watches. */
@ConfigMapping(prefix = "newshound.console")
public interface ConsoleConfig {

    /** A session nobody used for this long is signed out. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** A session ends this long after sign-in however busy it is; the user signs in again. */
    @WithDefault("12h")
    Duration absoluteTimeout();

    /**
     * Whether the session cookie is marked {@code Secure}. Unset: when the request came over HTTPS (directly or, with
     * {@code quarkus.http.proxy.proxy-address-forwarding}, through a TLS-terminating proxy).
     */
    Optional<Boolean> secureCookie();

    /**
     * The other services the operations page asks for their health: name to base URL (for example
     * {@code ingest-service=http://ingest:8081}); {@code /q/health} and {@code /q/metrics} are appended.
     */
    Map<String, String> services();

    /** How long the operations page waits for one service's health before showing it as unreachable. */
    @WithDefault("2s")
    Duration healthTimeout();
}
