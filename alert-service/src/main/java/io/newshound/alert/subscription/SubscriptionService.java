package io.newshound.alert.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.newshound.alert.delivery.webhook.WebhookEndpoint;
import io.newshound.alert.delivery.webhook.WebhookSignature;
import io.newshound.alert.delivery.webhook.WebhookTargetGuard;
import io.newshound.platform.problem.Problem.FieldError;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;

/** Creates, lists and removes subscriptions with their webhook endpoints. */
@ApplicationScoped
public class SubscriptionService {

    private final WebhookTargetGuard guard;

    public SubscriptionService(WebhookTargetGuard guard) {
        this.guard = guard;
    }

    /**
     * Creates a subscription and its endpoint with a fresh signing secret.
     *
     * @return the subscription, including the secret (the only time it is shown)
     * @throws ProblemException
     *             400 naming each invalid field
     */
    @Transactional
    public SubscriptionView create(CreateSubscriptionRequest request) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>(request.problems());
        URI url = null;
        if (errors.stream().noneMatch(e -> e.field().equals("webhookUrl"))) {
            try {
                url = new URI(request.webhookUrl().trim());
                guard.check(url);
            } catch (URISyntaxException e) {
                errors.add(new FieldError("webhookUrl", "must be an absolute http or https URL"));
            } catch (WebhookTargetGuard.RefusedTarget e) {
                errors.add(new FieldError("webhookUrl", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Instant now = Instant.now();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.url = url.toString();
        endpoint.secret = WebhookSignature.newSecret();
        endpoint.createdAt = now;
        endpoint.persist();

        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.name = request.name().trim();
        s.topics = request.topics().stream().distinct().toList();
        s.matchMode = MatchMode.parse(request.match() == null ? "any" : request.match()).orElseThrow().wire();
        s.minScore = request.minScore();
        UpdatePolicy updates = UpdatePolicy.parse(request.updates()).orElseThrow();
        s.updatePolicy = updates.kind().wire();
        s.updateIntervalMinutes = updates.minutes();
        s.endpoint = endpoint;
        s.createdAt = now;
        s.persist();
        Log.infof("Subscription %s created for topics %s (%s)", s.id, s.topics, s.matchMode);
        return SubscriptionView.of(s).withSecret(endpoint.secret);
    }

    /** @return active subscriptions, oldest first */
    @Transactional
    public List<SubscriptionView> list() {
        return Subscription.<Subscription>list(
                "from Subscription s join fetch s.endpoint where s.deletedAt is null order by s.createdAt, s.id")
                .stream().map(SubscriptionView::of).toList();
    }

    /**
     * @throws ProblemException
     *             404 when there is no active subscription with that id
     */
    @Transactional
    public SubscriptionView get(UUID id) {
        return SubscriptionView.of(active(id));
    }

    /**
     * Deletes a subscription: it stops matching at once, and its deliveries not yet made are cancelled. Alerts and the
     * delivery log stay.
     */
    @Transactional
    public void delete(UUID id) {
        Subscription s = active(id);
        s.deletedAt = Instant.now();
        int cancelled = Subscription.getEntityManager()
                .createNativeQuery(
                        "update delivery set status = 'cancelled', locked_until = null, lease_token = null, updated_at = now()"
                                + " where status = 'pending' and alert_id in (select id from alert where subscription_id = ?1)")
                .setParameter(1, id).executeUpdate();
        Log.infof("Subscription %s deleted, %d pending deliveries cancelled", id, cancelled);
    }

    /** @return the webhook endpoint of an active subscription */
    @Transactional
    public UUID endpointOf(UUID id) {
        return active(id).endpoint.id;
    }

    private static Subscription active(UUID id) {
        Subscription s = Subscription.findById(id);
        if (s == null || s.deletedAt != null) {
            throw ProblemException.notFound("Subscription", id);
        }
        return s;
    }
}
