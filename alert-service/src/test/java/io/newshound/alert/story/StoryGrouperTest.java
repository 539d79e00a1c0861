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

    private static final StoryArticle BANK_OF_JAPAN = article("boj", "en", "Example Wire", MONDAY,
            Map.of("central-banks", 0.95, "economy", 0.7), "Bank of Japan raises rates to 0.75%, highest since 1995",
            "The Bank of Japan raised its policy rate to 0.75% on Wednesday, the highest level since 1995. Governor "
                    + "Kazuo Ueda said wages were rising steadily and the yen's weakness pushed up prices.");
    private static final StoryArticle BANK_OF_ENGLAND = article("boe", "de", "Nachrichtenblatt",
            MONDAY.plus(Duration.ofHours(20)), Map.of("central-banks", 0.95, "economy", 0.7),
            "Bank of England belässt Leitzins bei 4 Prozent",
            "Die Bank of England hat ihren Leitzins mit 5 zu 4 Stimmen bei 4 Prozent belassen. Gouverneur Andrew "
                    + "Bailey sagte, die Inflation in Großbritannien sei noch zu hoch.");

    @Test
    void keepsTwoCentralBanksApartThoughBothSayBankAndGovernor() {
        StoryGrouper grouper = grouper();
        UUID japan = grouper.assign(BANK_OF_JAPAN).story().id();
        UUID england = grouper.assign(BANK_OF_ENGLAND).story().id();

        assertThat(england).isNotEqualTo(japan);
    }

    @Test
    void joinsAReportInAnotherScriptThroughItsDecimalAndItsPlace() {
        StoryGrouper grouper = grouper();
        StoryAssignment english = grouper.assign(article("crete-en", "en", "Example Wire", MONDAY,
                Map.of("earthquake", 0.96, "natural-disaster", 0.88),
                "Magnitude 5.9 earthquake shakes Crete, no casualties reported",
                "A magnitude 5.9 earthquake struck off the Greek island of Crete on Tuesday evening, the Athens "
                        + "geodynamic institute said. It was felt in Heraklion, where residents spent the night "
                        + "outdoors."));
        StoryAssignment russian = grouper.assign(article("crete-ru", "ru", "Вестник", MONDAY.plusSeconds(4200),
                Map.of("earthquake", 0.94, "natural-disaster", 0.86),
                "У берегов Крита произошло землетрясение магнитудой 5,9",
                "Землетрясение магнитудой 5,9 произошло у греческого острова Крит, сообщил геодинамический "
                        + "институт в Афинах. Толчки ощущались в Ираклионе, пострадавших нет."));

        assertThat(russian.newStory()).isFalse();
        assertThat(russian.story().id()).isEqualTo(english.story().id());
    }

    @Test
    void needsKeyTermsBeyondSharedTopicsAndCommonNamesToJoin() {
        // neither title nor first sentence names a listed place or target, so sites cannot tell them apart here
        StoryArticle kharkiv = article("kharkiv", "en", "Example Wire", MONDAY, Map.of("war-ukraine", 0.95),
                "Russian missiles leave 200,000 homes without electricity",
                "Russian missiles struck the Zmiivska plant overnight, leaving 200,000 homes without electricity, "
                        + "mayor Ihor Terekhov said. Zelensky asked Germany and Norway for more IRIS-T launchers.");
        StoryArticle odesa = article("odesa", "en", "Daily Courier", MONDAY.plus(Duration.ofHours(22)),
                Map.of("war-ukraine", 0.95), "Russian drones damage grain silos",
                "Russian drones damaged grain silos overnight, governor Oleh Kiper said. Zelensky said shipments "
                        + "to Egypt and Tunisia from Chornomorsk and Izmail would resume on Friday.");
        // without the floor and without the signals that would also keep them apart (time, content words)
        StoryGroupingSettings withoutFloor = StoryGroupingSettings.defaults().withMinKeyTermScore(0)
                .withTimePenalty(0).withContent(0, 0);
        StoryGrouper lenient = new StoryGrouper(new InMemoryStoryStore(), withoutFloor);
        StoryGrouper grouper = grouper();

        UUID lenientKharkiv = lenient.assign(kharkiv).story().id();
        UUID lenientOdesa = lenient.assign(odesa).story().id();
        UUID kharkivStory = grouper.assign(kharkiv).story().id();
        UUID odesaStory = grouper.assign(odesa).story().id();

        // the same topic plus "Russian" and "Zelensky" is enough for the topic part to carry a join
        assertThat(lenientOdesa).isEqualTo(lenientKharkiv);
        assertThat(odesaStory).isNotEqualTo(kharkivStory);
    }

    @Test
    void keepsANewDevelopmentADayLaterApartThoughItNamesTheSamePlaceAndActors() {
        StoryArticle shipHit = article("ship-hit", "en", "Example Wire", MONDAY, Map.of("shipping", 0.9),
                "Houthi missile hits bulk carrier in Red Sea, three crew missing",
                "A Greek-owned bulk carrier, the Eternity Star, was struck by a missile 50 nautical miles south-west "
                        + "of Hodeidah on Tuesday, the UKMTO agency said. Three of its 22 crew are missing. Yemen's "
                        + "Houthis claimed the attack.");
        StoryArticle airStrikes = article("air-strikes", "en", "Daily Courier", MONDAY.plus(Duration.ofHours(18)),
                Map.of("shipping", 0.9), "US strikes Houthi-held port of Hodeidah after ship attack",
                "US warplanes struck the Houthi-controlled port of Hodeidah and the Ras Isa fuel terminal overnight, "
                        + "Central Command said, a day after a missile hit a Greek-owned ship. Houthi media reported "
                        + "12 dead.");
        StoryGroupingSettings namesAndTopicsOnly = StoryGroupingSettings.defaults().withTimePenalty(0).withContent(0,
                0);
        StoryGrouper lenient = new StoryGrouper(new InMemoryStoryStore(), namesAndTopicsOnly);
        StoryGrouper grouper = grouper();

        UUID lenientShip = lenient.assign(shipHit).story().id();
        UUID lenientStrikes = lenient.assign(airStrikes).story().id();
        UUID ship = grouper.assign(shipHit).story().id();
        UUID strikes = grouper.assign(airStrikes).story().id();

        // Houthi, Hodeidah, Greek and the topic are enough for names and topics alone
        assertThat(lenientStrikes).isEqualTo(lenientShip);
        assertThat(strikes).isNotEqualTo(ship);
    }

    @Test
    void keepsASpeechADayAfterAMeetingApartWhenItsWordingDisagrees() {
        StoryArticle meeting = article("meeting", "en", "Example Wire", MONDAY,
                Map.of("diplomacy", 0.95, "war-ukraine", 0.85),
                "Trump meets Zelensky at UN, says Ukraine can win back all its territory",
                "Donald Trump met Volodymyr Zelensky on the sidelines of the UN General Assembly in New York on "
                        + "Wednesday and afterwards wrote that Ukraine, with EU support, could win back all its "
                        + "territory. Zelensky called the meeting \"a good one\" and said they discussed Patriot "
                        + "deliveries.");
        StoryArticle meetingUkrainian = article("meeting-uk", "uk", "Новини Дня", MONDAY.plusSeconds(2400),
                Map.of("diplomacy", 0.94, "war-ukraine", 0.9),
                "Зеленський зустрівся з Трампом у Нью-Йорку: говорили про Patriot",
                "Володимир Зеленський провів зустріч із Дональдом Трампом на полях Генасамблеї ООН. За словами "
                        + "президента, сторони обговорили постачання систем Patriot і санкції. Після зустрічі Трамп "
                        + "заявив, що Україна може повернути всі свої території.");
        StoryArticle speech = article("speech", "en", "Daily Courier", MONDAY.plus(Duration.ofHours(21)),
                Map.of("diplomacy", 0.93, "war-ukraine", 0.85),
                "Zelensky warns UN of drone arms race, urges action on abducted children",
                "Speaking at the UN General Assembly in New York on Thursday, Volodymyr Zelensky warned that the "
                        + "world was entering the most destructive arms race in history, driven by drones and AI. He "
                        + "urged governments to help return 20,000 Ukrainian children taken to Russia.");
        StoryGrouper namesOnly = new StoryGrouper(new InMemoryStoryStore(),
                StoryGroupingSettings.defaults().withContent(0, 0));
        StoryGrouper grouper = grouper();

        UUID namesOnlyMeeting = namesOnly.assign(meeting).story().id();
        namesOnly.assign(meetingUkrainian);
        UUID namesOnlySpeech = namesOnly.assign(speech).story().id();
        UUID first = grouper.assign(meeting).story().id();
        grouper.assign(meetingUkrainian);
        UUID second = grouper.assign(speech).story().id();

        // Zelensky, UN, General Assembly and New York in both: the names a day apart are not enough to tell
        assertThat(namesOnlySpeech).isEqualTo(namesOnlyMeeting);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void followsUpADayLaterWhenTheNamesAgree() {
        StoryArticle market = article("market", "en", "Example Wire", MONDAY, Map.of("war-ukraine", 0.95),
                "Russian shelling of Kherson market kills four despite truce",
                "Russian artillery hit a covered market in Kherson early on Monday, killing four people and wounding "
                        + "11, regional governor Oleksandr Prokudin said, two days into a 30-day truce on strikes.");
        StoryArticle toll = article("toll", "en", "Daily Courier", MONDAY.plus(Duration.ofHours(25)),
                Map.of("war-ukraine", 0.95), "Kherson market shelling: death toll rises to seven, Prokudin says",
                "Two more people wounded in Monday's Russian shelling of the covered market in Kherson have died in "
                        + "hospital, bringing the toll to seven, governor Oleksandr Prokudin said.");
        StoryGrouper grouper = grouper();

        UUID first = grouper.assign(market).story().id();
        StoryAssignment followUp = grouper.assign(toll);

        assertThat(followUp.newStory()).isFalse();
        assertThat(followUp.story().id()).isEqualTo(first);
    }

    @Test
    void joinsAThinReportInAnotherScriptThroughRareWordsBesideItsOneName() {
        StoryArticle ukrainian = article("uz-uk", "uk", "Новини Дня", MONDAY, Map.of("cyber", 0.9),
                "Укрзалізниця зазнала масштабної кібератаки",
                "Через кібератаку не працює онлайн-продаж квитків Укрзалізниці, повідомила компанія. Поїзди "
                        + "курсують за графіком, квитки продають у касах.");
        StoryArticle russian = article("uz-ru", "ru", "Вестник", MONDAY.plus(Duration.ofHours(2)),
                Map.of("cyber", 0.9), "Хакеры атаковали «Укрзализныцю»",
                "Сайт и приложение «Укрзализныци» не работают после кибератаки. Продажа билетов идёт только в "
                        + "кассах, сообщили в компании.");
        StoryGrouper namesOnly = new StoryGrouper(new InMemoryStoryStore(),
                StoryGroupingSettings.defaults().withRareWordsForKeyTerm(Integer.MAX_VALUE));
        StoryGrouper grouper = grouper();

        UUID namesOnlyUkrainian = namesOnly.assign(ukrainian).story().id();
        UUID namesOnlyRussian = namesOnly.assign(russian).story().id();
        UUID first = grouper.assign(ukrainian).story().id();
        UUID second = grouper.assign(russian).story().id();

        // one shared name is not enough on its own; "кибератаки" and "кассах" say it is the same development
        assertThat(namesOnlyRussian).isNotEqualTo(namesOnlyUkrainian);
        assertThat(second).isEqualTo(first);
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
