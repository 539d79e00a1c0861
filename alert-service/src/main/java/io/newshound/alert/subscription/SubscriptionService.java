package io.newshound.alert.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.delivery.webhook.WebhookSignature;
import io.newshound.alert.delivery.webhook.WebhookTargetGuard;
import io.newshound.alert.endpoint.WebhookEndpoint;
import io.newshound.alert.matching.SubscriptionChanges;
import io.newshound.alert.tenant.TenantService;
import io.newshound.platform.outbound.TargetGuard;
import io.newshound.platform.problem.Problem.FieldError;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;

/**
 * Creates, changes, lists and removes the caller's subscriptions with their webhook endpoints. A subscription of
 * another tenant is reported as not found, unless the caller is an admin.
 */
@ApplicationScoped
public class SubscriptionService {

    private final WebhookTargetGuard guard;
    private final CurrentTenant tenant;
    private final TenantService tenants;
    private final SubscriptionChanges changes;
    private final ObjectMapper mapper;

    public SubscriptionService(WebhookTargetGuard guard, CurrentTenant tenant, TenantService tenants,
            SubscriptionChanges changes, ObjectMapper mapper) {
        this.guard = guard;
        this.tenant = tenant;
        this.tenants = tenants;
        this.changes = changes;
        this.mapper = mapper;
    }

    /**
     * Creates a subscription of the caller's tenant and its endpoint with a fresh signing secret. It matches articles
     * consumed after this method returns.
     *
     * @return the subscription, including the secret (the only time it is shown)
     * @throws ProblemException
     *             400 naming each invalid field (the keyword query's problem with its position); 409 when the tenant is
     *             at its subscription limit
     */
    @Transactional
    public SubscriptionView create(CreateSubscriptionRequest request) {
        if (request == null) {
            throw ProblemException.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        SubscriptionSettings settings = request.settings();
        List<FieldError> errors = new ArrayList<>(settings.problems());
        URI url = null;
        if (request.webhookUrl() == null || request.webhookUrl().isBlank()) {
            errors.add(new FieldError("webhookUrl", "must not be blank"));
        } else if (request.webhookUrl().length() > 2000) {
            errors.add(new FieldError("webhookUrl", "must be at most 2000 characters"));
        } else {
            try {
                url = new URI(request.webhookUrl().trim());
                guard.check(url);
            } catch (URISyntaxException e) {
                errors.add(new FieldError("webhookUrl", "must be an absolute http or https URL"));
            } catch (TargetGuard.RefusedTarget e) {
                errors.add(new FieldError("webhookUrl", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String owner = tenant.id();
        tenants.reserveSubscription(owner);
        Instant now = Instant.now();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.tenantId = owner;
        endpoint.url = url.toString();
        endpoint.secret = WebhookSignature.newSecret();
        endpoint.createdAt = now;
        endpoint.persist();

        Subscription s = new Subscription();
        s.id = UUID.randomUUID();
        s.tenantId = owner;
        settings.applyTo(s);
        s.endpoint = endpoint;
        s.createdAt = now;
        s.updatedAt = now;
        s.persist();
        changes.record(s.id);
        Log.infof("Subscription %s created for tenant %s: topics %s (%s), query %s", s.id, owner, s.topics,
                s.matchMode, s.query);
        return SubscriptionView.of(s).withSecret(endpoint.secret);
    }

    /** @return the caller's active subscriptions (every tenant's for an admin), oldest first */
    @Transactional
    public List<SubscriptionView> list() {
        String only = tenant.filter();
        String query = "from Subscription s join fetch s.endpoint where s.deletedAt is null"
                + (only == null ? "" : " and s.tenantId = ?1") + " order by s.createdAt, s.id";
        List<Subscription> found = only == null ? Subscription.list(query) : Subscription.list(query, only);
        return found.stream().map(SubscriptionView::of).toList();
    }

    /**
     * @throws ProblemException
     *             404 when the caller has no active subscription with that id
     */
    @Transactional
    public SubscriptionView get(UUID id) {
        return SubscriptionView.of(visible(id));
    }

    /**
     * Replaces the settings of a subscription (everything but its webhook); the matcher of every replica follows.
     *
     * @throws ProblemException
     *             404 unknown; 400 naming each invalid field
     */
    @Transactional
    public SubscriptionView replace(UUID id, SubscriptionSettings settings) {
        Subscription s = visible(id);
        if (settings == null) {
            throw ProblemException.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        List<FieldError> errors = settings.problems();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        settings.applyTo(s);
        s.updatedAt = Instant.now();
        changes.record(s.id);
        Log.infof("Subscription %s changed: topics %s (%s), query %s, paused %s", s.id, s.topics, s.matchMode,
                s.query, s.paused);
        return SubscriptionView.of(s);
    }

    /**
     * Changes the fields a JSON merge patch (RFC 7396) names: a field present replaces the current value, {@code null}
     * clears an optional one, absent fields stay.
     *
     * @throws ProblemException
     *             404 unknown; 400 naming each invalid field
     */
    @Transactional
    public SubscriptionView patch(UUID id, JsonNode patch) {
        Subscription s = visible(id);
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        patch.fieldNames().forEachRemaining(field -> {
            if (!SETTINGS_FIELDS.contains(field)) {
                throw ProblemException.invalidField(field,
                        "cannot be changed; changeable fields are " + String.join(", ", SETTINGS_FIELDS));
            }
        });
        ObjectNode merged = mapper.valueToTree(SubscriptionSettings.of(s));
        merged.setAll((ObjectNode) patch);
        SubscriptionSettings settings;
        try {
            settings = mapper.treeToValue(merged, SubscriptionSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw ProblemException.invalidField(fieldOf(e), "has the wrong type");
        }
        return replace(id, settings);
    }

    /**
     * Deletes a subscription: it stops matching at once, and its deliveries not yet made are cancelled. Alerts and the
     * delivery log stay.
     */
    @Transactional
    public void delete(UUID id) {
        Subscription s = visible(id);
        s.deletedAt = Instant.now();
        s.updatedAt = s.deletedAt;
        int cancelled = Subscription.getEntityManager()
                .createNativeQuery(
                        "update delivery set status = 'cancelled', locked_until = null, lease_token = null, updated_at = now()"
                                + " where status = 'pending' and alert_id in (select id from alert where subscription_id = ?1)")
                .setParameter(1, id).executeUpdate();
        changes.record(s.id);
        Log.infof("Subscription %s deleted, %d pending deliveries cancelled", id, cancelled);
    }

    /** @return the webhook endpoint of an active subscription the caller sees */
    @Transactional
    public UUID endpointOf(UUID id) {
        return visible(id).endpoint.id;
    }

    private static final List<String> SETTINGS_FIELDS = List.of("name", "topics", "match", "query", "languages",
            "sources", "excludeSources", "minScore", "paused");

    private Subscription visible(UUID id) {
        Subscription s = Subscription.findById(id);
        if (s == null || s.deletedAt != null || !tenant.sees(s.tenantId)) {
            throw ProblemException.notFound("Subscription", id);
        }
        return s;
    }

    private static String fieldOf(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            String name = m.getPath().get(0).getFieldName();
            return name == null ? "body" : name;
        }
        return "body";
    }
}
