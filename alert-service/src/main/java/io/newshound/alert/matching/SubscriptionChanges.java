package io.newshound.alert.matching;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Records that a subscription changed, in the transaction that changes it, so that every replica's matcher (see
 * {@link SubscriptionIndex}) applies the change once it is committed, and only then.
 */
@ApplicationScoped
public class SubscriptionChanges {

    /**
     * Advisory lock taken by every writer of {@code subscription_change} until its commit: ids then commit in the order
     * they were drawn, so a reader that has seen id n never misses a smaller id committed later. Subscription changes
     * are rare; making them take turns costs nothing noticeable.
     */
    static final long WRITE_LOCK = 0x5375_6273_4368_616EL;

    private final EntityManager em;
    private final Event<Committed> committed;

    public SubscriptionChanges(EntityManager em, Event<Committed> committed) {
        this.em = em;
        this.committed = committed;
    }

    /** Fired after the transaction that recorded a change committed, so this replica can apply it before answering. */
    public record Committed(UUID subscriptionId) {
    }

    /** Records a change of the subscription; it reaches the matchers after the current transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID subscriptionId) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, WRITE_LOCK).getSingleResult();
        em.createNativeQuery("insert into subscription_change (subscription_id) values (?1)")
                .setParameter(1, subscriptionId).executeUpdate();
        committed.fire(new Committed(subscriptionId));
    }
}
