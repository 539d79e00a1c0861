package io.newshound.alert.story;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryStoryStoreTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void findsStoriesByKeyTermAndBucketUntilTheyExpire() {
        InMemoryStoryStore store = new InMemoryStoryStore();
        Story story = story(1, NOON, "ptn", "alsk");
        store.save(story);

        assertThat(store.withKeyTerm("alsk")).containsExactly(story.id());
        assertThat(store.inBucket(1L)).containsExactly(story.id());
        assertThat(store.storiesWithKeyTerm("ptn")).isEqualTo(1);

        assertThat(store.expireLastSeenBefore(NOON.plusSeconds(1))).isEqualTo(1);
        assertThat(store.size()).isZero();
        assertThat(store.withKeyTerm("alsk")).isEmpty();
        assertThat(store.inBucket(1L)).isEmpty();
        assertThat(store.storiesWithKeyTerm("ptn")).isZero();
    }

    @Test
    void keepsStoriesSeenAfterTheCutoff() {
        InMemoryStoryStore store = new InMemoryStoryStore();
        store.save(story(1, NOON.minusSeconds(3600), "ptn"));
        store.save(story(2, NOON, "ptn"));

        assertThat(store.expireLastSeenBefore(NOON.minusSeconds(60))).isEqualTo(1);
        assertThat(store.withKeyTerm("ptn")).containsExactly(id(2));
    }

    @Test
    void stopsListingATermThatTooManyStoriesMentionButKeepsCountingIt() {
        InMemoryStoryStore store = new InMemoryStoryStore(2);
        for (int i = 0; i < 3; i++) {
            store.save(story(i, NOON, "ukrn", "rare" + i));
        }

        assertThat(store.withKeyTerm("ukrn")).isEmpty();
        assertThat(store.storiesWithKeyTerm("ukrn")).isEqualTo(3);
        assertThat(store.withKeyTerm("rare1")).containsExactly(id(1));
    }

    @Test
    void reindexesAStoryWhenItChanges() {
        InMemoryStoryStore store = new InMemoryStoryStore();
        Story before = story(1, NOON, "ptn");
        store.save(before);
        Story after = new Story(before.id(), before.headline(), NOON, NOON.plusSeconds(60), 2, Set.of("B"),
                Set.of("en"), Set.of(), Map.of("trmp", 1), List.of(), Set.of(2L));
        store.save(after);

        assertThat(store.withKeyTerm("ptn")).isEmpty();
        assertThat(store.withKeyTerm("trmp")).containsExactly(before.id());
        assertThat(store.inBucket(1L)).isEmpty();
        assertThat(store.inBucket(2L)).containsExactly(before.id());
        assertThat(store.size()).isEqualTo(1);
    }

    private static Story story(int n, Instant seen, String... terms) {
        Map<String, Integer> keyTerms = new java.util.LinkedHashMap<>();
        for (String term : terms) {
            keyTerms.put(term, 1);
        }
        return new Story(id(n), "headline " + n, seen, seen, 1, Set.of("A"), Set.of("en"), Set.of(), keyTerms,
                List.of(), Set.of((long) n));
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }
}
