package io.newshound.classifier.taxonomy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.taxonomy.TaxonomyException.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxonomyParserTest {

    static Taxonomy parse(String yaml) {
        return TaxonomyParser.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheBundledTaxonomyWithEveryTopicInEveryLanguage() {
        Taxonomy t = TaxonomySource.bundled();
        assertThat(t.version()).isEqualTo("2026.11.0");
        assertThat(t.topics()).extracting(Taxonomy.Topic::slug).containsExactly("ceasefire", "sanctions", "land-swap",
                "security-guarantees", "peace-talks", "prisoner-exchange", "energy-strikes");
        assertThat(t.topics()).allSatisfy(
                topic -> assertThat(topic.rules().keySet()).containsExactlyInAnyOrder("en", "uk", "ru", "de", "fr"));
    }

    @Test
    void namesEveryProblemOfAnInvalidTaxonomy() {
        String yaml = """
                version: next
                topics:
                  - slug: Cease Fire
                    label: ""
                    threshold: 1.5
                    rules:
                      es:
                        - id: phrase
                          phrases: [alto el fuego]
                      en:
                        - id: both
                          phrases: [ceasefire]
                          near: {left: [land], right: [swap]}
                """;
        assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(TaxonomyException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder("version",
                        "topics[0].slug", "topics[0].label", "topics[0].threshold", "topics[0].rules.es",
                        "topics[0].rules.en[0]"));
    }

    @Test
    void rejectsAnUnknownPropertyNamingWhereItIs() {
        String yaml = """
                version: 2026.11.1
                topics:
                  - slug: ceasefire
                    label: Ceasefire
                    rules:
                      en:
                        - id: phrase
                          phrase: [ceasefire]
                """;
        assertThatThrownBy(() -> parse(yaml)).isInstanceOfSatisfying(TaxonomyException.class,
                e -> assertThat(e.violations().get(0).field()).startsWith("topics[0].rules.en[0].phrase"));
    }

    @Test
    void rejectsAPrefixThatIsNotASingleWordWhenCompiling() {
        Taxonomy t = parse("""
                version: 2026.11.1
                topics:
                  - slug: ceasefire
                    label: Ceasefire
                    rules:
                      en:
                        - id: phrase
                          phrases: ["cease-fir*"]
                """);
        assertThatThrownBy(() -> TaxonomyEngine.compile(t)).isInstanceOfSatisfying(TaxonomyException.class,
                e -> assertThat(e.violations()).extracting(Violation::field)
                        .containsExactly("topics[0].rules.en[0].phrases[0]"));
    }
}
