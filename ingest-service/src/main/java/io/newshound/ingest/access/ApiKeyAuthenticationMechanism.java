package io.newshound.ingest.access;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the API key from {@code X-Api-Key} or {@code Authorization: Bearer}. A request without one is anonymous and
 * reaches only what needs no role.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The credential a request presented. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        private final String key;

        ApiKeyRequest(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** @return the API key a request presents, or {@code null} */
    public static String presentedKey(io.vertx.core.http.HttpServerRequest request) {
        String key = request.getHeader("X-Api-Key");
        if (key == null) {
            String auth = request.getHeader("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = auth.substring(7).strip();
            }
        }
        return key == null || key.isBlank() ? null : key.strip();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = presentedKey(context.request());
        if (key == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(new ApiKeyRequest(key));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"newshound\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }
}
