package io.newshound.alert.delivery.notification;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.platform.problem.ProblemException;

/** Decides whose notifications a stream or feed request reads, and parses its position. */
@RequestScoped
public class NotificationReaders {

    /** Whose log to read, and the subscription to keep (null: all of the tenant's). */
    public record Reader(String tenantId, UUID subscriptionId) {
    }

    private final CurrentTenant caller;
    private final EntityManager em;
    private final Notifications notifications;

    public NotificationReaders(CurrentTenant caller, EntityManager em, Notifications notifications) {
        this.caller = caller;
        this.em = em;
        this.notifications = notifications;
    }

    /**
     * @param tenantId
     *            only admins may name a tenant other than their own
     * @param subscriptionId
     *            must be one of that tenant's subscriptions
     * @throws ProblemException
     *             404 for another tenant's subscription or tenant, 400 for a malformed id
     */
    @Transactional
    public Reader reader(String tenantId, String subscriptionId) {
        String tenant = caller.id();
        if (tenantId != null && !tenantId.isBlank() && !tenantId.equals(tenant)) {
            if (!caller.admin()) {
                throw ProblemException.notFound("Tenant", tenantId);
            }
            tenant = tenantId;
        }
        if (subscriptionId == null || subscriptionId.isBlank()) {
            return new Reader(tenant, null);
        }
        UUID id;
        try {
            id = UUID.fromString(subscriptionId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("subscriptionId", "must be a UUID");
        }
        long owned = ((Number) em
                .createNativeQuery("select count(*) from subscription where id = ?1 and tenant_id = ?2")
                .setParameter(1, id).setParameter(2, tenant).getSingleResult()).longValue();
        if (owned == 0) {
            throw ProblemException.notFound("Subscription", id);
        }
        return new Reader(tenant, id);
    }

    /** @return the position of the reader's tenant's newest entry */
    public long head(Reader reader) {
        return notifications.head(reader.tenantId());
    }

    /**
     * @return the seq a stream event id or feed cursor stands for
     * @throws ProblemException
     *             400 naming {@code field} when it is not one
     */
    public static long seq(String field, String value) {
        try {
            long seq = Long.parseLong(value.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(field, "must be an event id or cursor this service gave out");
    }
}
