package io.newshound.alert.console;

import jakarta.enterprise.context.ApplicationScoped;

import io.newshound.alert.access.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a live console session into the identity of the key that opened it: the same roles and tenant attribute an API
 * key gives, so every service scopes console requests exactly as it scopes API calls.
 */
@ApplicationScoped
public class ConsoleIdentityProvider implements IdentityProvider<ConsoleSessionMechanism.SessionRequest> {

    /** The identity attribute the services' tenant scoping reads (the one API-key identities carry). */
    static final String TENANT_ATTRIBUTE = "tenant";
    /** The identity attribute holding the {@link ConsoleSessions.Session}. */
    static final String SESSION_ATTRIBUTE = "console.session";

    private final ConsoleSessions sessions;

    public ConsoleIdentityProvider(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<ConsoleSessionMechanism.SessionRequest> getRequestType() {
        return ConsoleSessionMechanism.SessionRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ConsoleSessionMechanism.SessionRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            ConsoleSessions.Session session = sessions.use(request.token())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or expired console session"));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(session.keyId())).addRole(Role.TENANT)
                    .addAttribute(TENANT_ATTRIBUTE, session.tenantId()).addAttribute(SESSION_ATTRIBUTE, session);
            if (session.admin()) {
                identity.addRole(Role.ADMIN);
            }
            return identity.build();
        });
    }
}
