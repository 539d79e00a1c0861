package io.newshound.ingest.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.newshound.platform.security.ApiKeyAuthenticationMechanism;
import io.newshound.platform.security.ApiKeyAuthenticationMechanism.ApiKeyRequest;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a presented API key into the identity of its owner, with the key's roles; admin implies every role. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    /** The shared mechanism that reads the key from the request; this provider checks it. */
    @Produces
    @ApplicationScoped
    static ApiKeyAuthenticationMechanism apiKeyMechanism() {
        return ApiKeyAuthenticationMechanism.produce();
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ApiKeys.Caller caller = keys.authenticate(request.key())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(caller.keyId()))
                    .addRoles(caller.roles())
                    .addAttribute("keyName", caller.name());
            if (caller.roles().contains(Role.ADMIN)) {
                identity.addRole(Role.INGEST).addRole(Role.READ);
            }
            return identity.build();
        });
    }
}
