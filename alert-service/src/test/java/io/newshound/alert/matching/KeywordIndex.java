package io.newshound.alert.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.search.Query;

/**
 * Subscriptions with a keyword query, in a Lucene {@link Monitor}. Each is registered as one query that also carries
 * its topic, language and source clauses, so the presearcher prunes on those as well as on text terms. Hits come from
 * {@link HighlightsMatch}, which only computes positions for queries that matched.
 */
final class KeywordIndex implements KeywordQueries {

    private static final Comparator<SubscriptionMatch.KeywordHit> HIT_ORDER = Comparator
            .comparing(SubscriptionMatch.KeywordHit::field).thenComparingInt(SubscriptionMatch.KeywordHit::start)
            .thenComparingInt(SubscriptionMatch.KeywordHit::end);

    /** Query metadata key holding the subscription version a registered query belongs to. */
    static final String GENERATION = "generation";

    private final Monitor monitor;
    private final CompactableConfiguration configuration = new CompactableConfiguration();
    private final LongAdder candidates = new LongAdder();
    private final LongAdder keywordMatches = new LongAdder();
    private final MatcherFactory<KeywordHitsMatcher.Hits> matcherFactory = KeywordHitsMatcher.factory(candidates);

    KeywordIndex(Presearcher presearcher) {
        try {
            this.monitor = new Monitor(LuceneMapping.documentAnalyzer(), presearcher, configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Collection<Registration> registrations) {
        if (registrations.isEmpty()) {
            return;
        }
        List<MonitorQuery> queries = new ArrayList<>(registrations.size());
        for (Registration registration : registrations) {
            queries.add(new MonitorQuery(registration.id(), registration.query(), null,
                    Map.of(GENERATION, Long.toString(registration.generation()))));
        }
        try {
            monitor.register(queries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(List<String> monitorIds) {
        if (monitorIds.isEmpty()) {
            return;
        }
        try {
            monitor.deleteById(monitorIds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges the query index into one segment and makes that visible. Worth it after loading many queries: the
     * presearcher query is evaluated once per segment, so fewer segments mean less work per article.
     */
    @Override
    public void compact() {
        try {
            configuration.writer.forceMerge(1);
            monitor.deleteById(List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Candidates the presearcher let through so far. */
    @Override
    public long candidates() {
        return candidates.sum();
    }

    /** Candidates that matched so far (before topic score checks). */
    @Override
    public long matches() {
        return keywordMatches.sum();
    }

    /**
     * Adds the current versions of keyword subscriptions that match the article, with their hits in title and body.
     */
    @Override
    public void collect(ArticleView article, Map<UUID, IndexedSubscription> registry, List<SubscriptionMatch> matches) {
        LuceneMapping.ArticleDocument document = LuceneMapping.ArticleDocument.of(article.article);
        MatchingQueries<KeywordHitsMatcher.Hits> found;
        try {
            found = monitor.match(document.document(), matcherFactory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keywordMatches.add(found.getMatchCount());
        for (KeywordHitsMatcher.Hits match : found.getMatches()) {
            IndexedSubscription subscription = registry.get(UUID.fromString(match.getQueryId()));
            if (subscription == null || subscription.retired || !subscription.keywordQuery
                    || subscription.generation != match.generation) {
                continue;
            }
            List<SubscriptionMatch.TopicHit> topics = subscription.topicHits(article);
            if (topics == null) {
                continue;
            }
            List<SubscriptionMatch.KeywordHit> keywords = new ArrayList<>(match.offsets.size() / 2);
            for (int i = 0; i < match.offsets.size(); i += 2) {
                keywords.add(document.hit(match.offsets.get(i), match.offsets.get(i + 1)));
            }
            keywords.sort(HIT_ORDER);
            matches.add(new SubscriptionMatch(subscription.id, topics, List.copyOf(keywords)));
        }
    }

    /** Keeps hold of the Monitor's index writer so that {@link #compact()} can merge segments. */
    private static final class CompactableConfiguration extends MonitorConfiguration {

        private volatile IndexWriter writer;

        @Override
        public IndexWriter buildIndexWriter() throws IOException {
            writer = super.buildIndexWriter();
            return writer;
        }
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
