package io.newshound.alert.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may call the alert-service API. */
@ConfigMapping(prefix = "newshound.alert.security")
public interface SecurityConfig {

    /**
     * An admin key from the deployment's secrets (env {@code NEWSHOUND_ALERT_SECURITY_ADMIN_KEY}); it acts for the
     * tenant {@code default} and is used to create tenants and their keys. Unset: only stored keys work.
     */
    Optional<String> adminKey();

    /** The subscription limit of a tenant created without one. */
    @WithDefault("100")
    int defaultMaxSubscriptions();
}
