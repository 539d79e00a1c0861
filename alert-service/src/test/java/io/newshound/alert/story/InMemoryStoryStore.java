package io.newshound.alert.story;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Heap-backed {@link StoryStore}. Not thread-safe: {@link StoryGrouper} serialises access.
 *
 * <p>
 * Posting lists are capped: once a key term is mentioned by more than {@code maxPostings} live stories ("Ukraine"
 * during a war) its list is dropped and it is only counted, because a term that common neither finds a story nor tells
 * stories apart, and scanning its list would make each lookup linear again. The term is indexed afresh once no live
 * story mentions it.
 */
public final class InMemoryStoryStore implements StoryStore {

    /** Oldest last-seen first; the id breaks ties so that distinct stories never compare equal. */
    private static final Comparator<Story> EXPIRY_ORDER = Comparator.comparing(Story::lastSeen)
            .thenComparing(Story::id);

    private final int maxPostings;
    private final Map<UUID, Story> stories = new HashMap<>();
    private final TreeSet<Story> byLastSeen = new TreeSet<>(EXPIRY_ORDER);
    private final Map<String, Set<UUID>> termPostings = new HashMap<>();
    private final Map<String, Integer> termCounts = new HashMap<>();
    private final Set<String> saturatedTerms = new HashSet<>();
    private final Map<Long, Set<UUID>> bucketPostings = new HashMap<>();

    /** A store whose term posting lists hold at most {@code maxPostings} stories. */
    public InMemoryStoryStore(int maxPostings) {
        this.maxPostings = maxPostings;
    }

    /** A store with posting lists of at most 2,000 stories. */
    public InMemoryStoryStore() {
        this(2_000);
    }

    @Override
    public Optional<Story> find(UUID id) {
        return Optional.ofNullable(stories.get(id));
    }

    @Override
    public Collection<UUID> withKeyTerm(String term) {
        Set<UUID> ids = termPostings.get(term);
        return ids == null ? List.of() : ids;
    }

    @Override
    public Collection<UUID> inBucket(long bandKey) {
        Set<UUID> ids = bucketPostings.get(bandKey);
        return ids == null ? List.of() : ids;
    }

    @Override
    public int storiesWithKeyTerm(String term) {
        return termCounts.getOrDefault(term, 0);
    }

    @Override
    public int size() {
        return stories.size();
    }

    @Override
    public void save(Story story) {
        Story previous = stories.put(story.id(), story);
        if (previous != null) {
            byLastSeen.remove(previous);
            for (String term : previous.keyTerms().keySet()) {
                if (!story.keyTerms().containsKey(term)) {
                    unindexTerm(term, story.id());
                }
            }
            for (Long key : previous.bandKeys()) {
                if (!story.bandKeys().contains(key)) {
                    unindexBucket(key, story.id());
                }
            }
        }
        byLastSeen.add(story);
        for (String term : story.keyTerms().keySet()) {
            if (previous == null || !previous.keyTerms().containsKey(term)) {
                indexTerm(term, story.id());
            }
        }
        for (Long key : story.bandKeys()) {
            bucketPostings.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).add(story.id());
        }
    }

    @Override
    public int expireLastSeenBefore(Instant cutoff) {
        int removed = 0;
        while (!byLastSeen.isEmpty() && byLastSeen.first().lastSeen().isBefore(cutoff)) {
            Story story = byLastSeen.pollFirst();
            stories.remove(story.id());
            story.keyTerms().keySet().forEach(term -> unindexTerm(term, story.id()));
            story.bandKeys().forEach(key -> unindexBucket(key, story.id()));
            removed++;
        }
        return removed;
    }

    private void indexTerm(String term, UUID id) {
        int count = termCounts.merge(term, 1, Integer::sum);
        if (saturatedTerms.contains(term)) {
            return;
        }
        if (count > maxPostings) {
            saturatedTerms.add(term);
            termPostings.remove(term);
            return;
        }
        termPostings.computeIfAbsent(term, k -> new LinkedHashSet<>(4)).add(id);
    }

    private void unindexTerm(String term, UUID id) {
        Integer count = termCounts.merge(term, -1, Integer::sum);
        if (count != null && count <= 0) {
            termCounts.remove(term);
            saturatedTerms.remove(term);
        }
        Set<UUID> ids = termPostings.get(term);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                termPostings.remove(term);
            }
        }
    }

    private void unindexBucket(long key, UUID id) {
        Set<UUID> ids = bucketPostings.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                bucketPostings.remove(key);
            }
        }
    }
}
