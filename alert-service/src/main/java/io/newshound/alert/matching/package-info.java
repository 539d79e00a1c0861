/**
 * Subscription matching: which subscriptions a classified article matches, and why.
 * <p>
 * Entry point: {@link io.newshound.alert.matching.SubscriptionMatcher}. It holds every subscription in one of two
 * indexes:
 * <ul>
 * <li>subscriptions without keyword query in a {@code TopicIndex}: topic and language to posting lists sorted by
 * minimum score, so an article only visits subscriptions whose topic, language and score it satisfies;</li>
 * <li>subscriptions with a keyword query in a {@code TermKeywordIndex}: each compiled query (by
 * {@link io.newshound.alert.matching.KeywordQueryParser} and {@code LuceneMapping}, with its topic, language and source
 * clauses) becomes a {@code QueryNode} tree filed under the terms of its most selective required clause; an article is
 * analysed once ({@code ArticleTerms}) and decides its candidates directly. The earlier engine, a Lucene
 * {@code Monitor} ({@code KeywordIndex}), lives on in the test sources, selectable through {@code Presearch}, for
 * comparison; lucene-monitor is a test dependency only.</li>
 * </ul>
 * Keyword hits (title/body character offsets) are what Lucene's {@code Weight#matches} reports, computed only for
 * matching subscriptions. The matching benchmark ({@code src/bench/java}) measures the engine against a stock Monitor.
 */
package io.newshound.alert.matching;
