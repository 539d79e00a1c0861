package io.newshound.alert.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.story.eval.LabelledArticle;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Stories in PostgreSQL: the same grouping as on the heap, one story per development across replicas, pruning. */
@QuarkusTest
class PostgresStoryStoreTest {

    @Inject
    EntityManager em;

    @Inject
    StoryAssigner assigner;

    @Inject
    StoryPruner pruner;

    @Test
    void groupsTheLabelledArticlesExactlyAsTheInMemoryStoreDoes() {
        List<LabelledArticle> articles = new ArrayList<>(LabelledArticle.read("stories/dev.txt"));
        articles.addAll(LabelledArticle.read("stories/heldout.txt"));
        articles.sort((a, b) -> a.article().publishedAt().compareTo(b.article().publishedAt()));
        StoryGroupingSettings settings = StoryGroupingSettings.defaults();
        StoryGrouper onHeap = new StoryGrouper(new InMemoryStoryStore(), settings);
        List<String> expected = new ArrayList<>();
        for (LabelledArticle a : articles) {
            StoryAssignment assignment = onHeap.assign(a.article());
            expected.add(a.name() + " -> " + assignment.story().id() + " " + assignment.match() + " "
                    + assignment.newTopics() + assignment.newSources() + assignment.newLanguages());
        }

        List<String> actual = new ArrayList<>();
        QuarkusTransaction.begin();
        try {
            // this transaction sees no other story: the test's articles are the only live ones; all rolled back
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, StoryAssigner.ASSIGNMENT_LOCK)
                    .getSingleResult();
            em.createNativeQuery("update story set last_seen = timestamptz '1999-01-01', first_seen = timestamptz"
                    + " '1999-01-01'").executeUpdate();
            em.createNativeQuery("update story_key_term set last_seen = timestamptz '1999-01-01'").executeUpdate();
            em.createNativeQuery("update story_band set last_seen = timestamptz '1999-01-01'").executeUpdate();
            em.createNativeQuery("update story_term_count set stories = 0").executeUpdate();
            em.createNativeQuery("update story_window set live_from = timestamptz '2000-01-01', live_stories = 0")
                    .executeUpdate();
            em.unwrap(Session.class).doWork(c -> {
                for (LabelledArticle a : articles) {
                    // a fresh store and grouper per article, as each consumed event gets
                    StoryAssignment assignment = new StoryGrouper(new PostgresStoryStore(c, 2_000), settings)
                            .assign(a.article());
                    actual.add(a.name() + " -> " + assignment.story().id() + " " + assignment.match() + " "
                            + assignment.newTopics() + assignment.newSources() + assignment.newLanguages());
                }
            });
            // the live counts kept along the way (the window moved across months) agree with counting the index
            List<?> drift = em.createNativeQuery("""
                    select coalesce(c.term, k.term) from story_term_count c
                    full join (select term, count(*) as n from story_key_term, story_window w
                               where last_seen >= w.live_from group by term) k on k.term = c.term
                    where coalesce(c.stories, 0) <> coalesce(k.n, 0)""").getResultList();
            assertThat(drift).isEmpty();
            assertThat(((Number) em.createNativeQuery("select live_stories - (select count(*) from story s,"
                    + " story_window v where s.last_seen >= v.live_from) from story_window").getSingleResult())
                    .longValue()).isZero();
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void twoReplicasAssigningAtTheSameTimeStartOneStory() throws Exception {
        // words of their own, so that the two articles are near-duplicates of each other and of no earlier story
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            words.append(i == 0 ? "" : " ").append(UUID.randomUUID().toString(), 0, 8);
        }
        String place = "Quellinburg" + UUID.randomUUID().toString().substring(0, 8);
        String body = words.toString();
        ArticleClassified first = event("Spillways opened at " + place + " dam", body, "Example Wire");
        ArticleClassified second = event(place + " dam opens spillways", body, "Daily Courier");
        CyclicBarrier start = new CyclicBarrier(2);
        CountDownLatch bothAssigned = new CountDownLatch(2);
        AtomicInteger finished = new AtomicInteger();

        List<CompletableFuture<Outcome>> replicas = new ArrayList<>();
        for (ArticleClassified event : List.of(first, second)) {
            replicas.add(CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
                start.await(10, TimeUnit.SECONDS);
                StoryAssigner.Placement placement = assigner.assign(event);
                bothAssigned.countDown();
                // the first to finish keeps its transaction open a little: without the lock the other replica would
                // finish assigning meanwhile
                boolean overlapped = finished.incrementAndGet() == 1 && bothAssigned.await(500, TimeUnit.MILLISECONDS);
                return new Outcome(placement, overlapped);
            })));
        }
        Outcome a = replicas.get(0).get(30, TimeUnit.SECONDS);
        Outcome b = replicas.get(1).get(30, TimeUnit.SECONDS);

        assertThat(a.placement.storyId()).isEqualTo(b.placement.storyId());
        assertThat(List.of(a.placement.assignment().newStory(), b.placement.assignment().newStory()))
                .containsExactlyInAnyOrder(true, false);
        assertThat(a.overlapped || b.overlapped).as("one assignment waited for the other to commit").isFalse();
        long stories = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(distinct story_id) from story_article where article_id in (?1, ?2)")
                .setParameter(1, first.articleId()).setParameter(2, second.articleId()).getSingleResult())
                .longValue());
        assertThat(stories).isEqualTo(1);
    }

    @Test
    void pruningDropsTheGroupingIndexOfStoriesOutsideTheWindowButKeepsTheStory() {
        ArticleClassified event = event("Volcano " + UUID.randomUUID() + " erupts", "Ash over the valley.",
                "Example Wire");
        QuarkusTransaction.begin();
        try {
            UUID storyId = assigner.assign(event).storyId();
            assertThat(rows("select count(*) from story_key_term where story_id = ?1", storyId)).isPositive();
            assertThat(rows("select count(*) from story_band where story_id = ?1", storyId)).isPositive();

            em.createNativeQuery("update story_window set live_from = ?1").setParameter(1,
                    Instant.now().plus(Duration.ofDays(3))).executeUpdate();
            assertThat(pruner.prune()).isPositive();

            assertThat(rows("select count(*) from story_key_term where story_id = ?1", storyId)).isZero();
            assertThat(rows("select count(*) from story_band where story_id = ?1", storyId)).isZero();
            assertThat(rows("select count(*) from story where id = ?1 and signatures is null", storyId)).isOne();
            assertThat(rows("select count(*) from story_article where story_id = ?1", storyId)).isOne();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private long rows(String sql, UUID id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }

    private static ArticleClassified event(String title, String body, String source) {
        UUID articleId = UUID.randomUUID();
        return new ArticleClassified(ArticleClassified.TYPE, UUID.randomUUID(), Instant.now(), articleId, 1,
                new ArticleClassified.Article("https://example.com/" + articleId, title, body, source,
                        Instant.now()),
                "en", List.of(new ArticleClassified.Topic("flood", "Flood", 0.9, List.of())));
    }

    private record Outcome(StoryAssigner.Placement placement, boolean overlapped) {
    }
}
