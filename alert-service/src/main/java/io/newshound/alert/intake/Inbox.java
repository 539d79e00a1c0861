package io.newshound.alert.intake;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

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

    /**
     * Records a batch of event ids in one statement (in id order, so two replicas given overlapping batches during a
     * rebalance cannot deadlock on them).
     *
     * @return the ids seen for the first time (now recorded); an id repeated within the batch counts once
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(Collection<UUID> eventIds, String eventType) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            Set<UUID> inserted = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("""
                    insert into inbox (event_id, event_type)
                    select distinct id, ? from unnest(?::uuid[]) as u(id) order by id
                    on conflict (event_id) do nothing returning event_id""")) {
                s.setString(1, eventType);
                s.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        inserted.add(r.getObject(1, UUID.class));
                    }
                }
            }
            return inserted;
        });
    }

    /** @return true if this is the first time the event is seen (its id is now recorded), false if already done */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String eventType) {
        return em.createNativeQuery(
                "insert into inbox (event_id, event_type) values (?1, ?2) on conflict (event_id) do nothing")
                .setParameter(1, eventId).setParameter(2, eventType).executeUpdate() == 1;
    }
}
