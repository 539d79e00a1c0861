package io.newshound.platform.security;

import java.util.Optional;

import io.newshound.platform.security.ApiKeyAuthenticationMechanism.ApiKeyRequest;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a presented API key into the identity of its owner: the lookup runs on a worker thread (it may hit the
 * database), an unknown or revoked key fails authentication, and the key's id becomes the principal. A service
 * subclasses it to say how it finds a key's owner and which roles and attributes the owner gets.
 * <p>
 * The subclass also produces the {@link ApiKeyAuthenticationMechanism}
 * ({@link ApiKeyAuthenticationMechanism#produce()}); producers are not inherited, and a service without a provider must
 * not get the mechanism.
 *
 * @param <C>
 *            what the service knows about a key's owner
 */
public abstract class ApiKeyIdentityProvider<C> implements IdentityProvider<ApiKeyRequest> {

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            C owner = owner(request.key())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(keyId(owner)));
            describe(owner, identity);
            return identity.build();
        });
    }

    /**
     * Blocking; runs on a worker thread.
     *
     * @return the owner of the presented key, or empty when it is malformed, unknown or revoked
     */
    protected abstract Optional<C> owner(String presentedKey);

    /** @return the id of the key the owner presented: the principal's name */
    protected abstract String keyId(C owner);

    /** Adds the owner's roles and attributes to its identity. */
    protected abstract void describe(C owner, QuarkusSecurityIdentity.Builder identity);
}
