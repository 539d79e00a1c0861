package io.newshound.classifier.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.newshound.classifier.classification.DecisionModel;
import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.taxonomy.TaxonomySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retraining command: learns the decision model from the development sets and writes it to
 * {@code src/main/resources/taxonomy/decision-model.json} with the version given in {@code -Dnewshound.retrain}. Run it
 * after every change to the taxonomy or to the features (see the README). A tool run through the build so that it works
 * from a fresh clone; skipped unless asked for.
 */
@EnabledIfSystemProperty(named = "newshound.retrain", matches = ".+")
class RetrainDecisionModelTest {

    /** The sets the model learns from: never a held-out part. */
    static final List<String> TRAINING_SETS = List.of(
            System.getProperty("newshound.retrain.sets", "journalism/dev,dev").split(","));

    @Test
    void retrainsTheDecisionModelOnTheDevelopmentSets() throws Exception {
        TaxonomyEngine rules = TaxonomyEngine.compile(TaxonomySource.bundled(), null);
        List<LabelledArticle> articles = new ArrayList<>();
        TRAINING_SETS.forEach(s -> articles.addAll(LabelledArticle.load(s)));
        DecisionTrainer.Result result = DecisionTrainer.train(rules, articles, TRAINING_SETS,
                System.getProperty("newshound.retrain"));
        System.out.println(DecisionTrainer.summary(result, ".*"));
        System.out.println(DecisionTrainer.summary(result, ".*-j.*"));

        String dump = System.getProperty("newshound.retrain.dump");
        if (dump != null) {
            Files.writeString(Path.of(dump), DecisionTrainer.outOfFoldTable(result));
        }
        Path out = Path.of(System.getProperty("newshound.root"), "classifier-service/src/main/resources",
                DecisionModel.RESOURCE);
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(result.model());
        Files.write(out, json);
        assertThat(DecisionModel.read(Files.readAllBytes(out))).isEqualTo(result.model());
    }
}
