package io.newshound.classifier.classification;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newshound.classifier.taxonomy.TaxonomySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The features the decision weighs, on articles built to show one property each. */
class CentralityFeaturesTest {

    static final TaxonomyEngine RULES = TaxonomyEngine.compile(TaxonomySource.bundled(), null);

    static double feature(String title, String body, String slug, String name) {
        return RULES.candidates(title, body, "en", false).stream().filter(c -> c.slug().equals(slug)).findFirst()
                .orElseThrow().features()[CentralityFeatures.NAMES.indexOf(name)];
    }

    static final String FILLER = "Growth slowed in the third quarter as exporters struggled with weak demand. "
            + "Economists expect the central bank to hold rates steady. ";

    @Test
    void aTopicInTheTitleAndLeadIsCentralAndOneNamedInPassingIsNot() {
        String lead = "A ceasefire between the two armies took hold on Sunday. Both sides said the truce held overnight.";
        String passing = FILLER.repeat(8) + "Markets barely moved when the ceasefire was extended. " + FILLER.repeat(8);

        assertThat(feature("Ceasefire takes hold", lead, "ceasefire", "title")).isEqualTo(1);
        assertThat(feature("Ceasefire takes hold", lead, "ceasefire", "lead")).isEqualTo(1);
        assertThat(feature("Ceasefire takes hold", lead, "ceasefire", "share")).isEqualTo(1);
        assertThat(feature("Economy slows", passing, "ceasefire", "title")).isZero();
        assertThat(feature("Economy slows", passing, "ceasefire", "lead")).isZero();
        assertThat(feature("Economy slows", passing, "ceasefire", "share")).isLessThan(0.1);
    }

    @Test
    void marksBackgroundHypotheticalAndOtherSenseSentences() {
        assertThat(feature("Talks", "Prices have risen since the 2022 truce collapsed.", "ceasefire", "background"))
                .isEqualTo(1);
        assertThat(feature("Talks", "A truce would be possible if both sides agreed.", "ceasefire", "hypothetical"))
                .isEqualTo(1);
        assertThat(feature("Rules", "New sanctions were imposed yesterday, the auditors of the firm told shareholders.",
                "sanctions",
                "otherSense")).isEqualTo(1);
        assertThat(feature("Truce", "The truce between the armies held on Sunday.", "ceasefire", "background"))
                .isZero();
    }

    @Test
    void judgesTheItemsOfALiveBlogOneByOne() {
        String blog = String.join("\n\n", List.of(
                "10:05 The ceasefire in the north held overnight. Monitors reported no shelling. The truce is in its "
                        + "third day.",
                "10:40 Shares in Europe opened higher.",
                "11:15 The football league announced its fixtures.",
                "11:50 Rain is expected across the region."));

        assertThat(feature("Live: latest", blog, "ceasefire", "listLike")).isEqualTo(1);
        assertThat(feature("Live: latest", blog, "ceasefire", "itemShare")).isGreaterThan(0.6);
        assertThat(feature("Live: latest", blog, "ceasefire", "itemHead")).isEqualTo(1);
        assertThat(feature("Live: latest", blog, "ceasefire", "paragraphs")).isCloseTo(4 / 30.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void findsSentencesAndParagraphs() {
        BodyLayout layout = BodyLayout.of("First one. Second one!\n\nThird; fourth? Fifth\nSixth");

        assertThat(layout.sentences()).isEqualTo(6);
        assertThat(layout.paragraphs()).isEqualTo(3);
        assertThat(layout.sentenceAt(layout.sentenceStart(2) + 2)).isEqualTo(2);
        assertThat(layout.opensParagraph(2)).isTrue();
        assertThat(layout.opensParagraph(3)).isFalse();
        assertThat(layout.paragraphOf(5)).isEqualTo(2);
    }
}
