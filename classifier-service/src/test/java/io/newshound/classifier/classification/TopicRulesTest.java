package io.newshound.classifier.classification;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.newshound.classifier.event.ArticleClassified.Evidence;
import io.newshound.classifier.event.ArticleClassified.Topic;
import io.newshound.classifier.taxonomy.TaxonomySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled rules on real-world style sentences in every supported language. */
class TopicRulesTest {

    static final TaxonomyEngine ENGINE = TaxonomyEngine.compile(TaxonomySource.bundled(), null);

    static List<String> topics(String language, String title, String body) {
        return ENGINE.classify(title, body, language).stream().map(Topic::slug).toList();
    }

    static Stream<Arguments> flagged() {
        return Stream.of(
                Arguments.of("en", "ceasefire", "Israel and Hamas agree Gaza ceasefire", "The truce starts on Sunday."),
                Arguments.of("en", "sanctions", "EU slaps new sanctions on Russian banks", "Assets will be frozen."),
                Arguments.of("en", "land-swap", "Envoy floats territorial exchange", "Kyiv would cede territory."),
                Arguments.of("en", "security-guarantees", "Allies offer Article 5-like protection to Kyiv",
                        "The security guarantees would be modelled on NATO's Article 5."),
                Arguments.of("en", "prisoner-exchange", "Kyiv and Moscow swap 300 prisoners of war",
                        "The prisoners were exchanged at the Belarus border."),
                Arguments.of("en", "energy-strikes", "Drones hit substations in Odesa",
                        "Russian drones struck two substations overnight."),
                Arguments.of("en", "peace-talks", "Peace talks resume in Istanbul",
                        "Delegations from Russia and Ukraine met for a third round."),
                Arguments.of("de", "ceasefire", "Waffenruhe in Gaza hält", "Die Waffenruhe gilt seit Sonntag."),
                Arguments.of("de", "sanctions", "EU verhängt neue Sanktionen gegen Russland", "Das Paket ist fertig."),
                Arguments.of("de", "security-guarantees", "Sicherheitsgarantien für die Ukraine", "Berlin sagt zu."),
                Arguments.of("fr", "ceasefire", "Le cessez-le-feu entre en vigueur au Liban", "La trêve tient."),
                Arguments.of("fr", "prisoner-exchange", "Nouvel échange de prisonniers",
                        "Kiev et Moscou l'ont confirmé."),
                Arguments.of("fr", "land-swap", "Washington évoque un échange de territoires", "Kiev refuse."),
                Arguments.of("ru", "ceasefire", "Израиль и ХАМАС договорились о перемирии",
                        "Перемирие начнется в воскресенье."),
                Arguments.of("ru", "sanctions", "ЕС ввел новые санкции против России", "Пакет санкций утвержден."),
                Arguments.of("ru", "energy-strikes", "Дроны атаковали НПЗ в Рязани",
                        "Беспилотники атаковали нефтеперерабатывающий завод."),
                Arguments.of("uk", "ceasefire", "Ізраїль і ХАМАС погодили перемир'я", "Перемир’я почнеться в неділю."),
                Arguments.of("uk", "prisoner-exchange", "Україна повернула з полону 150 захисників",
                        "Відбувся обмін полоненими."),
                Arguments.of("uk", "security-guarantees", "Гарантії безпеки для України обговорили в Парижі",
                        "Коаліція охочих готує сили стримування."),
                Arguments.of("uk", "land-swap", "Путін вимагає віддати Донбас", "Київ відкидає обмін територіями."));
    }

    @ParameterizedTest(name = "{0}: {1} in \"{2}\"")
    @MethodSource("flagged")
    void flagsTheTopicOfARealHeadline(String language, String topic, String title, String body) {
        assertThat(topics(language, title, body)).contains(topic);
    }

