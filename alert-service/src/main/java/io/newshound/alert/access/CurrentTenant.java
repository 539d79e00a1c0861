package io.newshound.alert.access;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The tenant on whose behalf the current request runs, from the API key that authenticated it. Every query a REST
 * resource makes is scoped by {@link #id()}; only an admin ({@link #admin()}) may see other tenants' data. Something
 * another tenant owns is answered as if it did not exist (404), never 403, so ids of other tenants leak nothing.
 */
@RequestScoped
public class CurrentTenant {

    /** The tenant that owned every row before tenants existed; the configured admin key acts for it. */
    public static final String DEFAULT = "default";

    /** Identity attribute holding the tenant id of an authenticated key. */
    public static final String TENANT_ATTRIBUTE = "tenant";

    private final SecurityIdentity identity;

    public CurrentTenant(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller's tenant id.
     *
     * @throws UnauthorizedException
     *             when the request carries no valid API key (resources require a role, so they never see this)
     */
    public String id() {
        String tenant = identity.isAnonymous() ? null : identity.getAttribute(TENANT_ATTRIBUTE);
        if (tenant == null) {
            throw new UnauthorizedException();
        }
        return tenant;
    }

    /** Whether the caller may see and change every tenant's data. */
    public boolean admin() {
        return !identity.isAnonymous() && identity.hasRole(Role.ADMIN);
    }

    /** Whether the caller may see data owned by {@code tenantId}: its own, or anything for an admin. */
    public boolean sees(String tenantId) {
        return admin() || id().equals(tenantId);
    }

    /** The tenant to filter by, or {@code null} for an admin, who sees every tenant's data. */
    public String filter() {
        return admin() ? null : id();
    }
}
