package io.newshound.classifier.access;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.newshound.classifier.config.ClassifierConfig;
import io.newshound.platform.security.ApiKeyAuthenticationMechanism;
import io.newshound.platform.security.ApiKeyFormat;
import io.newshound.platform.security.ApiKeyIdentityProvider;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The classifier knows one key: the administrator's, from the deployment's secrets (env
 * {@code NEWSHOUND_CLASSIFIER_SECURITY_ADMIN_KEY}). It guards the operations that change what the service does
 * (reloading the taxonomy); classifying and reading the taxonomy stay open. Without a configured key nobody is an
 * administrator.
 */
@ApplicationScoped
public class AdminIdentityProvider extends ApiKeyIdentityProvider<String> {

    /** The role of the configured administrator key. */
    public static final String ADMIN = "admin";

    private final ClassifierConfig config;

    public AdminIdentityProvider(ClassifierConfig config) {
        this.config = config;
    }

    /** The shared mechanism that reads the key from the request; this provider checks it. */
    @Produces
    @ApplicationScoped
    static ApiKeyAuthenticationMechanism apiKeyMechanism() {
        return ApiKeyAuthenticationMechanism.produce();
    }

    @Override
    protected Optional<String> owner(String presentedKey) {
        return ApiKeyFormat.isConfiguredKey(config.security().adminKey(), presentedKey)
                ? Optional.of(ADMIN)
                : Optional.empty();
    }

    @Override
    protected String keyId(String owner) {
        return owner;
    }

    @Override
    protected void describe(String owner, QuarkusSecurityIdentity.Builder identity) {
        identity.addRole(ADMIN);
    }
}
