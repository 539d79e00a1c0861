package io.newshound.alert.access;

/** What an API key may do. */
public final class Role {

    /** Manage the own tenant's subscriptions, endpoints and deliveries. */
    public static final String TENANT = "tenant";
    /** See and change every tenant's data, and manage tenants and their keys; implies {@link #TENANT}. */
    public static final String ADMIN = "admin";

    private Role() {
    }
}
