package io.newshound.alert.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newshound.alert.matching.bench.SyntheticNews;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The posting-list engine must give exactly the Monitor's answers: the same subscriptions, topics and keyword hits,
 * also after subscriptions were replaced and removed. Checked on the benchmark's synthetic mix (topic filters, keyword
 * queries with phrases, OR groups, exclusions, site filters, language and source filters, paused subscriptions) and on
 * hand-written queries whose shape needs care: only exclusions, phrases across title and body, repeated phrases.
 */
class PostingsMatchLikeTheMonitorTest {

    private static final Comparator<SubscriptionMatch> BY_ID = Comparator
            .comparing(SubscriptionMatch::subscriptionId);

    @Test
    void matchesTheSyntheticMixExactlyLikeTheMonitor() {
        SyntheticNews news = new SyntheticNews(7L);
        List<SubscriptionCriteria> subscriptions = news.subscriptions(10_000, 11L);
        List<Article> articles = news.articles(200, 13L);
        try (SubscriptionMatcher postings = Presearch.POSTINGS.matcher();
                SubscriptionMatcher monitor = Presearch.MULTIPASS.matcher()) {
            postings.putAll(subscriptions);
            monitor.putAll(subscriptions);

            int keywordMatches = assertSameMatches(postings, monitor, articles);

            assertThat(keywordMatches).as("keyword matches compared").isGreaterThan(20);
        }
    }

    @Test
    void staysLikeTheMonitorAfterSubscriptionsAreReplacedAndRemoved() {
        SyntheticNews news = new SyntheticNews(7L);
        List<SubscriptionCriteria> subscriptions = news.subscriptions(4_000, 17L);
        List<SubscriptionCriteria> shapes = news.subscriptions(1_000, 19L);
        List<Article> articles = news.articles(60, 23L);
        try (SubscriptionMatcher postings = Presearch.POSTINGS.matcher();
                SubscriptionMatcher monitor = Presearch.MULTIPASS.matcher()) {
            postings.putAll(subscriptions);
            monitor.putAll(subscriptions);
            List<SubscriptionCriteria> changed = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                SubscriptionCriteria existing = subscriptions.get(i * 4);
                SubscriptionCriteria shape = shapes.get(i);
                changed.add(new SubscriptionCriteria(existing.id(), shape.topics(), shape.topicMode(), shape.query(),
                        shape.languages(), shape.includeSources(), shape.excludeSources(), shape.minTopicScore(),
                        shape.paused()));
            }
            postings.putAll(changed);
            monitor.putAll(changed);
            // one at a time as well: single changes take another path through the matcher
            for (int i = 0; i < 60; i++) {
                SubscriptionCriteria gone = subscriptions.get(i * 50 + 1);
                postings.remove(gone.id());
                monitor.remove(gone.id());
                SubscriptionCriteria again = changed.get(i * 7);
                SubscriptionCriteria shape = shapes.get(999 - i);
                SubscriptionCriteria next = new SubscriptionCriteria(again.id(), shape.topics(), shape.topicMode(),
                        shape.query(),
                        shape.languages(), shape.includeSources(), shape.excludeSources(), shape.minTopicScore(),
                        false);
                postings.put(next);
                monitor.put(next);
            }

            assertSameMatches(postings, monitor, articles);
            assertThat(postings.statistics().keywordQueries()).isEqualTo(monitor.statistics().keywordQueries());
        }
    }

    @Test
    void matchesHandWrittenEdgeCasesLikeTheMonitor() {
        Article article = new Article(UUID.randomUUID(), "Talks on a ceasefire end without a deal: peace",
                "Talks resume on Friday. Peace talks, said the envoy, and again: peace talks, peace talks. Site "
                        + "visits were cancelled.",
                "Example Wire", "https://wire.example.com/world/1", "en", Map.of("ceasefire", 0.8));
        List<String> queries = List.of("-football", "\"peace talks\"", "peace talks -football",
                "(envoy OR football) friday", "\"deal peace\"", "\"peace peace\"", "-ceasefire", "site:example.com",
                "site:wire.example.com talks", "\"talks resume\" OR \"peace talks\"", "talks -\"peace talks\"");
        try (SubscriptionMatcher postings = Presearch.POSTINGS.matcher();
                SubscriptionMatcher monitor = Presearch.MULTIPASS.matcher()) {
            List<SubscriptionCriteria> subscriptions = new ArrayList<>();
            for (String query : queries) {
                subscriptions.add(new SubscriptionCriteria(UUID.randomUUID(), Set.of(), null, query, Set.of(), Set.of(),
                        Set.of(), 0.0, false));
            }
            postings.putAll(subscriptions);
            monitor.putAll(subscriptions);

            List<SubscriptionMatch> expected = sorted(monitor.match(article));
            assertThat(sorted(postings.match(article))).isEqualTo(expected);
            assertThat(expected).hasSizeGreaterThan(5);
        }
    }

    private static int assertSameMatches(SubscriptionMatcher postings, SubscriptionMatcher monitor,
            List<Article> articles) {
        int keywordMatches = 0;
        for (Article article : articles) {
            List<SubscriptionMatch> expected = sorted(monitor.match(article));
            assertThat(sorted(postings.match(article))).as(article.articleId().toString()).isEqualTo(expected);
            keywordMatches += (int) expected.stream().filter(m -> !m.keywords().isEmpty()).count();
        }
        return keywordMatches;
    }

    private static List<SubscriptionMatch> sorted(List<SubscriptionMatch> matches) {
        List<SubscriptionMatch> copy = new ArrayList<>(matches);
        copy.sort(BY_ID);
        return copy;
    }
}
