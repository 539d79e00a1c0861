package io.newshound.classifier.classification;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.newshound.classifier.event.ArticleClassified.Evidence;
import io.newshound.classifier.event.ArticleClassified.Topic;
import io.newshound.classifier.taxonomy.TaxonomySource;

import static org.assertj.core.api.Assertions.assertThat;

class TaxonomyEngineTest {

    static final TaxonomyEngine ENGINE = TaxonomyEngine.compile(TaxonomySource.bundled(), null);

    static List<String> slugs(String title, String body, String lang) {
        return ENGINE.classify(title, body, lang).stream().map(Topic::slug).toList();
    }

    @Test
    void findsSecurityGuaranteesAndLandSwapButNotANegatedCeasefireInTheGoldenArticle() {
        String title = "Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit";
        String body = "Putin agreed to Article 5-like security guarantees for Ukraine at the Alaska summit on Friday, "
                + "according to officials briefed on the talks. There is no ceasefire yet, and land swaps are still "
                + "open, the officials said.";
        List<Topic> topics = ENGINE.classify(title, body, "en");
        assertThat(topics).extracting(Topic::slug).contains("security-guarantees", "land-swap")
                .doesNotContain("ceasefire");
        Evidence landSwap = topics.stream().filter(t -> t.slug().equals("land-swap")).findFirst().orElseThrow()
                .evidence().get(0);
        assertThat(body.substring(landSwap.start(), landSwap.end())).isEqualTo("land swaps");
    }
}
