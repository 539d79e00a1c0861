package io.newshound.alert.tenant;

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

/** Turns a presented API key into the identity of its tenant, with the key's role; admin implies tenant. */
@ApplicationScoped
public class TenantIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private final TenantKeys keys;

    public TenantIdentityProvider(TenantKeys keys) {
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
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            TenantKeys.Caller caller = keys.authenticate(request.key())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(caller.keyId()))
                    .addRole(Role.TENANT)
                    .addAttribute(CurrentTenant.TENANT_ATTRIBUTE, caller.tenantId());
            if (caller.admin()) {
                identity.addRole(Role.ADMIN);
            }
            return identity.build();
        });
    }
}
