package io.newshound.alert.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Keyword subscriptions in heap posting lists instead of a Monitor. Each query is filed under its anchors (see
 * {@link QueryNode#anchors()}): the terms of its most selective required clause, one of which any matching article has.
 * An article is analysed once into {@link ArticleTerms}; its text terms, topics, language and source forms look up the
 * candidates, and each candidate is decided by evaluating its {@link QueryNode} against the article's terms and
 * positions. No MemoryIndex is built, no presearcher query is run and no Weight is created per candidate, which is
 * where the Monitor spends its time. Queries containing a type {@link QueryNode} does not handle are filed as
 * always-candidates and matched through Lucene on a MemoryIndex built only when such a query comes up.
 * <p>
 * Posting lists are immutable arrays replaced on change (copy on write), so matching threads never lock; a query
 * replaced by a new version may be seen in both versions for an instant, and the registry's generation check reports
 * only the current one.
 */
final class TermKeywordIndex implements KeywordQueries {

    private static final Entry[] NONE = new Entry[0];
    private static final Comparator<SubscriptionMatch.KeywordHit> HIT_ORDER = Comparator
            .comparing(SubscriptionMatch.KeywordHit::field).thenComparingInt(SubscriptionMatch.KeywordHit::start)
            .thenComparingInt(SubscriptionMatch.KeywordHit::end);

    private final Map<String, ConcurrentHashMap<String, Entry[]>> postings = Map.of(LuceneMapping.TEXT,
            new ConcurrentHashMap<>(), LuceneMapping.TOPIC, new ConcurrentHashMap<>(), LuceneMapping.LANGUAGE,
            new ConcurrentHashMap<>(), LuceneMapping.SOURCE, new ConcurrentHashMap<>());
    /** Queries that no term narrows down: checked against every article. */
    private volatile Entry[] unanchored = NONE;
    /** Current entry per query id. Writer thread only. */
    private final Map<String, Entry> byId = new HashMap<>();
    private final Interner interner = new Interner();
    private final LongAdder candidates = new LongAdder();
    private final LongAdder keywordMatches = new LongAdder();

    /** One registered query version and where it is filed. */
    private static final class Entry {
        final UUID subscription;
        final long generation;
        /** Null when the query has a type evaluated by Lucene only. */
        final QueryNode node;
        /** Only kept for queries without node: otherwise the node tree is all that is evaluated. */
        final Query query;
        /** Null: unanchored; empty: never matches and filed nowhere. */
        final QueryNode.Anchors anchors;
        /** Reachable through more than one posting list, so one article may meet it twice. */
        final boolean anchoredMoreThanOnce;

        Entry(Registration registration, Interner interner) {
            this.subscription = UUID.fromString(registration.id());
            this.generation = registration.generation();
            this.node = QueryNode.compile(registration.query(), interner);
            this.query = node == null ? registration.query() : null;
            this.anchors = node == null ? null : node.anchors();
            this.anchoredMoreThanOnce = anchors != null && anchors.size() > 1;
        }
    }

    @Override
    public void register(Collection<Registration> registrations) {
        List<Entry> added = new ArrayList<>(registrations.size());
        List<Entry> replaced = new ArrayList<>();
        for (Registration registration : registrations) {
            Entry entry = new Entry(registration, interner);
            Entry old = byId.put(registration.id(), entry);
            if (old != null) {
                replaced.add(old);
            }
            added.add(entry);
        }
        change(added, true);
        change(replaced, false);
    }

    @Override
    public void delete(List<String> ids) {
        List<Entry> removed = new ArrayList<>(ids.size());
        for (String id : ids) {
            Entry old = byId.remove(id);
            if (old != null) {
                removed.add(old);
            }
        }
        change(removed, false);
    }

    /** Adds entries to or removes them from their posting lists, one copy per list touched. */
    private void change(List<Entry> entries, boolean add) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Map<String, List<Entry>>> byList = new HashMap<>();
        List<Entry> everywhere = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.anchors == null) {
                everywhere.add(entry);
                continue;
            }
            for (int i = 0; i < entry.anchors.size(); i++) {
                byList.computeIfAbsent(entry.anchors.fields()[i], f -> new HashMap<>())
                        .computeIfAbsent(entry.anchors.terms()[i], t -> new ArrayList<>(2)).add(entry);
            }
        }
        byList.forEach((field, terms) -> {
            ConcurrentHashMap<String, Entry[]> lists = postings.get(field);
            terms.forEach((term, changed) -> {
                Entry[] next = add
                        ? appended(lists.getOrDefault(term, NONE), changed)
                        : without(lists.getOrDefault(term, NONE), changed);
                if (next.length == 0) {
                    lists.remove(term);
                } else {
                    lists.put(term, next);
                }
            });
        });
        if (!everywhere.isEmpty()) {
            unanchored = add ? appended(unanchored, everywhere) : without(unanchored, everywhere);
        }
    }

    private static Entry[] appended(Entry[] list, List<Entry> more) {
        Entry[] next = Arrays.copyOf(list, list.length + more.size());
        for (int i = 0; i < more.size(); i++) {
            next[list.length + i] = more.get(i);
        }
        return next;
    }

    private static Entry[] without(Entry[] list, List<Entry> gone) {
        Set<Entry> remove = gone.size() > 4 ? new HashSet<>(gone) : null;
        List<Entry> kept = new ArrayList<>(list.length);
        for (Entry entry : list) {
            if (remove != null ? !remove.contains(entry) : !gone.contains(entry)) {
                kept.add(entry);
            }
        }
        return kept.toArray(NONE);
    }

    @Override
    public void compact() {
        // posting lists are exact-size arrays already
    }

    @Override
    public long candidates() {
        return candidates.sum();
    }

    @Override
    public long matches() {
        return keywordMatches.sum();
    }

    @Override
    public void collect(ArticleView view, Map<UUID, IndexedSubscription> registry, List<SubscriptionMatch> matches) {
        Article article = view.article;
        Check check = new Check(new ArticleTerms(article), view, registry, matches);
        ConcurrentHashMap<String, Entry[]> text = postings.get(LuceneMapping.TEXT);
        if (!text.isEmpty()) {
            for (String term : check.terms.text.keySet()) {
                check.all(text.get(term));
            }
        }
        ConcurrentHashMap<String, Entry[]> topics = postings.get(LuceneMapping.TOPIC);
        for (String topic : check.terms.topics) {
            check.all(topics.get(topic));
        }
        ConcurrentHashMap<String, Entry[]> sources = postings.get(LuceneMapping.SOURCE);
        for (String source : check.terms.sources) {
            check.all(sources.get(source));
        }
        if (check.terms.language != null) {
            check.all(postings.get(LuceneMapping.LANGUAGE).get(check.terms.language));
        }
        check.all(unanchored);
        candidates.add(check.candidates);
        keywordMatches.add(check.matched);
    }

    /** The candidates of one article. */
    private static final class Check {

        final ArticleTerms terms;
        final ArticleView view;
        final Map<UUID, IndexedSubscription> registry;
        final List<SubscriptionMatch> matches;
        Set<Entry> seen;
        LuceneFallback lucene;
        long candidates;
        long matched;

        Check(ArticleTerms terms, ArticleView view, Map<UUID, IndexedSubscription> registry,
                List<SubscriptionMatch> matches) {
            this.terms = terms;
            this.view = view;
            this.registry = registry;
            this.matches = matches;
        }

        void all(Entry[] entries) {
            if (entries == null) {
                return;
            }
            for (Entry entry : entries) {
                if (entry.anchoredMoreThanOnce) {
                    if (seen == null) {
                        seen = new HashSet<>();
                    }
                    if (!seen.add(entry)) {
                        continue;
                    }
                }
                one(entry);
            }
        }

        private void one(Entry entry) {
            candidates++;
            // decide on the article first: most candidates fail, and the registry is a large map, slow to probe
            List<SubscriptionMatch.KeywordHit> keywords = null;
            if (entry.node == null) {
                if (lucene == null) {
                    lucene = new LuceneFallback(terms.article);
                }
                keywords = lucene.hits(entry.query);
                if (keywords == null) {
                    return;
                }
            } else if (!entry.node.matches(terms)) {
                return;
            }
            IndexedSubscription subscription = registry.get(entry.subscription);
            if (subscription == null || subscription.retired || !subscription.keywordQuery
                    || subscription.generation != entry.generation) {
                return;
            }
            matched++;
            List<SubscriptionMatch.TopicHit> topics = subscription.topicHits(view);
            if (topics == null) {
                return;
            }
            if (keywords == null) {
                QueryNode.Hits hits = new QueryNode.Hits();
                entry.node.hits(terms, hits);
                List<SubscriptionMatch.KeywordHit> found = new ArrayList<>(hits.count());
                for (int i = 0; i < hits.count(); i++) {
                    found.add(hit(hits.field(i), hits.start(i), hits.end(i)));
                }
                found.sort(HIT_ORDER);
                keywords = List.copyOf(found);
            }
            matches.add(new SubscriptionMatch(subscription.id, topics, keywords));
        }

        private SubscriptionMatch.KeywordHit hit(int field, int start, int end) {
            if (field == ArticleTerms.TITLE) {
                String title = terms.article.title();
                return new SubscriptionMatch.KeywordHit(SubscriptionMatch.ArticleField.TITLE, start, end,
                        title.substring(start, Math.min(end, title.length())));
            }
            String body = terms.article.body();
            int to = Math.min(body.length(), end);
            return new SubscriptionMatch.KeywordHit(SubscriptionMatch.ArticleField.BODY, start, to,
                    body.substring(start, Math.max(start, to)));
        }
    }

    /** Lucene matching on a one-document MemoryIndex, for queries {@link QueryNode} cannot evaluate. */
    private static final class LuceneFallback {

        private final LuceneMapping.ArticleDocument document;
        private final IndexSearcher searcher;

        LuceneFallback(Article article) {
            this.document = LuceneMapping.ArticleDocument.of(article);
            MemoryIndex index = MemoryIndex.fromDocument(document.document(), LuceneMapping.documentAnalyzer(), true,
                    false);
            this.searcher = index.createSearcher();
            searcher.setQueryCache(null);
        }

        /** The query's text hits, or null when it does not match. */
        List<SubscriptionMatch.KeywordHit> hits(Query query) {
            try {
                Weight weight = searcher.createWeight(query, ScoreMode.COMPLETE_NO_SCORES, 1);
                Matches matches = weight.matches(searcher.getIndexReader().leaves().get(0), 0);
                if (matches == null) {
                    return null;
                }
                List<SubscriptionMatch.KeywordHit> hits = new ArrayList<>();
                MatchesIterator iterator = matches.getMatches(LuceneMapping.TEXT);
                if (iterator != null) {
                    while (iterator.next()) {
                        SubscriptionMatch.KeywordHit hit = document.hit(iterator.startOffset(), iterator.endOffset());
                        if (!hits.contains(hit)) {
                            hits.add(hit);
                        }
                    }
                }
                hits.sort(HIT_ORDER);
                return List.copyOf(hits);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        postings.values().forEach(Map::clear);
        unanchored = NONE;
    }
}
