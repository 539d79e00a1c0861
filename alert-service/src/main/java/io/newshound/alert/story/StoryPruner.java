package io.newshound.alert.story;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.alert.config.StoryConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the grouping tables to the window: stories whose latest article fell out of it can never be joined again, so
 * their key terms, band keys and signatures are deleted. Long after that, stories nobody was alerted about go too.
 *
 * <p>
 * Needs no lock: the window only moves forward and assignment never finds a story behind it, so nothing this deletes is
 * read or written by an assignment running at the same time.
 */
@ApplicationScoped
public class StoryPruner {

    private final EntityManager em;
    private final Duration retention;

    public StoryPruner(EntityManager em, StoryConfig config) {
        this.em = em;
        this.retention = config.retention();
    }

    @Scheduled(every = "${newshound.stories.prune-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune();
    }

    /**
     * Deletes the grouping index of stories outside the window, and stories without alerts or mutes that closed more
     * than the retention ago.
     *
     * @return the number of stories whose index was deleted
     */
    @Transactional
    public int prune() {
        em.createNativeQuery("delete from story_key_term k using story s, story_window w"
                + " where s.id = k.story_id and s.last_seen < w.live_from").executeUpdate();
        em.createNativeQuery("delete from story_band b using story s, story_window w"
                + " where s.id = b.story_id and s.last_seen < w.live_from").executeUpdate();
        em.createNativeQuery("delete from story_term_count where stories <= 0").executeUpdate();
        int closed = em.createNativeQuery("update story s set signatures = null from story_window w"
                + " where s.last_seen < w.live_from and s.signatures is not null").executeUpdate();
        int deleted = em.createNativeQuery("""
                delete from story s using story_window w
                where s.last_seen < w.live_from - cast(?1 as interval)
                  and not exists (select 1 from alert a where a.story_id = s.id)
                  and not exists (select 1 from subscription_muted_story m where m.story_id = s.id)""")
                .setParameter(1, retention.toSeconds() + " seconds").executeUpdate();
        if (closed + deleted > 0) {
            Log.infof("Stories: %d closed (grouping index dropped), %d deleted after retention", closed, deleted);
        }
        return closed;
    }
}
