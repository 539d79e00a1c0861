package io.newshound.platform.security;

import java.util.Optional;
import java.util.Set;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the API key from {@code X-Api-Key} or {@code Authorization: Bearer} and hands it to the service's
 * {@code IdentityProvider<ApiKeyRequest>}, which knows the service's keys and roles. A request without a key is
 * anonymous and reaches only what needs no role.
 * <p>
 * Not a bean by itself: a service that checks API keys produces it next to its identity provider ({@link #produce()}).
 * Quarkus refuses to start when a mechanism has no provider for its credential type, so a service without keys
 * (classifier-service) must not get it just by depending on this module.
 */
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The header that carries a key; {@code Authorization: Bearer <key>} works as well. */
    public static final String HEADER = "X-Api-Key";

    /** The credential a request presented. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        private final String key;

        public ApiKeyRequest(String key) {
            this.key = key;
        }

        /** @return the key as presented (trimmed) */
        public String key() {
            return key;
        }
    }

    /**
     * @param apiKeyHeader
     *            the {@code X-Api-Key} header, or null (blank counts as absent)
     * @param authorizationHeader
     *            the {@code Authorization} header, or null
     * @return the API key a request presents, or {@code null}
     */
    public static String presentedKey(String apiKeyHeader, String authorizationHeader) {
        String key = apiKeyHeader;
        if ((key == null || key.isBlank()) && authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorizationHeader.substring(7);
        }
        return key == null || key.isBlank() ? null : key.strip();
    }

    /**
     * For a service's producer method ({@code @Produces @ApplicationScoped}), next to its
     * {@code IdentityProvider<ApiKeyRequest>}.
     */
    public static ApiKeyAuthenticationMechanism produce() {
        return new ApiKeyAuthenticationMechanism();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = presentedKey(context.request().getHeader(HEADER), context.request().getHeader("Authorization"));
        if (key == null) {
            return Uni.createFrom().optional(Optional.empty());
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