    static Stream<Arguments> notFlagged() {
        return Stream.of(
                Arguments.of("en", "ceasefire", "US and China extend trade truce", "The tariff truce runs 90 days."),
                Arguments.of("en", "sanctions", "UEFA sanctions club over fan violence",
                        "The club must play two matches behind closed doors."),
                Arguments.of("en", "land-swap", "Lakers complete three-team trade",
                        "The guard was swapped for two draft picks."),
                Arguments.of("en", "land-swap", "Face swap app goes viral", "The face swap filter worries regulators."),
                Arguments.of("en", "energy-strikes", "Refinery workers strike over pay",
                        "The union said the strike at the refinery would last a week."),
                Arguments.of("en", "peace-talks", "Nurses' union and ministry resume wage talks",
                        "Negotiations on pay resumed on Monday."),
                Arguments.of("de", "sanctions", "UEFA verhängt Sanktionen gegen Verein",
                        "Fans hatten Pyrotechnik gezündet."),
                Arguments.of("fr", "ceasefire", "Trêve commerciale entre Pékin et Washington",
                        "Les droits de douane baissent."),
                Arguments.of("ru", "ceasefire", "США и Китай продлили торговое перемирие", "Пошлины отложены."),
                Arguments.of("uk", "ceasefire", "США і Китай продовжили торговельне перемир'я", "Мита відкладено."));
    }

    @ParameterizedTest(name = "{0}: not {1} in \"{2}\"")
    @MethodSource("notFlagged")
    void doesNotFlagAHardNegative(String language, String topic, String title, String body) {
        assertThat(topics(language, title, body)).doesNotContain(topic);
    }

    @Test
    void lowersANegatedPassingMentionBelowTheThreshold() {
        String body = "Officials met in Geneva on Tuesday to discuss grain shipments and port access. "
                + "There is no ceasefire yet, one diplomat said.";
        assertThat(topics("en", "Grain corridor talks continue in Geneva", body)).doesNotContain("ceasefire");
        assertThat(ENGINE.classify("Grain corridor talks continue in Geneva", body, "en", true))
                .filteredOn(t -> t.slug().equals("ceasefire")).singleElement()
                .satisfies(t -> assertThat(t.score()).isLessThan(0.2));
    }

    @Test
    void readsNegationCuesOfSeveralWordsInAnyCaseBeforeAndAfterAHit() {
        String title = "Grain corridor talks continue";
        String lead = "Officials met in Geneva on Tuesday to discuss grain shipments and port access. ";
        double plain = ceasefire(title, lead + "A ceasefire was agreed for the port, one diplomat said.");
        double before = ceasefire(title, lead + "Both sides are FAR FROM a ceasefire for the port, one diplomat said.");
        double after = ceasefire(title, lead + "A ceasefire is not on the table, one diplomat said.");
        double otherSentence = ceasefire(title, lead + "Not all went well. A ceasefire was agreed for the port.");
        assertThat(before).isLessThan(plain / 2);
        assertThat(after).isLessThan(plain / 2);
        assertThat(otherSentence).as("a cue in the sentence before does not count").isEqualTo(plain);
        // lower-casing the Turkish capital I with a dot lengthens the text; the cue is still found
        assertThat(ceasefire(title, lead + "Officials in İzmir see no ceasefire for the port."))
                .isEqualTo(ceasefire(title, lead + "Officials in Izmir see no ceasefire for the port."))
                .isLessThan(plain / 2);
    }

    private static double ceasefire(String title, String body) {
        return ENGINE.classify(title, body, "en", true).stream().filter(t -> t.slug().equals("ceasefire"))
                .mapToDouble(Topic::score).findFirst().orElse(0);
    }

    @Test
    void weighsTheTitleAboveAPassingMentionAtTheEnd() {
        String filler = "Markets were calm and the weather was mild across the region on Tuesday. ".repeat(12);
        double inTitle = score("Sanctions on Russian oil traders", filler);
        double atEnd = score("Markets calm", filler + "Separately, officials mentioned sanctions.");
        assertThat(inTitle).isGreaterThan(atEnd);
        assertThat(atEnd).isLessThan(0.5);
    }

    @Test
    void givesEvidenceOffsetsIntoTheOriginalText() {
        String body = "Officials said that Ukraine and Russia exchanged prisoners of war on Friday.";
        Evidence e = ENGINE.classify("Exchange at the border", body, "en").stream()
                .filter(t -> t.slug().equals("prisoner-exchange")).findFirst().orElseThrow().evidence().get(0);
        assertThat(e.field()).isEqualTo("body");
        assertThat(body.substring(e.start(), e.end())).containsIgnoringCase("prisoners");
        assertThat(e.snippet()).contains(body.substring(e.start(), e.end()));
        assertThat(e.ruleId()).startsWith("prisoner-exchange.en.");
    }

    private static double score(String title, String body) {
        return ENGINE.classify(title, body, "en", true).stream().filter(t -> t.slug().equals("sanctions"))
                .mapToDouble(Topic::score).findFirst().orElse(0);
    }
}
