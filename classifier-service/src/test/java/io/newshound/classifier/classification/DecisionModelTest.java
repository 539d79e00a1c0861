package io.newshound.classifier.classification;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.classifier.event.ArticleClassified.Contribution;
import io.newshound.classifier.event.ArticleClassified.Decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DecisionModelTest {

    static DecisionModel model(Map<String, DecisionModel.LanguageParameters> languages) {
        List<Double> weights = new java.util.ArrayList<>(Collections.nCopies(CentralityFeatures.NAMES.size(), 0.0));
        weights.set(CentralityFeatures.NAMES.indexOf("title"), 2.0);
        weights.set(CentralityFeatures.NAMES.indexOf("dominance"), 1.0);
        return new DecisionModel("test", null, CentralityFeatures.NAMES, -1.0, weights,
                Map.of("ceasefire", new DecisionModel.TopicParameters(0.5, 0.6, 10)),
                new DecisionModel.Calibration(0.8, 0.1), languages, 0.5);
    }

    static double[] features(double title, double dominance) {
        double[] x = new double[CentralityFeatures.NAMES.size()];
        x[CentralityFeatures.NAMES.indexOf("title")] = title;
        x[CentralityFeatures.NAMES.indexOf("dominance")] = dominance;
        return x;
    }

    @Test
    void scoresTheCalibratedLogisticOfTheWeighedFeatures() {
        DecisionModel m = model(Map.of());

        // log-odds -1 + 0.5 + 2 + 0.5 = 2, calibrated 0.8 x 2 + 0.1 = 1.7
        assertThat(m.score("ceasefire", features(1, 0.5))).isCloseTo(1 / (1 + Math.exp(-1.7)), within(1e-9));
        // a topic the model has no intercept for gets none
        assertThat(m.score("new-topic", features(1, 0.5))).isCloseTo(1 / (1 + Math.exp(-1.3)), within(1e-9));
    }

    @Test
    void explainsADecisionWithContributionsThatAddUpToItsLogOdds() {
        DecisionModel m = model(Map.of());
        double[] x = features(1, 0.5);

        Decision d = m.explain("ceasefire", x, 0.93, 0.6);

        double logit = Math.log(m.score("ceasefire", x) / (1 - m.score("ceasefire", x)));
        assertThat(d.contributions().stream().mapToDouble(Contribution::contribution).sum()).isCloseTo(logit,
                within(0.01));
        assertThat(d.contributions().get(0)).isEqualTo(new Contribution("title", 1, 1.6));
        assertThat(d.model()).isEqualTo("test");
        assertThat(d.threshold()).isEqualTo(0.6);
        assertThat(d.ruleScore()).isEqualTo(0.93);
    }

    @Test
    void aLanguageWithWeakRulesAbstainsAndAnotherNeedsItsMinimumScore() {
        DecisionModel m = model(Map.of("fr", new DecisionModel.LanguageParameters(0, true), "de",
                new DecisionModel.LanguageParameters(0.8, false)));

        assertThat(m.threshold("ceasefire", "en")).isEqualTo(0.6);
        assertThat(m.threshold("ceasefire", "de")).isEqualTo(0.8);
        assertThat(m.threshold("ceasefire", "fr")).isInfinite();
        assertThat(m.threshold("other", "en")).isEqualTo(0.5);
    }

    @Test
    void rejectsAModelTrainedOnOtherFeatures() throws Exception {
        DecisionModel m = model(Map.of());
        String json = new ObjectMapper().writeValueAsString(m).replace("\"itemHead\"", "\"somethingElse\"");

        assertThatThrownBy(() -> DecisionModel.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("somethingElse");
        assertThat(DecisionModel.read(new ObjectMapper().writeValueAsBytes(m))).isEqualTo(m);
    }
}
