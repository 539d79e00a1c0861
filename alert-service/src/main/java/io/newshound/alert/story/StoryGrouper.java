package io.newshound.alert.story;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Assigns each incoming article to the live story it reports on, or starts a new story.
 *
 * <p>
 * Candidates come from two indexes only: LSH buckets of the article's MinHash signature (near-duplicates: wire copy and
 * light rewrites) and the posting lists of its rarest key terms (names, places, numbers, written the same way across
 * scripts by {@link KeyTerms}). Each candidate within the time window is scored:
 * <ul>
 * <li>an estimated shingle Jaccard similarity of at least {@code nearDuplicateThreshold} with one of the story's recent
 * articles joins outright;</li>
 * <li>otherwise {@code keyTermWeight * keyTerms + topicWeight * topics}, where the key-term part is the geometric mean
 * of how much of the article's and of the story's rarity-weighted key terms the two share, and the topic part the
 * Jaccard similarity of their topic slugs (topics alone never join: a war produces many stories with one topic); the
 * best candidate above {@code joinThreshold} with at least {@code minSharedKeyTerms} shared terms wins.</li>
 * </ul>
 * Two corrections keep apart developments that share venue, actors and topic: content words (lower-case words that say
 * what happened: "fined" against "investigation", "warplanes struck" against "missile hit") add to or take from the
 * score against a story with an article in the same language (a disagreement up to twice as much when the story was
 * last seen a day before), and a story last seen up to a day before the article loses score in proportion to the key
 * terms the two do not agree on, since a follow-up repeats the names of its story and a new development nearby does
 * not. Rare content words shared with a story may stand in for one missing shared key term, for thin reports in another
 * script. Key terms are weighted by inverse story frequency, so "Ukraine" during a war counts little and "Zaporizhzhia"
 * or "#340" a lot: two ceasefires in different places share the topic and the common names but not the rare ones.
 * Before any scoring, a story whose headline names another site than the article (another city or port, another kind of
 * target) that neither mentions at all is no candidate, near-duplicate wording included ({@link EventSites}): two
 * strikes the same night, written up by one outlet from one template, differ in little else.
 *
 * <p>
 * Time is event time: the newest publication time seen drives expiry, so replaying the same articles in the same order
 * gives the same stories with the same ids. Calls are serialised.
 */
public final class StoryGrouper {

    /**
     * Added to the score of a story whose headline names the same place and the same kind of target as the article,
     * which also lifts the key-term floor: a report in another language of a strike on one plant shares the place and
     * little else that a skeleton can match. Measured on the development part: 0.15 joins the Ukrainian and German
     * reports of the sites part without a wrong merge anywhere in the set.
     */
    static final double SAME_SITE_BONUS = 0.15;
    /** Story headlines whose sites are kept read: more than the live stories of a busy day. */
    private static final int HEADLINE_SITES_CACHED = 200_000;

