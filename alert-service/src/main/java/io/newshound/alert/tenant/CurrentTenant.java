package io.newshound.alert.tenant;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant on whose behalf the current request runs. Every query a REST resource makes is scoped by {@link #id()};
 * only an admin ({@link #admin()}) may see other tenants' data.
 */
@RequestScoped
public class CurrentTenant {

    /** The tenant all data belongs to until API keys identify callers. */
    public static final String DEFAULT = "default";

    /** The caller's tenant id. */
    public String id() {
        return DEFAULT;
    }

    /** Whether the caller may see and change every tenant's data. */
    public boolean admin() {
        return false;
    }
}
