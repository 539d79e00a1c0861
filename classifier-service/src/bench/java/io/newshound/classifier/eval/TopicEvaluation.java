package io.newshound.classifier.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.classification.TopicCandidate;
import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomySource;

/**
 * Scores the classifier against the labelled sets: for each set, the naive keyword baseline, the rule score alone (the
 * decision before the model) and the decision model, each per topic, per language and per genre, micro and macro, with
 * the reliability of scores; optionally every error. Run through {@code EvaluationReportTest} (see the README).
 */
public final class TopicEvaluation {

    private TopicEvaluation() {
    }

    /** @return the scores of an engine on the articles, with their declared languages */
    public static TopicScores score(TaxonomyEngine engine, List<LabelledArticle> articles) {
        TopicScores scores = new TopicScores(slugs(engine.taxonomy()));
        for (LabelledArticle a : articles) {
            Set<String> raised = new HashSet<>();
            Map<String, Double> scored = new HashMap<>();
            for (TopicCandidate c : engine.candidates(a.title(), a.body(), a.language(), false)) {
                scored.put(c.slug(), c.score());
                if (c.raised()) {
                    raised.add(c.slug());
                }
            }
            scores.add(a, raised, scored);
        }
        return scores;
    }

    /** @return the scores of the keyword baseline */
    public static TopicScores baseline(Taxonomy taxonomy, List<LabelledArticle> articles) {
        TopicScores scores = new TopicScores(slugs(taxonomy));
        for (LabelledArticle a : articles) {
            scores.add(a, KeywordBaseline.topics(a), Map.of());
        }
        return scores;
    }

    /**
     * @param splits
     *            the sets to report, e.g. {@code journalism/dev}
     * @param errors
     *            also list every error of the decision model
     */
    public static String report(List<String> splits, boolean errors) {
        Taxonomy taxonomy = TaxonomySource.bundled();
        TaxonomyEngine rules = TaxonomyEngine.compile(taxonomy, null);
        TaxonomyEngine engine = TaxonomyEngine.compile(taxonomy);
        StringBuilder out = new StringBuilder();
        out.append("Taxonomy ").append(taxonomy.version()).append(", decision model ")
                .append(engine.model() == null ? "none (rule score decides)" : engine.model().version()).append("\n\n");
        for (String split : splits) {
            List<LabelledArticle> articles = LabelledArticle.load(split);
            out.append(baseline(taxonomy, articles).report(split + ", keyword baseline", false)).append('\n');
            out.append(score(rules, articles).report(split + ", rule score alone", true)).append('\n');
            if (engine.model() != null) {
                TopicScores s = score(engine, articles);
                out.append(s.report(split + ", decision model " + engine.model().version(), true)).append('\n');
                if (errors) {
                    s.errors().forEach(e -> out.append(e).append('\n'));
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    static List<String> slugs(Taxonomy taxonomy) {
        List<String> slugs = new ArrayList<>();
        taxonomy.topics().forEach(t -> slugs.add(t.slug()));
        return slugs;
    }
}