    private final StoryStore store;
    private final StoryGroupingSettings settings;
    private final MinHash minHash;
    /**
     * The sites each candidate story's headline names, which never change: read once per story rather than once per
     * candidate, since a busy night makes the same stories candidates of most articles. Bounded, oldest use first out.
     */
    private final Map<UUID, EventSites> headlineSites = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, EventSites> eldest) {
            return size() > HEADLINE_SITES_CACHED;
        }
    };
    private Instant watermark = Instant.EPOCH;

    public StoryGrouper(StoryStore store, StoryGroupingSettings settings) {
        this.store = store;
        this.settings = settings;
        this.minHash = new MinHash(settings.bands(), settings.rows(), settings.shingleSize());
    }

    /**
     * Puts the article into a story and reports what changed.
     *
     * @param article
     *            a classified article
     * @return the story it now belongs to, whether that story is new, and what the article added
     */
    public StoryAssignment assign(StoryArticle article) {
        return assign(fingerprint(article));
    }

    /** {@link #assign(StoryArticle)} of an article whose fingerprint was taken already. */
    synchronized StoryAssignment assign(Fingerprint fingerprint) {
        StoryArticle article = fingerprint.article();
        if (article.publishedAt().isAfter(watermark)) {
            watermark = article.publishedAt();
            store.expireLastSeenBefore(watermark.minus(settings.window()));
        }
        List<String> terms = new ArrayList<>(fingerprint.keyTerms);
        terms.addAll(fingerprint.contentWords);
        store.countKeyTerms(terms);
        Scored best = null;
        Map<String, Double> idf = new HashMap<>();
        for (Story candidate : candidates(fingerprint)) {
            Scored scored = score(fingerprint, candidate, idf);
            if (scored != null && (best == null || scored.isBetterThan(best))) {
                best = scored;
            }
        }
        if (best == null) {
            Story story = start(article, fingerprint);
            store.save(story);
            return new StoryAssignment(story, true, story.topics(), story.sources(), story.languages(),
                    StoryAssignment.Match.NEW_STORY, 1.0);
        }
        Story before = best.story;
        Story after = extend(before, article, fingerprint);
        store.save(after);
        return new StoryAssignment(after, false, added(before.topics(), after.topics()),
                added(before.sources(), after.sources()), added(before.languages(), after.languages()), best.match,
                best.score);
    }

    /** The key terms, topics and near-duplicate signature of an article. */
    Fingerprint fingerprint(StoryArticle article) {
        int[] signature = minHash.signature(article.title() + "\n" + article.body());
        Set<String> topics = new TreeSet<>();
        article.topics().forEach((slug, score) -> {
            if (score != null && score >= settings.minTopicScore()) {
                topics.add(slug);
            }
        });
        return new Fingerprint(article, KeyTerms.of(article.title(), article.body(), article.language()),
                KeyTerms.contentWords(article.title(), article.body(), article.language()), topics, signature,
                minHash.bandKeys(signature), EventSites.ofArticle(article.title(), article.body()));
    }

    private List<Story> candidates(Fingerprint fingerprint) {
        Set<UUID> nearDuplicates = new LinkedHashSet<>(store.inBuckets(fingerprint.bandKeys));
        List<String> lookup = new ArrayList<>(fingerprint.keyTerms);
        lookup.removeIf(term -> KeyTerms.isGeneric(term) || store.storiesWithKeyTerm(term) == 0);
        lookup.sort(Comparator.comparingInt(store::storiesWithKeyTerm).thenComparing(Comparator.naturalOrder()));
        List<String> used = new ArrayList<>();
        int visited = 0;
        for (String term : lookup) {
            int postings = store.storiesWithKeyTerm(term);
            // rarest first; stop before a common term would blow the budget: it would not tell stories apart anyway
            if (used.size() == settings.lookupTerms()
                    || (!used.isEmpty() && visited + postings > settings.lookupPostings())) {
                break;
            }
            used.add(term);
            visited += postings;
        }
        Map<UUID, Integer> hits = new HashMap<>();
        Map<String, Collection<UUID>> postings = store.withKeyTerms(used);
        for (String term : used) {
            for (UUID id : postings.getOrDefault(term, List.of())) {
                hits.merge(id, 1, Integer::sum);
            }
        }
        // keep the maxCandidates stories sharing most lookup terms (ties: smaller id) without sorting them all
        Comparator<Map.Entry<UUID, Integer>> weakerFirst = (a, b) -> {
            int byHits = Integer.compare(a.getValue(), b.getValue());
            return byHits != 0 ? byHits : b.getKey().compareTo(a.getKey());
        };
        PriorityQueue<Map.Entry<UUID, Integer>> top = new PriorityQueue<>(settings.maxCandidates() + 1, weakerFirst);
        for (Map.Entry<UUID, Integer> hit : hits.entrySet()) {
            if (!nearDuplicates.contains(hit.getKey())) {
                top.add(hit);
                if (top.size() > settings.maxCandidates()) {
                    top.poll();
                }
            }
        }
        List<UUID> ids = new ArrayList<>(nearDuplicates);
        ids.sort(Comparator.naturalOrder());
        List<Map.Entry<UUID, Integer>> byHits = new ArrayList<>(top);
        byHits.sort(weakerFirst.reversed());
        byHits.forEach(hit -> ids.add(hit.getKey()));
        return store.findAll(ids);
    }

    private Scored score(Fingerprint fingerprint, Story story, Map<String, Double> idfs) {
        Instant publishedAt = fingerprint.article.publishedAt();
        Duration window = settings.window();
        if (publishedAt.isAfter(story.lastSeen().plus(window))
                || publishedAt.isBefore(story.firstSeen().minus(window))) {
            return null;
        }
        EventSites storySites = fingerprint.sites.isKnown()
                ? headlineSites.computeIfAbsent(story.id(), id -> EventSites.ofHeadline(story.headline()))
                        .withKeyTerms(story.keyTerms().keySet())
                : EventSites.none();
        if (fingerprint.sites.contradicts(storySites)) {
            // another place or another target: another development, however much topic, source and wording agree
            return null;
        }
        boolean sameSite = fingerprint.sites.agrees(storySites);
        double nearDuplicate = 0;
        for (int[] signature : story.signatures()) {
            nearDuplicate = Math.max(nearDuplicate, MinHash.similarity(fingerprint.signature, signature));
        }
        if (nearDuplicate >= settings.nearDuplicateThreshold()) {
            return new Scored(story, StoryAssignment.Match.NEAR_DUPLICATE, 1.0 + nearDuplicate);
        }
        int liveStories = store.size();
        double articleWeight = 0;
        double articleShared = 0;
        int shared = 0;
        for (String term : fingerprint.keyTerms) {
            double idf = idfs.computeIfAbsent(term, t -> weight(t, liveStories));
            articleWeight += idf;
            if (story.keyTerms().containsKey(term)) {
                articleShared += idf;
                if (!KeyTerms.isGeneric(term)) {
                    shared++;
                }
            }
        }
        if (shared == settings.minSharedKeyTerms() - 1
                && sharedRareWords(fingerprint, story, liveStories) >= settings.rareWordsForKeyTerm()) {
            // one name in common, but also words few live stories use ("cyberattack"): a thin report, often in
            // another script, of the same development rather than a different one with the same name
            shared++;
        } else if (shared == settings.minSharedKeyTerms() - 1 && sameSite) {
            // one name in common, and that name is the place where both say the same kind of target was hit: a
            // report in another language ("ТЕЦ у Харкові", "Heizkraftwerk in Charkiw") shares little else to count
            shared++;
        }
        if (shared < settings.minSharedKeyTerms() || articleWeight == 0) {
            return null;
        }
        double topics = overlap(fingerprint.topics, story.topics());
        double dayApart = daysApart(publishedAt, story);
        double content = content(fingerprint, story, liveStories, idfs);
        if (content < 0) {
            // a day later, wording that disagrees with the story's says more: a new development with the same actors
            // (a speech after a meeting); agreeing wording says no more than on the day (two finals share theirs)
            content *= 1 + dayApart;
        }
        // the story side can at best be fully covered: skip the walk over its terms when even that cannot join
        double keyTermsAtBest = Math.sqrt(articleShared / articleWeight);
        double site = sameSite ? SAME_SITE_BONUS : 0;
        double atBest = settings.keyTermWeight() * keyTermsAtBest + settings.topicWeight() * topics + content + site
                - settings.timePenalty() * dayApart * (1 - keyTermsAtBest);
        if (atBest < settings.joinThreshold() || (keyTermsAtBest < settings.minKeyTermScore() && !sameSite)) {
            return null;
        }
        double storyWeight = 0;
        double storyShared = 0;
        for (Map.Entry<String, Integer> entry : story.keyTerms().entrySet()) {
            if (KeyTerms.isContentWord(entry.getKey())) {
                continue;
            }
            double weight = idfs.computeIfAbsent(entry.getKey(), t -> weight(t, liveStories)) * entry.getValue()
                    / story.articleCount();
            storyWeight += weight;
            if (fingerprint.keyTerms.contains(entry.getKey())) {
                storyShared += weight;
            }
        }
        double keyTerms = Math.sqrt((articleShared / articleWeight) * (storyShared / storyWeight));
        if (keyTerms < settings.minKeyTermScore() && !sameSite) {
            return null;
        }
        // a development a day later must agree more on names to join: follow-ups repeat them, a new development at
        // the same place or with the same actors does not
        double score = settings.keyTermWeight() * keyTerms + settings.topicWeight() * topics + content + site
                - settings.timePenalty() * dayApart * (1 - keyTerms);
        return score >= settings.joinThreshold() ? new Scored(story, StoryAssignment.Match.KEY_TERMS, score) : null;
    }

    /**
     * How the article's content words agree with the story's, as a bonus or a malus around {@code contentBaseline}: the
     * rarity-weighted share of the article's content words that the story's articles used too. Content words are
     * compared only when the story has an article in the article's language; across languages they would mostly
     * disagree for lack of a dictionary, so they count for nothing there.
     */
    private double content(Fingerprint fingerprint, Story story, int liveStories, Map<String, Double> idfs) {
        if (settings.contentWeight() == 0 || fingerprint.contentWords.isEmpty()
                || !story.languages().contains(fingerprint.article.language())) {
            return 0;
        }
        double weight = 0;
        double shared = 0;
        for (String word : fingerprint.contentWords) {
            double idf = idfs.computeIfAbsent(word, t -> weight(t, liveStories));
            weight += idf;
            if (story.keyTerms().containsKey(word)) {
                shared += idf;
            }
        }
        return settings.contentWeight() * (shared / weight - settings.contentBaseline());
    }

    /**
     * Content words of at least three skeleton letters that the article shares with the story and that at most 1% of
     * live stories (at least two) use.
     */
    private int sharedRareWords(Fingerprint fingerprint, Story story, int liveStories) {
        int rareAt = Math.max(2, liveStories / 100);
        int rare = 0;
        for (String word : fingerprint.contentWords) {
            if (word.length() > 3 && story.keyTerms().containsKey(word) && store.storiesWithKeyTerm(word) <= rareAt) {
                rare++;
            }
        }
        return rare;
    }

    /** How far the article comes after the story's latest article, in days, at most one. */
    private static double daysApart(Instant publishedAt, Story story) {
        double hours = Duration.between(story.lastSeen(), publishedAt).toMinutes() / 60.0;
        return Math.min(1.0, Math.max(0.0, hours) / 24.0);
    }

    /** Inverse story frequency, scaled down for generic words. */
    private double weight(String term, int liveStories) {
        double idf = Math.log(1.0 + (liveStories + 1.0) / (store.storiesWithKeyTerm(term) + 1.0));
        return KeyTerms.isGeneric(term) ? idf * settings.genericTermWeight() : idf;
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String slug : a) {
            if (b.contains(slug)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }

    private Story start(StoryArticle article, Fingerprint fingerprint) {
        UUID id = UUID.nameUUIDFromBytes(("story:" + article.articleId()).getBytes(StandardCharsets.UTF_8));
        Map<String, Integer> keyTerms = new LinkedHashMap<>();
        fingerprint.keyTerms.forEach(term -> keyTerms.put(term, 1));
        fingerprint.contentWords.forEach(word -> keyTerms.put(word, 1));
        return new Story(id, article.title(), article.publishedAt(), article.publishedAt(), 1,
                nonBlank(article.source()), nonBlank(article.language()), fingerprint.topics,
                capped(keyTerms), List.of(fingerprint.signature), bandKeys(List.of(fingerprint.signature)));
    }

    private Story extend(Story story, StoryArticle article, Fingerprint fingerprint) {
        Map<String, Integer> keyTerms = new LinkedHashMap<>(story.keyTerms());
        fingerprint.keyTerms.forEach(term -> keyTerms.merge(term, 1, Integer::sum));
        fingerprint.contentWords.forEach(word -> keyTerms.merge(word, 1, Integer::sum));
        List<int[]> signatures = new ArrayList<>(story.signatures());
        signatures.add(fingerprint.signature);
        while (signatures.size() > settings.signaturesPerStory()) {
            signatures.remove(0);
        }
        Instant first = article.publishedAt().isBefore(story.firstSeen()) ? article.publishedAt() : story.firstSeen();
        Instant last = article.publishedAt().isAfter(story.lastSeen()) ? article.publishedAt() : story.lastSeen();
        return new Story(story.id(), story.headline(), first, last, story.articleCount() + 1,
                union(story.sources(), nonBlank(article.source())),
                union(story.languages(), nonBlank(article.language())), union(story.topics(), fingerprint.topics),
                capped(keyTerms), signatures, bandKeys(signatures));
    }

    /**
     * Keeps the most frequent names and, separately, the most frequent content words; ties go to the term seen first,
     * so the cut is deterministic.
     */
    private Map<String, Integer> capped(Map<String, Integer> terms) {
        Map<String, Integer> names = new LinkedHashMap<>();
        Map<String, Integer> words = new LinkedHashMap<>();
        terms.forEach((term, count) -> (KeyTerms.isContentWord(term) ? words : names).put(term, count));
        Map<String, Integer> kept = capped(names, settings.keyTermsPerStory());
        kept.putAll(capped(words, settings.contentWordsPerStory()));
        return kept;
    }

    private static Map<String, Integer> capped(Map<String, Integer> keyTerms, int limit) {
        if (keyTerms.size() <= limit) {
            return keyTerms;
        }
        List<String> order = new ArrayList<>(keyTerms.keySet());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        order.sort(Comparator.<String>comparingInt(keyTerms::get).reversed().thenComparingInt(position::get));
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (String term : order.subList(0, limit)) {
            kept.put(term, keyTerms.get(term));
        }
        return kept;
    }

    private Set<Long> bandKeys(List<int[]> signatures) {
        Set<Long> keys = new LinkedHashSet<>();
        for (int[] signature : signatures) {
            for (long key : minHash.bandKeys(signature)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static Set<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Set.of() : Set.of(value);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> added(Set<String> before, Set<String> after) {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        return added;
    }

    /** What grouping compares of an article. */
    record Fingerprint(StoryArticle article, Set<String> keyTerms, Set<String> contentWords, Set<String> topics,
            int[] signature, long[] bandKeys, EventSites sites) {

        /**
         * The index keys through which this article can find a story, or a story started by it be found: every LSH band
         * key and every key term that is not generic (generic terms never count as shared). Two articles that can end
         * up in one story share at least one of them.
         */
        Set<String> candidateKeys() {
            Set<String> keys = new TreeSet<>();
            for (long band : bandKeys) {
                keys.add("band:" + band);
            }
            for (String term : keyTerms) {
                if (!KeyTerms.isGeneric(term)) {
                    keys.add("term:" + term);
                }
            }
            return keys;
        }
    }

    private record Scored(Story story, StoryAssignment.Match match, double score) {

        /** Higher score wins; on a tie the older story, then the smaller id, so the choice is deterministic. */
        boolean isBetterThan(Scored other) {
            if (score != other.score) {
                return score > other.score;
            }
            int byAge = story.firstSeen().compareTo(other.story.firstSeen());
            return byAge != 0 ? byAge < 0 : story.id().compareTo(other.story.id()) < 0;
        }
    }
}
