/**
 * Subscription matching: which subscriptions a classified article matches, and why.
 * <p>
 * Entry point: {@link io.newshound.alert.matching.SubscriptionMatcher}. It holds every subscription in one of two
 * indexes:
 * <ul>
 * <li>subscriptions without keyword query in a {@code TopicIndex}: topic and language to posting lists sorted by
 * minimum score, so an article only visits subscriptions whose topic, language and score it satisfies;</li>
 * <li>subscriptions with a keyword query in a Lucene {@code Monitor}: each registered as one query carrying its keyword
 * query (compiled by {@link io.newshound.alert.matching.KeywordQueryParser} and {@code LuceneMapping}) plus its topic,
 * language and source clauses. The presearcher weighs topic terms highest, so keyword subscriptions with a topic filter
 * are only candidates for articles with one of their topics.</li>
 * </ul>
 * Keyword hits (title/body character offsets) come from {@code Weight#matches} on the article's {@code MemoryIndex} and
 * are computed only for matching subscriptions. The benchmark under the test sources ({@code bench}) measures the
 * engine against a stock Monitor.
 */
package io.newshound.alert.matching;
