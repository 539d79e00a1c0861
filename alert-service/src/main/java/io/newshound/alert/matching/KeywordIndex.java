package io.newshound.alert.matching;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;

/**
 * Subscriptions with a keyword query, in a Lucene {@link Monitor}. Each is registered as one query that also carries
 * its topic, language and source clauses, so the presearcher prunes on those as well as on text terms. Hits come from
 * {@link HighlightsMatch}, which only computes positions for queries that matched.
 */
final class KeywordIndex implements Closeable {

    private final Monitor monitor;
    private volatile int size;

    KeywordIndex(Presearch presearch) {
        try {
            this.monitor = new Monitor(LuceneMapping.documentAnalyzer(), presearch.create());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Collection<MonitorQuery> queries) {
        if (queries.isEmpty()) {
            return;
        }
        try {
            monitor.register(queries);
            size = monitor.getQueryCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(List<String> monitorIds) {
        if (monitorIds.isEmpty()) {
            return;
        }
        try {
            monitor.deleteById(monitorIds);
            size = monitor.getQueryCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return size;
    }

    /**
     * Adds the current versions of keyword subscriptions that match the article, with their hits in title and body.
     */
    void collect(ArticleView article, Map<UUID, IndexedSubscription> registry, List<SubscriptionMatch> matches) {
        if (size == 0) {
            return;
        }
        LuceneMapping.ArticleDocument document = LuceneMapping.ArticleDocument.of(article.article);
        MatchingQueries<HighlightsMatch> found;
        try {
            found = monitor.match(document.document(), HighlightsMatch.MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (HighlightsMatch match : found.getMatches()) {
            String monitorId = match.getQueryId();
            int slash = monitorId.lastIndexOf('/');
            IndexedSubscription subscription = registry.get(UUID.fromString(monitorId.substring(0, slash)));
            if (subscription == null || subscription.retired || !subscription.keywordQuery
                    || subscription.generation != Long.parseLong(monitorId.substring(slash + 1))) {
                continue;
            }
            List<SubscriptionMatch.TopicHit> topics = subscription.topicHits(article);
            if (topics == null) {
                continue;
            }
            List<SubscriptionMatch.KeywordHit> keywords = new ArrayList<>();
            Collection<HighlightsMatch.Hit> hits = match.getHits(LuceneMapping.TEXT);
            for (HighlightsMatch.Hit hit : hits == null ? List.<HighlightsMatch.Hit>of() : hits) {
                keywords.add(document.hit(hit.startOffset, hit.endOffset));
            }
            matches.add(new SubscriptionMatch(subscription.id, topics, List.copyOf(keywords)));
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
