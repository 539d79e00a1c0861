package io.newshound.alert.story;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Developments that share a topic, a source and a template, told apart by where they happened and what they hit. */
class StorySitesGroupingTest {

    private static final Instant NIGHT = Instant.parse("2026-12-03T03:12:00Z");
    private static final Map<String, Double> ENERGY_WAR = Map.of("war-ukraine", 0.93, "energy", 0.86);

    private static final StoryArticle KHARKIV = article("kharkiv", "en", "Example Wire", NIGHT,
            "Russian drones hit Kharkiv thermal power plant overnight",
            "Russian drones struck a thermal power plant in Kharkiv overnight, causing a large fire and cutting "
                    + "heating to parts of the city, Ukraine's energy ministry said on Thursday. Air defences shot "
                    + "down most of the drones launched in the overnight attack on energy facilities, the air force "
                    + "said. Emergency crews were working to restore supply.");
    private static final StoryArticle ODESA = article("odesa", "en", "Example Wire", NIGHT.plusSeconds(1),
            "Russian missiles strike Odesa port energy facility",
            "Russian missiles struck an energy facility at the port of Odesa overnight, causing a fire and power "
                    + "outages in the port area, Ukraine's energy ministry said on Thursday. Air defences shot down "
                    + "several missiles launched in the overnight attack on energy facilities, the air force said. "
                    + "Emergency crews were working to restore supply.");

    @Test
    void keepsStrikesOnTwoCitiesApartThoughOneOutletReportedThemASecondApart() {
        StoryGrouper grouper = grouper();
        StoryAssignment kharkiv = grouper.assign(KHARKIV);
        StoryAssignment odesa = grouper.assign(ODESA);

        assertThat(odesa.newStory()).isTrue();
        assertThat(odesa.story().id()).isNotEqualTo(kharkiv.story().id());
    }

    @Test
    void stillJoinsTheSameStrikeReportedInUkrainianAndGerman() {
        StoryGrouper grouper = grouper();
        StoryAssignment english = grouper.assign(KHARKIV);
        grouper.assign(ODESA);
        StoryAssignment ukrainian = grouper.assign(article("kharkiv-uk", "uk", "Новини Дня", NIGHT.plusSeconds(1680),
                "Російські дрони атакували ТЕЦ у Харкові",
                "Уночі російські ударні дрони влучили в теплоелектроцентраль у Харкові, спалахнула пожежа, частина "
                        + "міста залишилася без тепла, повідомили в Міненерго. Рятувальники працюють на місці."));
        StoryAssignment german = grouper.assign(article("kharkiv-de", "de", "Nachrichtenblatt",
                NIGHT.plusSeconds(11_880), "Russische Drohnen treffen Heizkraftwerk in Charkiw",
                "Russische Drohnen haben in der Nacht ein Heizkraftwerk in Charkiw getroffen. Nach Angaben des "
                        + "ukrainischen Energieministeriums brach ein Großbrand aus, Teile der Stadt sind ohne Heizung."));

        assertThat(ukrainian.story().id()).isEqualTo(english.story().id());
        assertThat(german.story().id()).isEqualTo(english.story().id());
    }

    @Test
    void keepsTwoTargetsInOneCityApartTheSameEvening() {
        StoryGrouper grouper = grouper();
        Instant evening = Instant.parse("2026-12-06T21:40:00Z");
        StoryAssignment apartments = grouper.assign(article("zp-apartments", "en", "Example Wire", evening,
                "Guided bomb hits apartment block in Zaporizhzhia, nine wounded",
                "A Russian guided aerial bomb hit a nine-storey apartment block in Zaporizhzhia on Sunday evening, "
                        + "wounding nine people, regional governor Ivan Fedorov said."));
        StoryAssignment substation = grouper.assign(article("zp-substation", "en", "Example Wire",
                evening.plusSeconds(8100), "Drones strike substation in Zaporizhzhia, part of city without power",
                "Russian drones struck an electrical substation in Zaporizhzhia late on Sunday, cutting power to "
                        + "part of the city, regional governor Ivan Fedorov said. No one was hurt."));

        assertThat(substation.story().id()).isNotEqualTo(apartments.story().id());
    }

    private static StoryGrouper grouper() {
        return new StoryGrouper(new InMemoryStoryStore(), StoryGroupingSettings.defaults());
    }

    private static StoryArticle article(String name, String language, String source, Instant at, String title,
            String body) {
        UUID id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        return new StoryArticle(id, title, body, source, "https://example.com/" + name, language, at, ENERGY_WAR);
    }
}
