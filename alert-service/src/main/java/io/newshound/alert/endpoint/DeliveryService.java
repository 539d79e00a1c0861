package io.newshound.alert.endpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.thread.Alert;
import io.newshound.platform.problem.Problem.FieldError;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;

/**
 * The delivery log, and replays that send deliveries again under their original {@code webhook-id}. A caller sees and
 * replays only its tenant's deliveries (an admin every tenant's); others' are reported as not found.
 */
@ApplicationScoped
public class DeliveryService {

    static final Set<String> STATUSES = Set.of("pending", "delivered", "dead", "cancelled");
    static final Set<String> REPLAYABLE = Set.of("delivered", "dead");
    static final int MAX_LIMIT = 500;

    private final EntityManager em;
    private final CurrentTenant tenant;

    public DeliveryService(EntityManager em, CurrentTenant tenant) {
        this.em = em;
        this.tenant = tenant;
    }

    /**
     * Lists deliveries, newest first.
     *
     * @param status
     *            optional status filter
     * @param endpointId
     *            optional endpoint filter
     * @param since
     *            optional ISO-8601 lower bound (inclusive) of the creation time
     * @param until
     *            optional ISO-8601 upper bound (exclusive) of the creation time; pass the last item's {@code createdAt}
     *            to page back
     * @throws ProblemException
     *             400 naming each invalid query parameter
     */
    @Transactional
    public List<DeliveryView> list(String status, String endpointId, String since, String until, String limit) {
        List<FieldError> errors = new ArrayList<>();
        UUID endpoint = parseUuid("endpointId", endpointId, errors);
        Instant from = parseInstant("since", since, errors);
        Instant to = parseInstant("until", until, errors);
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES)));
        }
        int max;
        try {
            max = limit == null || limit.isBlank() ? 50 : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (tenant.filter() != null) {
            q.append(" and tenantId = :tenant");
            p.and("tenant", tenant.filter());
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (endpoint != null) {
            q.append(" and endpointId = :endpoint");
            p.and("endpoint", endpoint);
        }
        if (from != null) {
            q.append(" and createdAt >= :from");
            p.and("from", from);
        }
        if (to != null) {
            q.append(" and createdAt < :to");
            p.and("to", to);
        }
        q.append(" order by createdAt desc, id");
        List<Delivery> deliveries = Delivery.<Delivery>find(q.toString(), p).page(0, max).list();
        return views(deliveries);
    }

    /**
     * @throws ProblemException
     *             404 when there is no such delivery
     */
    @Transactional
    public DeliveryDetail get(UUID id) {
        Delivery d = find(id);
        Alert alert = d.alertId == null ? null : Alert.findById(d.alertId);
        List<DeliveryDetail.Attempt> attempts = DeliveryAttempt
                .<DeliveryAttempt>list("deliveryId = ?1 order by attemptNo, id", id).stream()
                .map(a -> new DeliveryDetail.Attempt(a.attemptNo, a.attemptedAt, a.httpStatus, a.latencyMs, a.error))
                .toList();
        String payload = d.digestId != null
                ? (String) Delivery.getEntityManager().createNativeQuery("select payload from digest where id = ?1")
                        .setParameter(1, d.digestId).getSingleResult()
                : (String) Delivery.getEntityManager()
                        .createNativeQuery("select payload from alert_update where alert_id = ?1 and revision = ?2")
                        .setParameter(1, d.alertId).setParameter(2, d.revision).getSingleResult();
        return new DeliveryDetail(DeliveryView.of(d, alert), payload, attempts);
    }

    /**
     * Sends one delivery again, at once, with its original {@code webhook-id} and a fresh retry schedule.
     *
     * @throws ProblemException
     *             404 unknown; 409 when cancelled, in flight or its endpoint is disabled
     */
    @Transactional
    public DeliveryView replay(UUID id) {
        Delivery d = find(id);
        if ("cancelled".equals(d.status)) {
            throw ProblemException.conflict("Delivery " + id + " was cancelled with its subscription.");
        }
        requireEnabled(d.endpointId);
        int n = em.createNativeQuery("""
                update delivery set status = 'pending', next_attempt_at = now(), retry_base = attempt_count,
                       updated_at = now()
                where id = ?1 and status <> 'cancelled' and (locked_until is null or locked_until < now())""")
                .setParameter(1, id).executeUpdate();
        if (n == 0) {
            throw ProblemException.conflict("Delivery " + id + " is being attempted right now.");
        }
        em.refresh(d);
        Log.infof("Delivery %s replayed", id);
        return DeliveryView.of(d, d.alertId == null ? null : Alert.findById(d.alertId));
    }

    /**
     * Sends again every finished delivery of an endpoint that matches the request.
     *
     * @return how many deliveries were scheduled again
     * @throws ProblemException
     *             400 on an invalid request; 404 unknown endpoint; 409 disabled endpoint
     */
    @Transactional
    public int replay(UUID endpointId, ReplayRequest request) {
        Instant since = validReplay(request);
        requireEnabled(endpointId);
        return replayWhere(endpointId, request.status(), since, null);
    }

    /**
     * Sends again every finished delivery of every enabled endpoint that matches the request (after an outage on the
     * subscribers' side, say). Disabled endpoints are left out.
     *
     * @return how many deliveries were scheduled again
     * @throws ProblemException
     *             400 on an invalid request
     */
    @Transactional
    public int replayAll(ReplayRequest request) {
        return replayWhere(null, request.status(), validReplay(request), tenant.filter());
    }

    /** @return the lower bound of the creation time to replay from, if any: {@code since} or the alert's */
    private Instant validReplay(ReplayRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String status = request == null ? null : request.status();
        Instant since = parseInstant("since", request == null ? null : request.since(), errors);
        UUID alertId = parseUuid("sinceAlertId", request == null ? null : request.sinceAlertId(), errors);
        if (status != null && !REPLAYABLE.contains(status)) {
            errors.add(new FieldError("status", "must be 'dead' or 'delivered'"));
        }
        if (status == null && since == null && alertId == null && errors.isEmpty()) {
            errors.add(new FieldError("status", "give a status, a since time, a sinceAlertId, or several"));
        }
        Instant alertRaised = null;
        if (alertId != null) {
            Alert alert = Alert.findById(alertId);
            if (alert == null) {
                errors.add(new FieldError("sinceAlertId", "no such alert"));
            } else {
                alertRaised = alert.createdAt;
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (since == null) {
            return alertRaised;
        }
        return alertRaised == null || since.isAfter(alertRaised) ? since : alertRaised;
    }

    private int replayWhere(UUID endpointId, String status, Instant since, String onlyTenant) {
        int n = em.createNativeQuery("""
                update delivery set status = 'pending', next_attempt_at = now(), retry_base = attempt_count,
                       updated_at = now()
                where status in ('delivered', 'dead')
                  and endpoint_id in (select id from webhook_endpoint
                                      where disabled_at is null and (cast(?1 as uuid) is null or id = cast(?1 as uuid)))
                  and (cast(?2 as text) is null or status = cast(?2 as text))
                  and (cast(?3 as timestamptz) is null or created_at >= cast(?3 as timestamptz))
                  and (cast(?4 as text) is null or tenant_id = cast(?4 as text))""")
                .setParameter(1, endpointId).setParameter(2, status).setParameter(3, since).setParameter(4, onlyTenant)
                .executeUpdate();
        Log.infof("%d deliveries replayed (endpoint %s, status %s, since %s)", n,
                endpointId == null ? "any" : endpointId, status, since);
        return n;
    }

    private void requireEnabled(UUID endpointId) {
        WebhookEndpoint e = WebhookEndpoint.findById(endpointId);
        if (e == null || !tenant.sees(e.tenantId)) {
            throw ProblemException.notFound("Endpoint", endpointId);
        }
        if (e.disabledAt != null) {
            throw ProblemException.conflict(
                    "Endpoint " + endpointId + " is disabled (" + e.disabledReason + "); enable it before replaying.");
        }
    }

    private Delivery find(UUID id) {
        Delivery d = Delivery.findById(id);
        if (d == null || !tenant.sees(d.tenantId)) {
            throw ProblemException.notFound("Delivery", id);
        }
        return d;
    }

    private static List<DeliveryView> views(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<UUID, Alert> alerts = Alert
                .<Alert>list("id in ?1",
                        deliveries.stream().map(d -> d.alertId).filter(java.util.Objects::nonNull)
                                .collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(a -> a.id, Function.identity()));
        return deliveries.stream().map(d -> DeliveryView.of(d, d.alertId == null ? null : alerts.get(d.alertId)))
                .toList();
    }

    static UUID parseUuid(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a UUID"));
            return null;
        }
    }

    static Instant parseInstant(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-26T09:00:00Z"));
            return null;
        }
    }
}
