package io.newshound.alert.story;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newshound.alert.story.eval.LabelledArticle;

import static org.assertj.core.api.Assertions.assertThat;

class StoryGrouperTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");

    private static final StoryArticle GAZA_WIRE = article("gaza-wire", "en", "Example Wire", MONDAY,
            Map.of("ceasefire", 0.94, "middle-east", 0.9),
            "Israel and Hamas agree 42-day Gaza ceasefire in deal brokered by Qatar and Egypt",
            "Israel and Hamas have agreed a 42-day ceasefire in Gaza, mediators in Doha said on Monday. The first "
                    + "phase foresees the release of 33 hostages in exchange for Palestinian prisoners and a surge of "
                    + "aid through the Rafah crossing. Qatar and Egypt will monitor the truce.");
    private static final StoryArticle GAZA_COPY = article("gaza-copy", "en", "Daily Courier",
            MONDAY.plusSeconds(1800), Map.of("ceasefire", 0.94, "middle-east", 0.9),
            "Israel and Hamas agree 42-day Gaza ceasefire in deal brokered by Qatar, Egypt",
            "Israel and Hamas have agreed a 42-day ceasefire in Gaza, mediators in Doha said on Monday. The first "
                    + "phase foresees the release of 33 hostages in exchange for Palestinian prisoners and more "
                    + "aid through the Rafah crossing. Qatar and Egypt will monitor the truce.");
    private static final StoryArticle SUDAN = article("sudan", "en", "Example Wire", MONDAY.plusSeconds(3600),
            Map.of("ceasefire", 0.93, "africa", 0.85),
            "Sudan's army and RSF agree seven-day humanitarian truce in Jeddah",
            "Sudan's army and the paramilitary Rapid Support Forces agreed a seven-day humanitarian truce at talks in "
                    + "Jeddah, Saudi Arabia and the United States said on Monday. The truce is meant to let food "
                    + "reach El Fasher, which the RSF has besieged for months.");

    @Test
    void groupsANearDuplicateIntoTheStoryOfItsOriginal() {
        StoryGrouper grouper = grouper();
        StoryAssignment first = grouper.assign(GAZA_WIRE);
        StoryAssignment copy = grouper.assign(GAZA_COPY);

        assertThat(first.newStory()).isTrue();
        assertThat(copy.newStory()).isFalse();
        assertThat(copy.match()).isEqualTo(StoryAssignment.Match.NEAR_DUPLICATE);
        assertThat(copy.story().id()).isEqualTo(first.story().id());
        assertThat(copy.story().articleCount()).isEqualTo(2);
        assertThat(copy.story().headline()).isEqualTo(GAZA_WIRE.title());
    }

    @Test
    void keepsTwoCeasefiresInDifferentWarsApart() {
        StoryGrouper grouper = grouper();
        StoryAssignment gaza = grouper.assign(GAZA_WIRE);
        StoryAssignment sudan = grouper.assign(SUDAN);

        assertThat(sudan.newStory()).isTrue();
        assertThat(sudan.story().id()).isNotEqualTo(gaza.story().id());
    }

    @Test
    void groupsATranslationWhenItsNamesMeetAcrossScripts() {
        StoryGrouper grouper = grouper();
        StoryAssignment english = grouper.assign(article("alaska-en", "en", "Example Wire", MONDAY,
                Map.of("diplomacy", 0.94, "war-ukraine", 0.8),
                "Putin and Trump meet in Anchorage for Alaska summit on Ukraine",
                "Vladimir Putin and Donald Trump met at a military base in Anchorage, Alaska, on Wednesday for talks "
                        + "on ending the war in Ukraine. Kremlin aide Yuri Ushakov said the meeting lasted nearly "
                        + "three hours."));
        StoryAssignment ukrainian = grouper.assign(article("alaska-uk", "uk", "Новини Дня", MONDAY.plusSeconds(900),
                Map.of("diplomacy", 0.92, "war-ukraine", 0.82), "Путін і Трамп зустрілися на Алясці",
                "Володимир Путін і Дональд Трамп провели переговори на військовій базі в Анкориджі на Алясці. "
                        + "Зустріч щодо завершення війни в Україні тривала майже три години, повідомив помічник "
                        + "Кремля Юрій Ушаков."));

        assertThat(ukrainian.newStory()).isFalse();
        assertThat(ukrainian.match()).isEqualTo(StoryAssignment.Match.KEY_TERMS);
        assertThat(ukrainian.story().id()).isEqualTo(english.story().id());
        assertThat(ukrainian.newLanguages()).containsExactly("uk");
        assertThat(ukrainian.newSources()).containsExactly("Новини Дня");
        assertThat(ukrainian.newTopics()).isEmpty();
        assertThat(ukrainian.addsSomething()).isTrue();
        assertThat(ukrainian.story().languages()).containsExactly("en", "uk");
    }

    @Test
    void reportsNothingNewForAnotherArticleFromTheSameOutletAndLanguage() {
        StoryGrouper grouper = grouper();
        grouper.assign(GAZA_WIRE);
        StoryArticle again = article("gaza-again", "en", "Example Wire", MONDAY.plusSeconds(600), GAZA_WIRE.topics(),
                GAZA_WIRE.title(), GAZA_WIRE.body());

        StoryAssignment assignment = grouper.assign(again);

        assertThat(assignment.newStory()).isFalse();
        assertThat(assignment.addsSomething()).isFalse();
    }

    @Test
    void followsAStoryWithinTheWindowAndStartsAfreshAfterIt() {
        StoryGrouper grouper = grouper();
        StoryAssignment first = grouper.assign(GAZA_WIRE);
        StoryAssignment nextDay = grouper.assign(copyAt("gaza-next-day", MONDAY.plus(Duration.ofHours(47))));
        StoryAssignment afterWindow = grouper
                .assign(copyAt("gaza-later", MONDAY.plus(Duration.ofHours(47 + 49))));

        assertThat(nextDay.story().id()).isEqualTo(first.story().id());
        assertThat(nextDay.story().lastSeen()).isEqualTo(MONDAY.plus(Duration.ofHours(47)));
        assertThat(afterWindow.newStory()).isTrue();
        assertThat(afterWindow.story().id()).isNotEqualTo(first.story().id());
    }

    @Test
    void expiresStoriesOnceTheNewestArticleIsAWindowAhead() {
        InMemoryStoryStore store = new InMemoryStoryStore();
        StoryGrouper grouper = new StoryGrouper(store,
                StoryGroupingSettings.defaults().withWindow(Duration.ofHours(6)));
        UUID gaza = grouper.assign(GAZA_WIRE).story().id();
        UUID sudan = grouper.assign(SUDAN).story().id();

        UUID later = grouper.assign(copyAt("later", MONDAY.plus(Duration.ofHours(7)))).story().id();

        // Gaza was last seen at 08:00, more than six hours before 15:00; Sudan (09:00) is still inside
        assertThat(store.find(gaza)).isEmpty();
        assertThat(store.find(sudan)).isPresent();
        assertThat(later).isNotEqualTo(gaza);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void givesTheSameStoriesWithTheSameIdsOnEveryRun() {
        List<LabelledArticle> articles = LabelledArticle.read("stories/dev.txt");

        assertThat(storyIds(articles)).isEqualTo(storyIds(articles));
    }

    @Test
    void groupsTheDevelopmentSetWithPrecisionAndRecallOfAtLeastNinetyPercent() {
        List<LabelledArticle> articles = LabelledArticle.read("stories/dev.txt");
        List<UUID> ids = storyIds(articles);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < articles.size(); i++) {
            for (int j = i + 1; j < articles.size(); j++) {
                boolean same = articles.get(i).group().equals(articles.get(j).group());
                boolean grouped = ids.get(i).equals(ids.get(j));
                tp += same && grouped ? 1 : 0;
                fp += !same && grouped ? 1 : 0;
                fn += same && !grouped ? 1 : 0;
            }
        }

        assertThat((double) tp / (tp + fp)).as("precision").isGreaterThanOrEqualTo(0.9);
        assertThat((double) tp / (tp + fn)).as("recall").isGreaterThanOrEqualTo(0.9);
    }

    private static List<UUID> storyIds(List<LabelledArticle> articles) {
        StoryGrouper grouper = grouper();
        List<UUID> ids = new ArrayList<>();
        for (LabelledArticle article : articles) {
            ids.add(grouper.assign(article.article()).story().id());
        }
        return ids;
    }

    private static StoryGrouper grouper() {
        return new StoryGrouper(new InMemoryStoryStore(), StoryGroupingSettings.defaults());
    }

    private static StoryArticle copyAt(String name, Instant at) {
        return article(name, "en", "Late Edition", at, GAZA_WIRE.topics(), GAZA_WIRE.title(), GAZA_WIRE.body());
    }

    private static StoryArticle article(String name, String language, String source, Instant at,
            Map<String, Double> topics, String title, String body) {
        UUID id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        return new StoryArticle(id, title, body, source, "https://example.com/" + name, language, at, topics);
    }
}
