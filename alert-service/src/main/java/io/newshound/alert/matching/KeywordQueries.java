package io.newshound.alert.matching;

import java.io.Closeable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.lucene.search.Query;

/**
 * Where subscriptions with a keyword query are held and matched: heap posting lists ({@link TermKeywordIndex}) in the
 * service; the tests and the matching benchmark also compare a Lucene Monitor ({@code KeywordIndex}, chosen by
 * {@code Presearch}). Changes come from one thread at a time; matching may run concurrently on any number of threads.
 */
interface KeywordQueries extends Closeable {

    /**
     * One version of a keyword subscription: its id (the subscription id, so a new version replaces the old one), its
     * compiled and rewritten query, and the version number.
     */
    record Registration(String id, Query query, long generation) {
    }

    /** Adds the queries; a query with the id of one already held replaces it. */
    void register(Collection<Registration> registrations);

    /** Removes the queries with these ids. */
    void delete(List<String> ids);

    /** Tidies the index after a large load, where that helps matching. */
    void compact();

    /** Candidates checked so far. */
    long candidates();

    /** Candidates that matched so far (before topic score checks). */
    long matches();

    /**
     * Adds the current versions of keyword subscriptions that match the article, with their hits in title and body.
     */
    void collect(ArticleView article, Map<UUID, IndexedSubscription> registry, List<SubscriptionMatch> matches);

    @Override
    void close();
}
