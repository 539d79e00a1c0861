package io.newshound.alert.tenant;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.access.Role;
import io.newshound.platform.security.ApiKeyAuthenticationMechanism;
import io.newshound.platform.security.ApiKeyIdentityProvider;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Turns a presented API key into the identity of its tenant, with the key's role; admin implies tenant. */
@ApplicationScoped
public class TenantIdentityProvider extends ApiKeyIdentityProvider<TenantKeys.Caller> {

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
    protected Optional<TenantKeys.Caller> owner(String presentedKey) {
        return keys.authenticate(presentedKey);
    }

    @Override
    protected String keyId(TenantKeys.Caller caller) {
        return caller.keyId();
    }

    @Override
    protected void describe(TenantKeys.Caller caller, QuarkusSecurityIdentity.Builder identity) {
        identity.addRole(Role.TENANT).addAttribute(CurrentTenant.TENANT_ATTRIBUTE, caller.tenantId());
        if (caller.admin()) {
            identity.addRole(Role.ADMIN);
        }
    }
}
