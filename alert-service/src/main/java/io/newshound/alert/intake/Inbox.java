package io.newshound.alert.intake;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers processed event ids. Inserting the id first, in the same transaction as the effects, makes a consumer
 * idempotent: a redelivered event finds its id taken and does nothing; two concurrent copies serialise on the key.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager em;

    public Inbox(EntityManager em) {
        this.em = em;
    }

    /** @return true if this is the first time the event is seen (its id is now recorded), false if already done */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String eventType) {
        return em.createNativeQuery(
                "insert into inbox (event_id, event_type) values (?1, ?2) on conflict (event_id) do nothing")
                .setParameter(1, eventId).setParameter(2, eventType).executeUpdate() == 1;
    }
}
