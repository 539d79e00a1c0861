package io.newshound.alert.story;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventSitesTest {

    @Test
    void readsPlaceAndTargetFromTheTitleInEveryScript() {
        assertThat(EventSites.ofArticle("Russian drones hit Kharkiv thermal power plant overnight", "").places())
                .containsExactly("Kharkiv");
        assertThat(EventSites.ofArticle("Російські дрони атакували ТЕЦ у Харкові", "").places())
                .containsExactly("Kharkiv");
        assertThat(EventSites.ofArticle("В Харькове после атаки беспилотников горит ТЭЦ", "").targets())
                .containsExactly("power-plant");
        assertThat(EventSites.ofArticle("Russische Drohnen treffen Heizkraftwerk in Charkiw", "").places())
                .containsExactly("Kharkiv");
        assertThat(EventSites.ofArticle("Russische Drohnen treffen Heizkraftwerk in Charkiw", "").targets())
                .containsExactly("power-plant");
        assertThat(EventSites.ofArticle("Ракетний удар по порту Одеси", "").targets()).containsExactly("port");
    }

    @Test
    void fallsBackToTheFirstSentenceWhenTheTitleNamesNoSite() {
        EventSites sites = EventSites.ofArticle("Overnight attack leaves thousands without power",
                "Russian drones damaged a substation in Dnipro overnight. Kyiv was also under alert.");

        assertThat(sites.places()).containsExactly("Dnipro");
        assertThat(sites.targets()).containsExactly("substation");
    }

    @Test
    void takesNoNameForAPlaceOnlyBecauseItsSkeletonMatches() {
        // "Russian" and "Ryazan", "RSF" and "Rzeszow" share consonant skeletons
        assertThat(EventSites.ofArticle("Russian army and RSF agree truce", "").places()).isEmpty();
        // "portes" is no port, "Marseille" no listed place
        assertThat(EventSites.ofArticle("Incendie aux portes de Marseille", "").targets()).isEmpty();
    }

    @Test
    void contradictsWhenTheSitesDifferAndNeitherReportMentionsTheOther() {
        EventSites kharkiv = EventSites.ofArticle("Russian drones hit Kharkiv thermal power plant overnight",
                "Russian drones struck a thermal power plant in Kharkiv overnight, the energy ministry said.");
        EventSites odesa = EventSites.ofStory("Russian missiles strike Odesa port energy facility", List.of("ads"));

        assertThat(kharkiv.contradicts(odesa)).isTrue();
        assertThat(kharkiv.agrees(odesa)).isFalse();
    }

    @Test
    void neitherContradictsNorAgreesWhenOneReportNamesBothSites() {
        EventSites both = EventSites.ofArticle("Overnight strikes hit Kharkiv power plant and Odesa port",
                "Russian drones and missiles hit energy sites in two cities.");
        EventSites odesa = EventSites.ofStory("Russian missiles strike Odesa port energy facility", List.of());

        assertThat(both.contradicts(odesa)).isFalse();
    }

    @Test
    void agreesOnTheSamePlaceAndKindOfTargetAcrossLanguages() {
        EventSites ukrainian = EventSites.ofArticle("Російські дрони атакували ТЕЦ у Харкові", "");
        EventSites english = EventSites.ofStory("Russian drones hit Kharkiv thermal power plant overnight",
                List.of("hrkv"));

        assertThat(ukrainian.agrees(english)).isTrue();
        assertThat(ukrainian.contradicts(english)).isFalse();
    }

    @Test
    void knowsNothingOfAStoryWhoseHeadlineNamesNoSite() {
        EventSites kharkiv = EventSites.ofArticle("Russian drones hit Kharkiv thermal power plant overnight", "");
        EventSites none = EventSites.ofStory("Fed cuts rates by a quarter point", List.of("fd"));

        assertThat(kharkiv.contradicts(none)).isFalse();
        assertThat(kharkiv.agrees(none)).isFalse();
    }
}
