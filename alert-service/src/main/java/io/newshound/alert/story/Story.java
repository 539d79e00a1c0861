package io.newshound.alert.story;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One development in the news, as reported by one or more articles: what alerts are about.
 *
 * @param id
 *            stable id: a name-based UUID of the first article's id, so a replay yields the same ids
 * @param headline
 *            the first article's title
 * @param firstSeen
 *            earliest publication time among its articles
 * @param lastSeen
 *            latest publication time among its articles; the story expires one window after it
 * @param articleCount
 *            number of articles assigned
 * @param sources
 *            outlets that reported it, sorted
 * @param languages
 *            languages it was reported in, sorted
 * @param topics
 *            topic slugs seen on its articles, sorted
 * @param keyTerms
 *            key term (see {@link KeyTerms}) to the number of its articles that mention it
 * @param signatures
 *            MinHash signatures of its most recent articles (bounded), for near-duplicate checks
 * @param bandKeys
 *            LSH band keys of those signatures: the buckets the story is found in
 */
public record Story(UUID id, String headline, Instant firstSeen, Instant lastSeen, int articleCount,
        Set<String> sources,
        Set<String> languages, Set<String> topics, Map<String, Integer> keyTerms, List<int[]> signatures,
        Set<Long> bandKeys) {

    public Story {
        sources = Collections.unmodifiableSortedSet(new TreeSet<>(sources));
        languages = Collections.unmodifiableSortedSet(new TreeSet<>(languages));
        topics = Collections.unmodifiableSortedSet(new TreeSet<>(topics));
        // insertion order is part of the state: it breaks ties when the key terms are capped
        keyTerms = Collections.unmodifiableMap(new LinkedHashMap<>(keyTerms));
        signatures = List.copyOf(signatures);
        bandKeys = Collections.unmodifiableSet(new LinkedHashSet<>(bandKeys));
    }
}
