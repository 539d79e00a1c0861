package io.newshound.alert.console;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is using the console in this request: the session its cookie names, if any. Every page, stream and action asks it
 * first; the services it then calls scope their data by the same identity.
 */
@RequestScoped
public class ConsoleUser {

    private final SecurityIdentity identity;

    public ConsoleUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** What templates show of the user; the CSRF token goes into every form. */
    public record View(String tenantId, boolean admin, String csrf) {
    }

    /** The page needs a signed-in user; the browser is sent to the sign-in form. */
    public static class SignInRequired extends RuntimeException {
        SignInRequired() {
            super("sign-in required", null, false, false);
        }
    }

    /** A form came without its session's CSRF token. */
    public static class CsrfRefused extends RuntimeException {
        CsrfRefused() {
            super("The form did not carry this session's CSRF token; reload the page and try again.", null, false,
                    false);
        }
    }

    /** Something only administrators may see; answered as if it did not exist. */
    public static class AdminOnly extends RuntimeException {
        AdminOnly() {
            super("admin only", null, false, false);
        }
    }

    /** @return the session of a signed-in user, if there is one */
    public Optional<ConsoleSessions.Session> session() {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        // a request with an API key header has an identity but no console session: it is not signed in here
        return Optional.ofNullable(identity.getAttribute(ConsoleIdentityProvider.SESSION_ATTRIBUTE));
    }

    /**
     * @throws SignInRequired
     *             without a live session
     */
    public View require() {
        ConsoleSessions.Session s = session().orElseThrow(SignInRequired::new);
        return new View(s.tenantId(), s.admin(), s.csrfToken());
    }

    /**
     * For every state-changing request: the form must send back the session's CSRF token.
     *
     * @throws SignInRequired
     *             without a live session
     * @throws CsrfRefused
     *             when the token is missing or wrong
     */
    public View requireForm(String csrf) {
        ConsoleSessions.Session s = session().orElseThrow(SignInRequired::new);
        if (!ConsoleSessions.csrfMatches(s, csrf)) {
            throw new CsrfRefused();
        }
        return new View(s.tenantId(), s.admin(), s.csrfToken());
    }

    /**
     * @throws AdminOnly
     *             for a tenant's user
     */
    public View requireAdmin() {
        View v = require();
        if (!v.admin()) {
            throw new AdminOnly();
        }
        return v;
    }
}
