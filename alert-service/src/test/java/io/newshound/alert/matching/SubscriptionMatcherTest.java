package io.newshound.alert.matching;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.newshound.alert.matching.SubscriptionMatch.ArticleField;
import io.newshound.alert.matching.SubscriptionMatch.KeywordHit;
import io.newshound.alert.matching.SubscriptionMatch.TopicHit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionMatcherTest {

    private static final String TITLE = "Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit";
    private static final String BODY = "Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska "
            + "summit on Friday, according to officials briefed on the talks. There is no ceasefire yet, and land "
            + "swaps are still open, the officials said.";
    private static final Article SUMMIT = new Article(UUID.randomUUID(), TITLE, BODY, "Example Wire",
            "https://wire.example.com/world/2026/08/15/alaska-summit-security-guarantees", "en",
            Map.of("security-guarantees", 0.93, "land-swap", 0.55));

    private final SubscriptionMatcher matcher = new SubscriptionMatcher();

    @AfterEach
    void close() {
        matcher.close();
    }

    @Test
    void matchesAKeywordInAnyInflectedForm() {
        UUID id = keywords("guarantee");
        assertThat(matchedIds(SUMMIT)).containsExactly(id);
    }

    @Test
    void matchesCaseInsensitively() {
        UUID id = keywords("PUTIN alaska");
        assertThat(matchedIds(SUMMIT)).containsExactly(id);
    }

    @Test
    void needsEveryWordByDefault() {
        keywords("putin beijing");
        assertThat(matcher.match(SUMMIT)).isEmpty();
    }

    @Test
    void needsPhraseWordsAdjacentAndInOrder() {
        UUID inOrder = keywords("\"land swaps\"");
        keywords("\"swaps land\"");
        keywords("\"guarantees officials\"");
        assertThat(matchedIds(SUMMIT)).containsExactly(inOrder);
    }

    @Test
    void doesNotLetAPhraseRunFromTheTitleIntoTheBody() {
        keywords("\"summit putin\"");
        assertThat(matcher.match(SUMMIT)).isEmpty();
    }

    @Test
    void matchesEitherSideOfOrAndHonoursParentheses() {
        UUID either = keywords("(kyiv OR alaska) summit");
        keywords("(kyiv OR moscow) summit");
        UUID looseOr = keywords("kyiv moscow OR ceasefire");
        assertThat(matchedIds(SUMMIT)).containsExactlyInAnyOrder(either, looseOr);
    }

    @Test
    void excludesWordsPhrasesAndGroups() {
        keywords("ukraine -ceasefire");
        keywords("ukraine -\"land swaps\"");
        keywords("ukraine -(crypto OR officials)");
        UUID kept = keywords("ukraine -crypto -\"land grab\"");
        assertThat(matchedIds(SUMMIT)).containsExactly(kept);
    }

    @Test
    void filtersOnSiteHostParentDomainAndSourceName() {
        UUID host = keywords("site:wire.example.com putin");
        UUID parent = keywords("site:example.com putin");
        UUID name = keywords("source:\"example wire\" putin");
        keywords("site:reuters.com putin");
        keywords("putin -site:example.com");
        assertThat(matchedIds(SUMMIT)).containsExactlyInAnyOrder(host, parent, name);
    }

    @Test
    void explainsKeywordHitsWithCharacterOffsetsInTitleAndBody() {
        keywords("\"security guarantees\" ceasefire");

        List<SubscriptionMatch> matches = matcher.match(SUMMIT);

        assertThat(matches).hasSize(1);
        int inTitle = TITLE.indexOf("security guarantees");
        int inBody = BODY.indexOf("security guarantees");
        int ceasefire = BODY.indexOf("ceasefire");
        assertThat(matches.get(0).keywords()).containsExactlyInAnyOrder(
                new KeywordHit(ArticleField.TITLE, inTitle, inTitle + 19, "security guarantees"),
                new KeywordHit(ArticleField.BODY, inBody, inBody + 19, "security guarantees"),
                new KeywordHit(ArticleField.BODY, ceasefire, ceasefire + 9, "ceasefire"));
    }

    @Test
    void explainsHitsInTheBodyWhenTheTitleHasNoWords() {
        keywords("officials");
        Article untitled = new Article(UUID.randomUUID(), "—", BODY, "Example Wire", null, "en", Map.of());

        List<KeywordHit> hits = matcher.match(untitled).get(0).keywords();

        int first = BODY.indexOf("officials");
        int second = BODY.lastIndexOf("officials");
        assertThat(hits).containsExactlyInAnyOrder(new KeywordHit(ArticleField.BODY, first, first + 9, "officials"),
                new KeywordHit(ArticleField.BODY, second, second + 9, "officials"));
    }

    @Test
    void stemsWithTheArticleLanguage() {
        UUID any = keywords("Garantie");
        put(subscription().query("Garantie").languages("en").build());
        Article german = new Article(UUID.randomUUID(), "Garantien für die Ukraine", "Die Gespräche gehen weiter.",
                "Beispiel Zeitung", "https://zeitung.example.de/a", "de", Map.of());

        List<SubscriptionMatch> matches = matcher.match(german);

        assertThat(matches).extracting(SubscriptionMatch::subscriptionId).containsExactly(any);
        assertThat(matches.get(0).keywords()).containsExactly(new KeywordHit(ArticleField.TITLE, 0, 9, "Garantien"));
    }

    @Test
    void matchesAnyOfTopicsOnceWithEveryTopicThatCounted() {
        UUID one = put(subscription().topics("land-swap", "sanctions").build());
        UUID both = put(subscription().topics("land-swap", "security-guarantees").build());
        put(subscription().topics("sanctions").build());

        List<SubscriptionMatch> matches = matcher.match(SUMMIT);

        assertThat(matches).extracting(SubscriptionMatch::subscriptionId).containsExactlyInAnyOrder(one, both);
        assertThat(topicsOf(matches, one)).containsExactly(new TopicHit("land-swap", 0.55));
        assertThat(topicsOf(matches, both)).containsExactlyInAnyOrder(new TopicHit("land-swap", 0.55),
                new TopicHit("security-guarantees", 0.93));
    }

    @Test
    void needsEveryTopicInAllOfMode() {
        UUID all = put(subscription().topics("land-swap", "security-guarantees").allOf().build());
        put(subscription().topics("land-swap", "sanctions").allOf().build());
        assertThat(matchedIds(SUMMIT)).containsExactly(all);
    }

    @Test
    void needsTheMinimumScoreForEachCountedTopic() {
        UUID atScore = put(subscription().topics("land-swap").minScore(0.55).build());
        put(subscription().topics("land-swap").minScore(0.6).build());
        UUID viaOther = put(subscription().topics("land-swap", "security-guarantees").minScore(0.9).build());
        put(subscription().topics("land-swap", "security-guarantees").allOf().minScore(0.9).build());

        List<SubscriptionMatch> matches = matcher.match(SUMMIT);

        assertThat(matches).extracting(SubscriptionMatch::subscriptionId).containsExactlyInAnyOrder(atScore, viaOther);
        assertThat(topicsOf(matches, viaOther)).containsExactly(new TopicHit("security-guarantees", 0.93));
    }

    @Test
    void appliesTopicScoreToKeywordSubscriptionsToo() {
        put(subscription().topics("land-swap").minScore(0.6).query("putin").build());
        put(subscription().topics("sanctions").query("putin").build());
        UUID both = put(subscription().topics("land-swap").minScore(0.5).query("putin").build());

        List<SubscriptionMatch> matches = matcher.match(SUMMIT);

        assertThat(matches).extracting(SubscriptionMatch::subscriptionId).containsExactly(both);
        assertThat(matches.get(0).topics()).containsExactly(new TopicHit("land-swap", 0.55));
        assertThat(matches.get(0).keywords()).extracting(KeywordHit::text).containsOnly("Putin");
    }

    @Test
    void letsATopicSubscriptionExcludeWords() {
        UUID id = put(subscription().topics("land-swap").query("-crypto").build());
        put(subscription().topics("land-swap").query("-ceasefire").build());

        List<SubscriptionMatch> matches = matcher.match(SUMMIT);

        assertThat(matches).extracting(SubscriptionMatch::subscriptionId).containsExactly(id);
        assertThat(matches.get(0).keywords()).isEmpty();
    }

    @Test
    void filtersOnArticleLanguage() {
        UUID english = put(subscription().topics("land-swap").languages("en", "de").build());
        UUID everyLanguage = put(subscription().topics("land-swap").build());
        put(subscription().topics("land-swap").languages("fr").build());
        UUID englishKeywords = put(subscription().query("putin").languages("EN").build());
        put(subscription().query("putin").languages("uk", "ru").build());
        assertThat(matchedIds(SUMMIT)).containsExactlyInAnyOrder(english, everyLanguage, englishKeywords);

        Article unknownLanguage = new Article(UUID.randomUUID(), TITLE, BODY, "Example Wire", null, null,
                Map.of("land-swap", 0.9));
        assertThat(matchedIds(unknownLanguage)).containsExactly(everyLanguage);
    }

    @Test
    void filtersOnIncludedAndExcludedSources() {
        UUID byHost = put(subscription().topics("land-swap").include("https://www.example.com").build());
        UUID byName = put(subscription().topics("land-swap").include("EXAMPLE  wire", "reuters.com").build());
        put(subscription().topics("land-swap").include("reuters.com").build());
        put(subscription().topics("land-swap").exclude("wire.example.com").build());
        UUID notExcluded = put(subscription().topics("land-swap").exclude("tabloid.example").build());
        UUID keywordByHost = put(subscription().query("putin").include("example.com").build());
        put(subscription().query("putin").exclude("Example Wire").build());

        assertThat(matchedIds(SUMMIT)).containsExactlyInAnyOrder(byHost, byName, notExcluded, keywordByHost);
    }

    @Test
    void neverMatchesPausedSubscriptionsUntilResumed() {
        SubscriptionCriteria paused = subscription().topics("land-swap").paused().build();
        SubscriptionCriteria pausedKeywords = subscription().query("putin").paused().build();
        put(paused);
        put(pausedKeywords);
        assertThat(matcher.match(SUMMIT)).isEmpty();

        put(new SubscriptionCriteria(paused.id(), paused.topics(), paused.topicMode(), null, Set.of(), Set.of(),
                Set.of(),
                0, false));
        assertThat(matchedIds(SUMMIT)).containsExactly(paused.id());
    }

    @Test
    void appliesUpdatesAndRemovalsIncrementally() {
        UUID id = UUID.randomUUID();
        put(subscription(id).topics("land-swap").build());
        assertThat(matchedIds(SUMMIT)).containsExactly(id);

        put(subscription(id).query("beijing").build());
        assertThat(matcher.match(SUMMIT)).isEmpty();

        put(subscription(id).query("alaska").build());
        assertThat(matchedIds(SUMMIT)).containsExactly(id);

        put(subscription(id).topics("sanctions").build());
        assertThat(matcher.match(SUMMIT)).isEmpty();

        put(subscription(id).topics("security-guarantees").build());
        assertThat(matchedIds(SUMMIT)).containsExactly(id);

        matcher.remove(id);
        assertThat(matcher.match(SUMMIT)).isEmpty();
        assertThat(matcher.size()).isZero();
    }

    @Test
    void keepsThePreviousVersionWhenAnUpdateHasAnInvalidQuery() {
        UUID id = keywords("alaska");

        assertThatThrownBy(() -> put(subscription(id).query("alaska (").build()))
                .isInstanceOf(InvalidKeywordQueryException.class);

        assertThat(matchedIds(SUMMIT)).containsExactly(id);
    }

    @Test
    void loadsValidSubscriptionsInBulkAndReportsInvalidOnes() {
        SubscriptionCriteria good = subscription().query("alaska").build();
        SubscriptionCriteria topic = subscription().topics("land-swap").build();
        SubscriptionCriteria bad = subscription().query("\"alaska").build();

        Map<UUID, InvalidKeywordQueryException> rejected = matcher.putAll(List.of(good, bad, topic));

        assertThat(rejected).containsOnlyKeys(bad.id());
        assertThat(rejected.get(bad.id()).position()).isZero();
        assertThat(matchedIds(SUMMIT)).containsExactlyInAnyOrder(good.id(), topic.id());
    }

    private List<UUID> matchedIds(Article article) {
        return matcher.match(article).stream().map(SubscriptionMatch::subscriptionId).toList();
    }

    private static List<TopicHit> topicsOf(List<SubscriptionMatch> matches, UUID id) {
        return matches.stream().filter(match -> match.subscriptionId().equals(id)).findFirst().orElseThrow().topics();
    }

    private UUID keywords(String query) {
        return put(subscription().query(query).build());
    }

    private UUID put(SubscriptionCriteria subscription) {
        matcher.put(subscription);
        return subscription.id();
    }

    static SubscriptionBuilder subscription() {
        return new SubscriptionBuilder(UUID.randomUUID());
    }

    static SubscriptionBuilder subscription(UUID id) {
        return new SubscriptionBuilder(id);
    }

    static final class SubscriptionBuilder {
        private final UUID id;
        private Set<String> topics = Set.of();
        private TopicMode mode = TopicMode.ANY_OF;
        private String query;
        private Set<String> languages = Set.of();
        private Set<String> include = Set.of();
        private Set<String> exclude = Set.of();
        private double minScore;
        private boolean paused;

        SubscriptionBuilder(UUID id) {
            this.id = id;
        }

        SubscriptionBuilder topics(String... slugs) {
            topics = Set.of(slugs);
            return this;
        }

        SubscriptionBuilder allOf() {
            mode = TopicMode.ALL_OF;
            return this;
        }

        SubscriptionBuilder query(String text) {
            query = text;
            return this;
        }

        SubscriptionBuilder languages(String... codes) {
            languages = Set.of(codes);
            return this;
        }

        SubscriptionBuilder include(String... sources) {
            include = Set.of(sources);
            return this;
        }

        SubscriptionBuilder exclude(String... sources) {
            exclude = Set.of(sources);
            return this;
        }

        SubscriptionBuilder minScore(double score) {
            minScore = score;
            return this;
        }

        SubscriptionBuilder paused() {
            paused = true;
            return this;
        }

        SubscriptionCriteria build() {
            return new SubscriptionCriteria(id, topics, mode, query, languages, include, exclude, minScore, paused);
        }
    }
}
