package io.newshound.alert.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.db.Columns;
import io.newshound.alert.delivery.webhook.WebhookSignature;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;

/**
 * Webhook endpoints: secret rotation, re-enabling after a 410, and health. A caller sees only its tenant's endpoints
 * (an admin every tenant's); others' are reported as not found.
 */
@ApplicationScoped
public class EndpointService {

    static final double MAX_RATE_PER_SECOND = 10_000;
    static final int MAX_EVENTS = 500;

    private final EntityManager em;
    private final Duration overlap;
    private final CurrentTenant tenant;
    private final double defaultRate;

    public EndpointService(EntityManager em, WebhookConfig config, CurrentTenant tenant) {
        this.em = em;
        this.overlap = config.secretRotationOverlap();
        this.tenant = tenant;
        this.defaultRate = config.rateLimitPerSecond();
    }

    @Transactional
    public List<EndpointView> list() {
        Instant now = Instant.now();
        List<WebhookEndpoint> endpoints = tenant.filter() == null
                ? WebhookEndpoint.list("order by createdAt, id")
                : WebhookEndpoint.list("tenantId = ?1 order by createdAt, id", tenant.filter());
        return endpoints.stream().map(e -> EndpointView.of(e, now, defaultRate)).toList();
    }

    /**
     * @throws ProblemException
     *             404 unknown endpoint
     */
    @Transactional
    public EndpointView get(UUID id) {
        return EndpointView.of(find(id), Instant.now(), defaultRate);
    }

    /**
     * Replaces the signing secret. For the configured overlap, deliveries carry signatures with the new and the
     * previous secret; rotating again within the overlap retires the oldest secret at once.
     *
     * @return the new secret (shown only here)
     */
    @Transactional
    public RotatedSecret rotateSecret(UUID id) {
        WebhookEndpoint e = find(id);
        Instant now = Instant.now();
        e.previousSecret = e.secret;
        e.previousSecretExpiresAt = now.plus(overlap);
        e.secret = WebhookSignature.newSecret();
        Log.infof("Endpoint %s: secret rotated, previous one valid until %s", id, e.previousSecretExpiresAt);
        return new RotatedSecret(e.id, e.secret, e.previousSecretExpiresAt);
    }

    /**
     * Re-enables a disabled endpoint and lifts any throttle; its pending deliveries go out again at once, and its
     * failing time starts over. Records an {@code enabled} event when the endpoint was disabled.
     */
    @Transactional
    public EndpointView enable(UUID id) {
        WebhookEndpoint e = find(id);
        if (e.disabledAt != null) {
            em.createNativeQuery("insert into endpoint_event (tenant_id, endpoint_id, type, detail)"
                    + " values (?1, ?2, 'enabled', ?3)").setParameter(1, e.tenantId).setParameter(2, id)
                    .setParameter(3, "enabled again after: " + e.disabledReason).executeUpdate();
        }
        if (e.disabledAt != null || (e.throttledUntil != null && e.throttledUntil.isAfter(Instant.now()))) {
            // what waited while the endpoint was disabled or throttled (an open circuit, an ejected host) is due now,
            // not at the end of its retry delay or of the throttle
            em.createNativeQuery("update delivery set next_attempt_at = now(), updated_at = now()"
                    + " where endpoint_id = ?1 and status = 'pending' and next_attempt_at > now()")
                    .setParameter(1, id).executeUpdate();
        }
        e.disabledAt = null;
        e.disabledReason = null;
        e.throttledUntil = null;
        e.failingSince = null;
        e.consecutiveFailures = 0;
        Log.infof("Endpoint %s enabled", id);
        return EndpointView.of(e, Instant.now(), defaultRate);
    }

