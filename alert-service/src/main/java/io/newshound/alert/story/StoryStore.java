package io.newshound.alert.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where live stories and their lookup indexes are kept. {@code InMemoryStoryStore} (test sources) holds them on the
 * heap; a PostgreSQL implementation keeps the same three tables' worth of state (story, story key term, story band
 * key).
 *
 * <p>
 * Lookups are by index only, so finding candidates for an article costs in proportion to the stories that share a rare
 * key term or an LSH bucket with it, not to the number of live stories.
 */
public interface StoryStore {

    /** The live story with that id. */
    Optional<Story> find(UUID id);

    /**
     * Ids of live stories that mention the key term. Empty when the term is mentioned by so many stories that the store
     * no longer indexes it (see {@link #storiesWithKeyTerm(String)} for its true count).
     */
    Collection<UUID> withKeyTerm(String term);

    /** Ids of live stories with an article whose signature falls into that LSH bucket. */
    Collection<UUID> inBucket(long bandKey);

    /** Ids of live stories with an article in any of those LSH buckets; a store that asks a database asks once. */
    default Set<UUID> inBuckets(long[] bandKeys) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (long key : bandKeys) {
            ids.addAll(inBucket(key));
        }
        return ids;
    }

    /** {@link #withKeyTerm(String)} of each term, by term; a store that asks a database asks once. */
    default Map<String, Collection<UUID>> withKeyTerms(Collection<String> terms) {
        Map<String, Collection<UUID>> postings = new HashMap<>();
        terms.forEach(term -> postings.put(term, withKeyTerm(term)));
        return postings;
    }

    /** The live stories among those ids, in their order; a store that asks a database asks once. */
    default List<Story> findAll(List<UUID> ids) {
        List<Story> stories = new ArrayList<>(ids.size());
        ids.forEach(id -> find(id).ifPresent(stories::add));
        return stories;
    }

    /** How many live stories mention the key term (its document frequency, for weighting). */
    int storiesWithKeyTerm(String term);

    /**
     * Announces the terms whose {@link #storiesWithKeyTerm(String)} will be asked for next, so that a store that counts
     * by query can count them all at once.
     */
    default void countKeyTerms(Collection<String> terms) {
    }

    /** Number of live stories. */
    int size();

    /** Inserts or replaces the story and brings its index entries up to date. */
    void save(Story story);

    /**
     * Removes stories whose {@link Story#lastSeen()} is before the cutoff.
     *
     * @return how many were removed
     */
    int expireLastSeenBefore(Instant cutoff);
}
