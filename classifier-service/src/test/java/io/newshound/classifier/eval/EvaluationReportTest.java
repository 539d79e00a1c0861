package io.newshound.classifier.eval;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation command: prints {@link TopicEvaluation}'s report for the sets named in {@code -Dnewshound.eval} (comma
 * separated, e.g. {@code journalism/dev,dev}); {@code -Dnewshound.eval.errors=true} lists every error. A tool run
 * through the build so that it works from a fresh clone; it is skipped when no set is named.
 */
@EnabledIfSystemProperty(named = "newshound.eval", matches = ".+")
class EvaluationReportTest {

    @Test
    void printsTheEvaluationOfTheNamedSets() {
        List<String> splits = List.of(System.getProperty("newshound.eval").split(","));
        String report = TopicEvaluation.report(splits, Boolean.getBoolean("newshound.eval.errors"));
        System.out.println(report);
        assertThat(report).contains("macro-F1");
    }
}
