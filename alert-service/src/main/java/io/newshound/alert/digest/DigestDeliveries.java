package io.newshound.alert.digest;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Queues a digest for the subscription's webhook endpoint; the delivery worker sends it like any alert. */
@ApplicationScoped
public class DigestDeliveries {

    private final EntityManager em;

    public DigestDeliveries(EntityManager em) {
        this.em = em;
    }

    /** Inside the transaction that records the digest; the delivery is due at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(UUID digestId, UUID subscriptionId) {
        em.createNativeQuery(
                """
                        insert into delivery (id, tenant_id, digest_id, endpoint_id, status, next_attempt_at, created_at,
                            updated_at)
                        select ?1, s.tenant_id, ?2, s.endpoint_id, 'pending', now(), now(), now() from subscription s where s.id = ?3""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, digestId).setParameter(3, subscriptionId)
                .executeUpdate();
    }
}
