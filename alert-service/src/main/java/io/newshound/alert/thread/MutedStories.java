package io.newshound.alert.thread;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.story.StoryQueries;
import io.newshound.platform.problem.ProblemException;

/** Stories a subscription does not want to hear about: a muted story raises neither alerts nor updates for it. */
@ApplicationScoped
public class MutedStories {

    private final EntityManager em;
    private final CurrentTenant tenant;
    private final StoryQueries stories;
    private final AlertThreads threads;

    public MutedStories(EntityManager em, CurrentTenant tenant, StoryQueries stories, AlertThreads threads) {
        this.em = em;
        this.tenant = tenant;
        this.stories = stories;
        this.threads = threads;
    }

    /** A muted story. */
    public record Muted(UUID storyId, Instant mutedAt) {
    }

    /**
     * Mutes the story for the subscription; muting twice is the same as once. What waits on the subscription's alert
     * for the story is dropped.
     *
     * @throws ProblemException
     *             404 when the caller has no such active subscription, or there is no such story
     */
    @Transactional
    public void mute(UUID subscriptionId, UUID storyId) {
        requireSubscription(subscriptionId);
        // any story may be muted ahead of its first alert, so only its existence is checked
        if (!stories.exists(storyId)) {
            throw ProblemException.notFound("Story", storyId);
        }
        // lock the subscription's alert on the story first, so a revision being made right now either finishes
        // before the mute or sees it
        threads.dropWaiting(subscriptionId, storyId);
        em.createNativeQuery("insert into subscription_muted_story (subscription_id, story_id) values (?1, ?2)"
                + " on conflict do nothing").setParameter(1, subscriptionId).setParameter(2, storyId)
                .executeUpdate();
    }

    /**
     * Unmutes the story: later articles raise alerts and updates again. Unmuting a story that is not muted does
     * nothing.
     *
     * @throws ProblemException
     *             404 when the caller has no such active subscription
     */
    @Transactional
    public void unmute(UUID subscriptionId, UUID storyId) {
        requireSubscription(subscriptionId);
        em.createNativeQuery("delete from subscription_muted_story where subscription_id = ?1 and story_id = ?2")
                .setParameter(1, subscriptionId).setParameter(2, storyId).executeUpdate();
    }

    /**
     * @return the subscription's muted stories, most recently muted first
     * @throws ProblemException
     *             404 when the caller has no such active subscription
     */
    @Transactional
    public List<Muted> list(UUID subscriptionId) {
        requireSubscription(subscriptionId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select story_id, muted_at from subscription_muted_story"
                + " where subscription_id = ?1 order by muted_at desc, story_id").setParameter(1, subscriptionId)
                .getResultList();
        return rows.stream().map(r -> new Muted((UUID) r[0], (Instant) r[1])).toList();
    }

    private void requireSubscription(UUID id) {
        boolean found = !em.createNativeQuery("select 1 from subscription where id = ?1 and deleted_at is null"
                + " and (?2 or tenant_id = ?3)").setParameter(1, id).setParameter(2, tenant.admin())
                .setParameter(3, tenant.id()).getResultList().isEmpty();
        if (!found) {
            throw ProblemException.notFound("Subscription", id);
        }
    }
}
