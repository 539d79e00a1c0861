package io.newshound.alert.matching;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * Checks each presearcher candidate against the article with a single {@link Weight#matches} call, which both decides
 * the match and yields the hit offsets in the text field, so offsets are only computed for queries that match. Leaner
 * than the stock highlighting matcher: queries are registered already rewritten (no rewrite per candidate), the
 * one-document searcher gets no query cache, and only text-field hits are kept.
 */
final class KeywordHitsMatcher extends CandidateMatcher<KeywordHitsMatcher.Hits> {

    private final LeafReaderContext context;
    private final LongAdder candidates;

    private KeywordHitsMatcher(IndexSearcher searcher, LongAdder candidates) {
        super(searcher);
        this.context = searcher.getIndexReader().leaves().get(0);
        this.candidates = candidates;
    }

    static MatcherFactory<Hits> factory(LongAdder candidates) {
        return searcher -> {
            searcher.setQueryCache(null);
            return new KeywordHitsMatcher(searcher, candidates);
        };
    }

    @Override
    protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) throws IOException {
        candidates.increment();
        Weight weight = searcher.createWeight(matchQuery, ScoreMode.COMPLETE_NO_SCORES, 1);
        Matches matches = weight.matches(context, 0);
        if (matches == null) {
            return;
        }
        Hits hits = new Hits(queryId, Long.parseLong(metadata.get(KeywordIndex.GENERATION)));
        MatchesIterator iterator = matches.getMatches(LuceneMapping.TEXT);
        if (iterator != null) {
            while (iterator.next()) {
                hits.add(iterator.startOffset(), iterator.endOffset());
            }
        }
        addMatch(hits, 0);
    }

    @Override
    public Hits resolve(Hits first, Hits second) {
        Hits merged = new Hits(first.getQueryId(), first.generation);
        merged.offsets.addAll(first.offsets);
        for (int i = 0; i < second.offsets.size(); i += 2) {
            merged.add(second.offsets.get(i), second.offsets.get(i + 1));
        }
        return merged;
    }

    /** Start and end offsets (pairs) of the text-field hits of one matching query. */
    static final class Hits extends QueryMatch {

        final List<Integer> offsets = new ArrayList<>(4);
        /** Version of the subscription whose query matched. */
        final long generation;

        Hits(String queryId, long generation) {
            super(queryId);
            this.generation = generation;
        }

        void add(int start, int end) {
            for (int i = 0; i < offsets.size(); i += 2) {
                if (offsets.get(i) == start && offsets.get(i + 1) == end) {
                    return;
                }
            }
            offsets.add(start);
            offsets.add(end);
        }
    }
}
