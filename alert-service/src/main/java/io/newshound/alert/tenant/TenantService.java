package io.newshound.alert.tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.newshound.alert.config.SecurityConfig;
import io.newshound.platform.problem.Problem.FieldError;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;

/** Tenants and their limits. */
@ApplicationScoped
public class TenantService {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_SUBSCRIPTIONS_CEILING = 1_000_000;

    private final SecurityConfig config;
    private final EntityManager em;

    public TenantService(SecurityConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    /**
     * A tenant as the API shows it.
     *
     * @param subscriptions
     *            active subscriptions it has now
     */
    public record TenantView(String id, String name, int maxSubscriptions, long subscriptions, Instant createdAt) {
    }

    /**
     * Body of {@code POST /api/v1/tenants}.
     *
     * @param id
     *            slug chosen by the admin, e.g. {@code kyiv-desk}; stays the tenant's id for good
     * @param maxSubscriptions
     *            active subscriptions the tenant may have; the configured default when absent
     */
    public record NewTenant(String id, String name, Integer maxSubscriptions) {
    }

    /**
     * Creates a tenant.
     *
     * @throws ProblemException
     *             400 naming each invalid field, 409 when the id is taken
     */
    @Transactional
    public TenantView create(NewTenant request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.id() == null || request.id().length() > 64 || !ID.matcher(request.id()).matches()) {
            errors.add(new FieldError("id",
                    "must be 1 to 64 lowercase letters and digits separated by single hyphens"));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (request.maxSubscriptions() != null
                && (request.maxSubscriptions() < 0 || request.maxSubscriptions() > MAX_SUBSCRIPTIONS_CEILING)) {
            errors.add(new FieldError("maxSubscriptions", "must be between 0 and " + MAX_SUBSCRIPTIONS_CEILING));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (Tenant.findById(request.id()) != null) {
            throw ProblemException.conflict("Tenant " + request.id() + " already exists.");
        }
        Tenant t = new Tenant();
        t.id = request.id();
        t.name = request.name().strip();
        t.maxSubscriptions = request.maxSubscriptions() == null
                ? config.defaultMaxSubscriptions()
                : request.maxSubscriptions();
        t.createdAt = Instant.now();
        t.persist();
        Log.infof("Tenant %s created (max %d subscriptions)", t.id, t.maxSubscriptions);
        return new TenantView(t.id, t.name, t.maxSubscriptions, 0, t.createdAt);
    }

    /** @return every tenant, oldest first */
    @Transactional
    public List<TenantView> list() {
        return Tenant.<Tenant>list("order by createdAt, id").stream().map(this::view).toList();
    }

    /**
     * @throws ProblemException
     *             404 unknown tenant
     */
    @Transactional
    public TenantView get(String id) {
        Tenant t = Tenant.findById(id);
        if (t == null) {
            throw ProblemException.notFound("Tenant", id);
        }
        return view(t);
    }

    /**
     * Locks the tenant's row for the rest of the transaction and checks it may have one more active subscription; the
     * lock makes concurrent creations of one tenant take turns, so none slips past the limit.
     *
     * @throws ProblemException
     *             409 when the tenant is at its limit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reserveSubscription(String tenantId) {
        Tenant t = em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            throw ProblemException.notFound("Tenant", tenantId);
        }
        long active = activeSubscriptions(tenantId);
        if (active >= t.maxSubscriptions) {
            throw ProblemException.conflict("Tenant " + tenantId + " has reached its limit of " + t.maxSubscriptions
                    + " subscriptions; delete one or ask for a higher limit.");
        }
    }

    private TenantView view(Tenant t) {
        return new TenantView(t.id, t.name, t.maxSubscriptions, activeSubscriptions(t.id), t.createdAt);
    }

    private long activeSubscriptions(String tenantId) {
        return ((Number) em.createNativeQuery(
                "select count(*) from subscription where tenant_id = ?1 and deleted_at is null")
                .setParameter(1, tenantId).getSingleResult()).longValue();
    }
}
