package io.newshound.alert.delivery.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newshound.alert.config.WebhookConfig;
import io.newshound.platform.outbound.TargetGuard;

/**
 * Keeps webhooks away from internal networks with the platform's {@link TargetGuard} (the same rules guard
 * ingest-service's feed polls), configured with the hosts webhooks may reach although they are internal. Checked when a
 * subscription is created and again before every attempt, since DNS answers change; each attempt connects to the very
 * address that was checked, so a DNS answer that changes in between (rebinding) cannot steer it inside.
 */
@ApplicationScoped
public class WebhookTargetGuard {

    private final TargetGuard guard;

    @Inject
    public WebhookTargetGuard(WebhookConfig config) {
        this(config.allowedHosts().orElse(Set.of()), InetAddress::getAllByName);
    }

    public WebhookTargetGuard(Set<String> allowedHosts, TargetGuard.HostResolver resolver) {
        this.guard = new TargetGuard(allowedHosts, resolver);
    }

    /**
     * @throws TargetGuard.RefusedTarget
     *             when the URL is not http(s), has no host, carries credentials, does not resolve, or resolves to a
     *             non-public address
     */
    public void check(URI url) throws TargetGuard.RefusedTarget {
        guard.resolve(url);
    }

    /**
     * Resolves the target's host once and checks every address it resolves to.
     *
     * @return the address to connect to, and no other
     * @throws TargetGuard.RefusedTarget
     *             as {@link #check(URI)}
     */
    public InetAddress resolve(URI url) throws TargetGuard.RefusedTarget {
        return guard.resolve(url);
    }
}
