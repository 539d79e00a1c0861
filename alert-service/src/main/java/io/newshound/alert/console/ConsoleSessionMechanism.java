package io.newshound.alert.console;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates console requests by their session cookie, so browser pages and {@code EventSource} streams (which
 * cannot send an API key header) act as the tenant that signed in. Only paths under {@code /console} read the cookie:
 * the JSON API keeps taking API keys alone, so a cookie can never be used to call it from another site.
 */
@ApplicationScoped
public class ConsoleSessionMechanism implements HttpAuthenticationMechanism {

    /** The session cookie. */
    public static final String COOKIE = "newshound_console";
    /** Where the console lives; the cookie is scoped to it. */
    public static final String PATH = "/console";

    /** The token a session cookie presented. */
    public static final class SessionRequest extends BaseAuthenticationRequest {
        private final String token;

        SessionRequest(String token) {
            this.token = token;
        }

        String token() {
            return token;
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String path = context.normalizedPath();
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || !(path.equals(PATH) || path.startsWith(PATH + "/"))) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new SessionRequest(cookie.getValue()))
                // an expired session reads as signed out, so the page can send the browser to the sign-in form
                .onFailure().recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, "Location", PATH + "/login"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }
}
