package io.newshound.alert.story;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
        // hundreds of assignments in one transaction: more than the default minute on a busy machine
        QuarkusTransaction.begin(QuarkusTransaction.beginOptions().timeout(600));
        try {
            // this transaction sees no other story: the test's articles are the only live ones; all rolled back
            em.createNativeQuery("update story set last_seen = timestamptz '1999-01-01', first_seen = timestamptz"
                    + " '1999-01-01'").executeUpdate();
            em.createNativeQuery("update story_key_term set last_seen = timestamptz '1999-01-01'").executeUpdate();
            em.createNativeQuery("update story_band set last_seen = timestamptz '1999-01-01'").executeUpdate();
            em.createNativeQuery("update story_term_count set stories = 0").executeUpdate();
            em.createNativeQuery("update story_window set live_from = timestamptz '2000-01-01'").executeUpdate();
            em.createNativeQuery("update story_live_count set stories = 0").executeUpdate();
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
            assertThat(
                    ((Number) em
                            .createNativeQuery("select (select sum(stories) from story_live_count) - (select count(*)"
                                    + " from story s, story_window v where s.last_seen >= v.live_from)")
                            .getSingleResult())
                            .longValue())
                    .isZero();
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void twoReplicasAssigningNearDuplicatesAtTheSameTimeStartOneStory() throws Exception {
        // words of their own, so that the two articles are near-duplicates of each other and of no earlier story
        String place = "Quellinburg" + UUID.randomUUID().toString().substring(0, 8);
        String body = freshWords(40);
        assertRacingAssignmentsShareOneStory(event("Spillways opened at " + place + " dam", body, "Example Wire"),
                event(place + " dam opens spillways", body, "Daily Courier"));
    }

    @Test
    void twoReplicasAssigningReportsSharingOnlyNamesAtTheSameTimeStartOneStory() throws Exception {
        // reworded copy, the same rare names: grouped by key terms, not as near-duplicates
        String town = name();
        String dam = name();
        ArticleClassified first = event(dam + " dam spillways opened as " + town + " braces for flood",
                dam + " dam engineers opened the spillways after heavy rain upstream of " + town
                        + ", the regional water authority said. " + town + " residents were told to move to"
                        + " higher ground.",
                "Example Wire");
        ArticleClassified second = event(town + " braces for flood after " + dam + " dam opens spillways",
                town + " residents moved to higher ground after the " + dam + " dam opened its spillways, the"
                        + " regional water authority said, following heavy rain upstream.",
                "Daily Courier");
        // one after the other (on the heap) they are one story, joined by key terms
        StoryGrouper sequential = new StoryGrouper(new InMemoryStoryStore(), StoryGroupingSettings.defaults());
        sequential.assign(StoryAssigner.storyArticle(first));
        assertThat(sequential.assign(StoryAssigner.storyArticle(second)).match())
                .isEqualTo(StoryAssignment.Match.KEY_TERMS);

        assertRacingAssignmentsShareOneStory(first, second);
    }

    @Test
    void assignmentsWithNoKeyInCommonDoNotWaitForEachOther() throws Exception {
        ArticleClassified first = event("Spillways opened at " + name() + " dam", freshWords(40), "Example Wire");
        ArticleClassified second = event("Tremor felt in " + name(), freshWords(40), "Daily Courier");
        // the first holds the locks on its candidate keys in an open transaction while the second assigns
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> em.unwrap(Session.class).doReturningWork(c -> {
                    PostgresStoryStore store = new PostgresStoryStore(c, 2_000);
                    store.lock(new StoryGrouper(store, StoryGroupingSettings.defaults())
                            .fingerprint(StoryAssigner.storyArticle(first)).candidateKeys());
                    firstLocked.countDown();
                    try {
                        return secondDone.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })));
        assertThat(firstLocked.await(20, TimeUnit.SECONDS)).isTrue();
        StoryAssigner.Placement placement = assigner.assign(second);
        secondDone.countDown();

        assertThat(holder.get(30, TimeUnit.SECONDS)).as("the second finished while the first held its locks")
                .isTrue();
        assertThat(placement.assignment().newStory()).isTrue();
    }

    /**
     * Two replicas assign the two articles at once, each in its own transaction (as the consumer does); the one that
     * assigns second must find the first one's story, whichever it is.
     */
    private void assertRacingAssignmentsShareOneStory(ArticleClassified first, ArticleClassified second)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<StoryAssigner.Placement>> replicas = new ArrayList<>();
        for (ArticleClassified event : List.of(first, second)) {
            replicas.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return assigner.assign(event);
            }));
        }
        StoryAssigner.Placement a = replicas.get(0).get(30, TimeUnit.SECONDS);
        StoryAssigner.Placement b = replicas.get(1).get(30, TimeUnit.SECONDS);

        assertThat(a.storyId()).isEqualTo(b.storyId());
        assertThat(List.of(a.assignment().newStory(), b.assignment().newStory()))
                .containsExactlyInAnyOrder(true, false);
        long stories = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(distinct story_id) from story_article where article_id in (?1, ?2)")
                .setParameter(1, first.articleId()).setParameter(2, second.articleId()).getSingleResult())
                .longValue());
        assertThat(stories).isEqualTo(1);
        long articles = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select article_count from story where id = ?1").setParameter(1, a.storyId())
                .getSingleResult()).longValue());
        assertThat(articles).as("neither assignment overwrote the other's").isEqualTo(2);
    }

    /** A place name no other test uses, pronounceable (consonant, vowel, ...) as names in news copy are. */
    private static String name() {
        String consonants = "bdfgklmnprstvz";
        String vowels = "aeiou";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            name.append(consonants.charAt(random.nextInt(consonants.length())))
                    .append(vowels.charAt(random.nextInt(vowels.length())));
        }
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String freshWords(int n) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < n; i++) {
            words.append(i == 0 ? "" : " ").append(UUID.randomUUID().toString(), 0, 8);
        }
        return words.toString();
    }

    @Test
    void pruningDropsTheGroupingIndexOfStoriesOutsideTheWindowButKeepsTheStory() {
        ArticleClassified event = event("Volcano " + name() + " erupts", "ash over the valley. " + freshWords(20),
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

}
