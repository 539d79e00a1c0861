package io.newshound.ingest.access;

/** What an API key may do. */
public final class Role {

    /** Submit articles and manage feeds. */
    public static final String INGEST = "ingest";
    /** Read articles and feeds. */
    public static final String READ = "read";
    /** Manage API keys; implies every other role. */
    public static final String ADMIN = "admin";

    private Role() {
    }
}
