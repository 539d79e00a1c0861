package io.newshound.ingest.access;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.newshound.platform.security.ApiKeyAuthenticationMechanism;
import io.newshound.platform.security.ApiKeyIdentityProvider;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Turns a presented API key into the identity of its owner, with the key's roles; admin implies every role. */
@ApplicationScoped
public class IngestIdentityProvider extends ApiKeyIdentityProvider<ApiKeys.Caller> {

    private final ApiKeys keys;

    public IngestIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    /** The shared mechanism that reads the key from the request; this provider checks it. */
    @Produces
    @ApplicationScoped
    static ApiKeyAuthenticationMechanism apiKeyMechanism() {
        return ApiKeyAuthenticationMechanism.produce();
    }

    @Override
    protected Optional<ApiKeys.Caller> owner(String presentedKey) {
        return keys.authenticate(presentedKey);
    }

    @Override
    protected String keyId(ApiKeys.Caller caller) {
        return caller.keyId();
    }

    @Override
    protected void describe(ApiKeys.Caller caller, QuarkusSecurityIdentity.Builder identity) {
        identity.addRoles(caller.roles()).addAttribute("keyName", caller.name());
        if (caller.roles().contains(Role.ADMIN)) {
            identity.addRole(Role.INGEST).addRole(Role.READ);
        }
    }
}
