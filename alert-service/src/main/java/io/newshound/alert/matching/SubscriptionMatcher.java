package io.newshound.alert.matching;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.search.Query;

/**
 * Finds the subscriptions a classified article matches, and why.
 * <p>
 * Subscriptions without keyword query live in a {@link TopicIndex} (topic and language lookups, score cut-off by binary
 * search); subscriptions with one live in heap posting lists ({@link TermKeywordIndex}) or, in the tests and benchmark
 * for comparison, a Lucene Monitor, both also pruning on their topic, language and source clauses. Changes apply to
 * both incrementally and are visible to the next match call.
 * <p>
 * Thread safety: any number of threads may call {@link #match(Article)} while changes are made; changes are serialized.
 * During a change a concurrent match sees the old version, the new version or (for that instant) neither, never both.
 */
public final class SubscriptionMatcher implements Closeable {

    /** Keyword queries added in one call from which the query index is merged into one segment afterwards. */
    private static final int COMPACT_AFTER = 1000;

    private final Map<UUID, IndexedSubscription> registry = new ConcurrentHashMap<>();
    private final TopicIndex topicIndex = new TopicIndex();
    private final KeywordQueries keywordIndex;
    private final Interner interner = new Interner();
    private long generation;
    /** Keyword queries currently in the Monitor; counted here because the Monitor's own count scans its index. */
    private volatile int keywordQueryCount;

    /**
     * A matcher using the engine chosen by measurement, heap posting lists ({@link TermKeywordIndex}): at 1,000,000
     * subscriptions it matched about 30 times as many articles per CPU second as a stock Lucene Monitor, with the same
     * matches (see the matching benchmark and the alert-service README).
     */
    public SubscriptionMatcher() {
        this(new TermKeywordIndex());
    }

    /** A matcher holding keyword queries in {@code keywordIndex}: the tests and benchmark compare engines so. */
    SubscriptionMatcher(KeywordQueries keywordIndex) {
        this.keywordIndex = keywordIndex;
    }

    /**
     * Checks that a keyword query parses and compiles, without registering anything.
     *
     * @throws InvalidKeywordQueryException
     *             with the position of the problem
     */
    public static void validateQuery(String query) {
        KeywordQueryParser.parse(query);
    }

    /**
     * Adds a subscription or replaces the one with the same id.
     *
     * @throws InvalidKeywordQueryException
     *             when its keyword query is invalid; the previous version then stays
     */
    public synchronized void put(SubscriptionCriteria subscription) {
        Map<UUID, InvalidKeywordQueryException> rejected = putAll(List.of(subscription));
        if (!rejected.isEmpty()) {
            throw rejected.values().iterator().next();
        }
    }

    /**
     * Adds or replaces many subscriptions at once, e.g. when loading all of them at start-up: much faster than one
     * {@link #put} each.
     *
     * @return the subscriptions left out because their keyword query is invalid, by id
     */
    public synchronized Map<UUID, InvalidKeywordQueryException> putAll(Collection<SubscriptionCriteria> subscriptions) {
        Map<UUID, InvalidKeywordQueryException> rejected = new LinkedHashMap<>();
        Map<UUID, Pending> pending = new LinkedHashMap<>();
        for (SubscriptionCriteria subscription : subscriptions) {
            try {
                Query query = null;
                if (subscription.hasQuery()) {
                    query = LuceneMapping.rewritten(LuceneMapping.subscriptionQuery(subscription,
                            LuceneMapping.keywordQuery(KeywordQueryParser.parse(subscription.query()),
                                    LuceneMapping.languageKeys(subscription.languages()))));
                }
                pending.put(subscription.id(),
                        new Pending(new IndexedSubscription(subscription, ++generation, interner), query));
            } catch (InvalidKeywordQueryException e) {
                rejected.put(subscription.id(), e);
            }
        }
        List<IndexedSubscription> previous = new ArrayList<>();
        List<IndexedSubscription> topicOnly = new ArrayList<>();
        List<KeywordQueries.Registration> keywordQueries = new ArrayList<>();
        for (Pending next : pending.values()) {
            IndexedSubscription old = registry.get(next.subscription.id);
            if (old != null) {
                old.retired = true;
                previous.add(old);
                keywordQueryCount -= inMonitor(old);
            }
            keywordQueryCount += inMonitor(next.subscription);
            registry.put(next.subscription.id, next.subscription);
            if (next.subscription.paused) {
                continue;
            }
            if (next.query != null) {
                keywordQueries.add(new KeywordQueries.Registration(next.subscription.monitorId(), next.query,
                        next.subscription.generation));
            } else {
                topicOnly.add(next.subscription);
            }
        }
        topicIndex.addAll(topicOnly);
        keywordIndex.register(keywordQueries);
        Set<String> replaced = new HashSet<>();
        keywordQueries.forEach(query -> replaced.add(query.id()));
        unindex(previous, replaced);
        if (keywordQueries.size() >= COMPACT_AFTER) {
            keywordIndex.compact();
        }
        return rejected;
    }

    /** Removes a subscription; unknown ids are ignored. */
    public synchronized void remove(UUID subscriptionId) {
        IndexedSubscription old = registry.get(subscriptionId);
        if (old == null) {
            return;
        }
        old.retired = true;
        registry.remove(subscriptionId);
        keywordQueryCount -= inMonitor(old);
        unindex(List.of(old), Set.of());
    }

    /**
     * Counters for monitoring: subscriptions held, keyword queries in the Monitor, and since start the keyword
     * candidates the presearcher passed and how many of them matched.
     */
    public Statistics statistics() {
        return new Statistics(registry.size(), keywordQueryCount, keywordIndex.candidates(), keywordIndex.matches());
    }

    /**
     * Matcher counters.
     *
     * @param subscriptions
     *            subscriptions held, paused ones included
     * @param keywordQueries
     *            queries registered in the Monitor
     * @param keywordCandidates
     *            keyword subscriptions checked against an article since start
     * @param keywordMatches
     *            those that matched (before the topic score check)
     */
    public record Statistics(int subscriptions, int keywordQueries, long keywordCandidates, long keywordMatches) {
    }

    /** Number of subscriptions held, paused ones included. */
    public int size() {
        return registry.size();
    }

    /**
     * The subscriptions the article matches, each with the topics and keyword hits that made it match. Paused
     * subscriptions never match.
     */
    public List<SubscriptionMatch> match(Article article) {
        ArticleView view = new ArticleView(article);
        List<SubscriptionMatch> matches = new ArrayList<>();
        topicIndex.collect(view, matches);
        if (keywordQueryCount > 0) {
            keywordIndex.collect(view, registry, matches);
        }
        return matches;
    }

    @Override
    public void close() {
        keywordIndex.close();
    }

    private static int inMonitor(IndexedSubscription subscription) {
        return subscription.keywordQuery && !subscription.paused ? 1 : 0;
    }

    /** Takes old versions out of the indexes; keyword queries already replaced by a new registration stay. */
    private void unindex(List<IndexedSubscription> subscriptions, Set<String> replacedInMonitor) {
        List<String> monitorIds = new ArrayList<>();
        for (IndexedSubscription subscription : subscriptions) {
            if (subscription.paused) {
                continue;
            }
            if (subscription.keywordQuery) {
                if (!replacedInMonitor.contains(subscription.monitorId())) {
                    monitorIds.add(subscription.monitorId());
                }
            } else {
                topicIndex.remove(subscription);
            }
        }
        keywordIndex.delete(monitorIds);
    }

    private record Pending(IndexedSubscription subscription, Query query) {
    }
}