    /**
     * Sets how many requests per second the endpoint receives at most (per service instance), or returns it to the
     * configured default.
     *
     * @throws ProblemException
     *             400 naming {@code perSecond} when it is not above 0 and at most 10,000; 404 unknown endpoint
     */
    @Transactional
    public EndpointView setRateLimit(UUID id, RateLimitRequest request) {
        Double perSecond = request == null ? null : request.perSecond();
        if (perSecond != null && (perSecond.isNaN() || perSecond <= 0 || perSecond > MAX_RATE_PER_SECOND)) {
            throw ProblemException.invalidField("perSecond",
                    "must be above 0 and at most 10000, or null for the default");
        }
        WebhookEndpoint e = find(id);
        e.rateLimitPerSecond = perSecond;
        Log.infof("Endpoint %s: rate limit %s", id, perSecond == null ? "default" : perSecond + "/s");
        return EndpointView.of(e, Instant.now(), defaultRate);
    }

    /**
     * What happened to the endpoint that its owner should know (disabled and why, enabled), newest first.
     *
     * @throws ProblemException
     *             404 unknown endpoint
     */
    @Transactional
    public List<EndpointEvent> events(UUID id) {
        find(id);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, type, detail, occurred_at from endpoint_event"
                + " where endpoint_id = ?1 order by occurred_at desc, id desc limit " + MAX_EVENTS)
                .setParameter(1, id).getResultList();
        return rows.stream().map(r -> new EndpointEvent(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                Columns.instant(r[3]))).toList();
    }

    /**
     * @param window
     *            how far back the attempt statistics reach
     */
    @Transactional
    public EndpointHealth health(UUID id, Duration window) {
        WebhookEndpoint e = find(id);
        Instant now = Instant.now();
        Instant from = now.minus(window);
        Object[] stats = (Object[]) em.createNativeQuery("""
                select count(*), count(*) filter (where http_status between 200 and 299), avg(latency_ms),
                       percentile_cont(0.95) within group (order by latency_ms)
                from delivery_attempt where endpoint_id = ?1 and attempted_at >= ?2""").setParameter(1, id)
                .setParameter(2, from).getSingleResult();
        long attempts = ((Number) stats[0]).longValue();
        long successes = ((Number) stats[1]).longValue();
        DeliveryAttempt lastFailure = DeliveryAttempt.<DeliveryAttempt>find(
                "endpointId = ?1 and (httpStatus is null or httpStatus < 200 or httpStatus > 299)"
                        + " order by attemptedAt desc, id desc",
                id).firstResult();
        DeliveryAttempt lastSuccess = DeliveryAttempt.<DeliveryAttempt>find(
                "endpointId = ?1 and httpStatus between 200 and 299 order by attemptedAt desc, id desc", id)
                .firstResult();
        Object[] backlog = (Object[]) em.createNativeQuery("""
                select count(*) filter (where status = 'pending'), count(*) filter (where status = 'dead')
                from delivery where endpoint_id = ?1""").setParameter(1, id).getSingleResult();
        return new EndpointHealth(id, from, attempts, successes, attempts == 0 ? null : (double) successes / attempts,
                stats[2] == null ? null : ((Number) stats[2]).doubleValue(),
                stats[3] == null ? null : ((Number) stats[3]).doubleValue(),
                lastSuccess == null ? null : lastSuccess.attemptedAt,
                lastFailure == null ? null : lastFailure.attemptedAt,
                lastFailure == null
                        ? null
                        : lastFailure.error != null ? lastFailure.error : "HTTP " + lastFailure.httpStatus,
                ((Number) backlog[0]).longValue(), ((Number) backlog[1]).longValue(), e.disabledAt != null,
                e.disabledReason, e.throttledUntil != null && e.throttledUntil.isAfter(now) ? e.throttledUntil : null);
    }

    private WebhookEndpoint find(UUID id) {
        WebhookEndpoint e = WebhookEndpoint.findById(id);
        if (e == null || !tenant.sees(e.tenantId)) {
            throw ProblemException.notFound("Endpoint", id);
        }
        return e;
    }
}
