package io.newshound.alert.intake;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.alert.config.InboxConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Forgets processed event ids after a while, so the inbox does not grow forever. An event redelivered after that still
 * raises no second alert: an article joins its story and each alert thread only once.
 */
@ApplicationScoped
public class InboxRetention {

    private final EntityManager em;
    private final Duration retention;

    public InboxRetention(EntityManager em, InboxConfig config) {
        this.em = em;
        this.retention = config.retention();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge(Instant.now().minus(retention));
    }

    /**
     * @return the number of event ids forgotten: those received before {@code before}
     */
    @Transactional
    public int purge(Instant before) {
        int n = em.createNativeQuery("delete from inbox where received_at < ?1").setParameter(1, before)
                .executeUpdate();
        if (n > 0) {
            Log.infof("Inbox: forgot %d event ids received before %s", n, before);
        }
        return n;
    }
}
