package io.newshound.classifier.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import io.newshound.classifier.classification.DecisionModel;
import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.classification.TopicCandidate;

/**
 * Learns the decision model from labelled articles. Each topic with evidence in an article is one example: its
 * centrality features, plus which topic it is, labelled by whether the article is about it. A logistic regression
 * (Tribuo's {@link LinearSGDTrainer} with the log loss) is fitted five times on four fifths of the articles to get
 * out-of-fold scores for every example; on those, Platt scaling calibrates the log-odds, each topic's threshold is
 * chosen, and each language's precision is checked (a language that stays below {@value #LANGUAGE_PRECISION} even at
 * high scores abstains). The final weights are fitted on all examples.
 */
public final class DecisionTrainer {

    static final int FOLDS = 5;
    static final long SEED = 20261208L;
    static final int EPOCHS = 40;
    /** Precision a language must reach to raise topics at all. */
    static final double LANGUAGE_PRECISION = 0.75;
    /** Weight of precision against recall when choosing thresholds (F-beta with beta below 1 favours precision). */
    static final double BETA = 0.7;
    /** Positives a topic needs before its own threshold counts as much as the shared one. */
    static final double THRESHOLD_PRIOR = 15;
    private static final String YES = "yes";
    private static final String NO = "no";

    /** One topic with evidence in one article. */
    record Example(String article, String language, String slug, double[] features, boolean gold) {
    }

    /** What training produced, with the out-of-fold scores it was calibrated and thresholded on. */
    record Result(DecisionModel model, List<Example> examples, double[] outOfFold, Map<String, Integer> missed) {
    }

    private DecisionTrainer() {
    }

    /** @return every topic with evidence in the articles, from an engine that decides by rule score alone */
    static List<Example> examples(TaxonomyEngine rules, List<LabelledArticle> articles, Map<String, Integer> missed) {
        List<Example> examples = new ArrayList<>();
        for (LabelledArticle a : articles) {
            List<TopicCandidate> candidates = rules.candidates(a.title(), a.body(), a.language(), false);
            for (TopicCandidate c : candidates) {
                examples.add(new Example(a.id(), a.language(), c.slug(), c.features(), a.topics().contains(c.slug())));
            }
            for (String gold : a.topics()) {
                if (candidates.stream().noneMatch(c -> c.slug().equals(gold))) {
                    missed.merge(a.language(), 1, Integer::sum);
                }
            }
        }
        return examples;
    }

    /**
     * @param sets
     *            the names of the training sets, for the model's provenance
     */
    static Result train(TaxonomyEngine rules, List<LabelledArticle> articles, List<String> sets, String version) {
        Map<String, Integer> missed = new TreeMap<>();
        List<Example> examples = examples(rules, articles, missed);
        List<String> slugs = TopicEvaluation.slugs(rules.taxonomy());
        List<String> names = new ArrayList<>(TopicCandidate.FEATURE_NAMES);
        slugs.forEach(s -> names.add("topic=" + s));

        double[] logit = new double[examples.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Example> train = new ArrayList<>();
            for (Example e : examples) {
                if (fold(e) != fold) {
                    train.add(e);
                }
            }
            double[] w = fit(names, rows(train, slugs), labels(train));
            for (int i = 0; i < examples.size(); i++) {
                if (fold(examples.get(i)) == fold) {
                    logit[i] = dot(w, row(examples.get(i), slugs));
                }
            }
        }
        // Platt scaling on the out-of-fold log-odds
        List<double[]> platt = new ArrayList<>();
        for (double z : logit) {
            platt.add(new double[]{z});
        }
        double[] ab = fit(List.of("logOdds"), platt, labels(examples));
        double[] outOfFold = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            outOfFold[i] = sigmoid(ab[0] * logit[i] + ab[1]);
        }
        double shared = bestThreshold(examples, outOfFold, null);
        Map<String, DecisionModel.TopicParameters> topics = new LinkedHashMap<>();
        double[] all = fit(names, rows(examples, slugs), labels(examples));
        int features = TopicCandidate.FEATURE_NAMES.size();
        for (int t = 0; t < slugs.size(); t++) {
            String slug = slugs.get(t);
            int positives = (int) examples.stream().filter(e -> e.slug().equals(slug) && e.gold()).count();
            double own = bestThreshold(examples, outOfFold, slug);
            double threshold = (positives * own + THRESHOLD_PRIOR * shared) / (positives + THRESHOLD_PRIOR);
            topics.put(slug, new DecisionModel.TopicParameters(round(all[features + t]), round(threshold), positives));
        }
        Map<String, DecisionModel.LanguageParameters> languages = languages(examples, outOfFold, topics);
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            weights.add(round(all[i]));
        }
        int positives = (int) examples.stream().filter(Example::gold).count();
        DecisionModel model = new DecisionModel(version,
                new DecisionModel.TrainedOn(rules.taxonomy().version(), sets, articles.size(), examples.size(),
                        positives, "Tribuo 4.3.2 LinearSGDTrainer (LogMulticlass, AdaGrad 0.5, " + EPOCHS
                                + " epochs, seed " + SEED + ")",
                        "logistic regression over centrality features with one intercept per topic; Platt scaling and "
                                + "thresholds on " + FOLDS + "-fold out-of-fold scores"),
                TopicCandidate.FEATURE_NAMES, round(all[all.length - 1]), weights, topics,
                new DecisionModel.Calibration(round(ab[0]), round(ab[1])), languages, round(shared));
        return new Result(model, examples, outOfFold, missed);
    }

    /** @return the threshold that maximises F-beta over the out-of-fold scores, of one topic or all */
    static double bestThreshold(List<Example> examples, double[] scores, String slug) {
        double best = 0.5;
        double bestF = -1;
        for (int step = 0; step <= 12; step++) {
            double t = 0.2 + 0.05 * step;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < examples.size(); i++) {
                Example e = examples.get(i);
                if (slug != null && !slug.equals(e.slug())) {
                    continue;
                }
                boolean raised = scores[i] >= t;
                tp += raised && e.gold() ? 1 : 0;
                fp += raised && !e.gold() ? 1 : 0;
                fn += !raised && e.gold() ? 1 : 0;
            }
            double b2 = BETA * BETA;
            double f = tp == 0 ? 0 : (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp);
            if (f > bestF + 1e-9) {
                bestF = f;
                best = t;
            }
        }
        return best;
    }

    /** Languages whose out-of-fold precision falls short get a higher minimum score, or abstain. */
    private static Map<String, DecisionModel.LanguageParameters> languages(List<Example> examples, double[] scores,
            Map<String, DecisionModel.TopicParameters> topics) {
        Map<String, DecisionModel.LanguageParameters> out = new TreeMap<>();
        for (String language : examples.stream().map(Example::language).distinct().sorted().toList()) {
            double min = 0;
            boolean abstain = true;
            for (double floor = 0; floor <= 0.951; floor += 0.05) {
                int tp = 0;
                int fp = 0;
                for (int i = 0; i < examples.size(); i++) {
                    Example e = examples.get(i);
                    if (e.language().equals(language)
                            && scores[i] >= Math.max(floor, topics.get(e.slug()).threshold())) {
                        tp += e.gold() ? 1 : 0;
                        fp += e.gold() ? 0 : 1;
                    }
                }
                if (tp + fp == 0 || (double) tp / (tp + fp) >= LANGUAGE_PRECISION) {
                    min = floor;
                    abstain = tp + fp == 0;
                    break;
                }
            }
            out.put(language, new DecisionModel.LanguageParameters(round(min), abstain));
        }
        return out;
    }

    static int fold(Example e) {
        return Math.floorMod(e.article().hashCode(), FOLDS);
    }

    private static List<double[]> rows(List<Example> examples, List<String> slugs) {
        return examples.stream().map(e -> row(e, slugs)).toList();
    }

    private static double[] row(Example e, List<String> slugs) {
        int n = e.features().length;
        double[] row = new double[n + slugs.size()];
        System.arraycopy(e.features(), 0, row, 0, n);
        row[n + slugs.indexOf(e.slug())] = 1;
        return row;
    }

    private static List<Boolean> labels(List<Example> examples) {
        return examples.stream().map(Example::gold).toList();
    }

    /** @return weights of a logistic regression, one per name, then the intercept */
    static double[] fit(List<String> names, List<double[]> rows, List<Boolean> labels) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("centrality", factory),
                factory);
        String[] featureNames = names.toArray(String[]::new);
        for (int i = 0; i < rows.size(); i++) {
            data.add(new ArrayExample<>(new Label(labels.get(i) ? YES : NO), featureNames, rows.get(i)));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), EPOCHS,
                Integer.MAX_VALUE, SEED);
        LinearSGDModel model = trainer.train(data);
        DenseMatrix w = model.getWeightsCopy();
        ImmutableFeatureMap features = model.getFeatureIDMap();
        int yes = model.getOutputIDInfo().getID(new Label(YES));
        int no = model.getOutputIDInfo().getID(new Label(NO));
        double[] out = new double[names.size() + 1];
        int bias = w.getDimension2Size() - 1;
        for (int i = 0; i < names.size(); i++) {
            int id = features.getID(names.get(i));
            out[i] = id < 0 ? 0 : (yes < 0 ? 0 : w.get(yes, id)) - (no < 0 ? 0 : w.get(no, id));
        }
        out[names.size()] = (yes < 0 ? 0 : w.get(yes, bias)) - (no < 0 ? 0 : w.get(no, bias));
        // the exported weights must give Tribuo's own probabilities
        for (int i = 0; i < rows.size(); i++) {
            ArrayExample<Label> e = new ArrayExample<>(new Label(NO), featureNames, rows.get(i));
            double expected = model.predict(e).getOutputScores().get(YES).getScore();
            double actual = sigmoid(dot(out, rows.get(i)));
            if (Math.abs(expected - actual) > 1e-6) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "exported weights give %.6f where Tribuo gives %.6f", actual, expected));
            }
        }
        return out;
    }

    static double dot(double[] w, double[] x) {
        double z = w[x.length];
        for (int i = 0; i < x.length; i++) {
            z += w[i] * x[i];
        }
        return z;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double round(double v) {
        return Math.round(v * 1_000_000.0) / 1_000_000.0;
    }

    /** @return one line per example: article, topic, label, out-of-fold score and features (tab separated) */
    static String outOfFoldTable(Result r) {
        StringBuilder out = new StringBuilder("article\ttopic\tgold\tscore\t")
                .append(String.join("\t", TopicCandidate.FEATURE_NAMES)).append('\n');
        for (int i = 0; i < r.examples().size(); i++) {
            Example e = r.examples().get(i);
            out.append(e.article()).append('\t').append(e.slug()).append('\t').append(e.gold() ? 1 : 0)
                    .append('\t').append(String.format(Locale.ROOT, "%.3f", r.outOfFold()[i]));
            for (double x : e.features()) {
                out.append('\t').append(String.format(Locale.ROOT, "%.3f", x));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** @return out-of-fold precision, recall and reliability, as the training printout shows them */
    static String summary(Result r, String onlyMatching) {
        StringBuilder out = new StringBuilder();
        DecisionModel m = r.model();
        out.append(String.format(Locale.ROOT, "%d examples (%d positive) from %d articles; %s%n", r.examples().size(),
                m.trainedOn().positives(), m.trainedOn().articles(), m.trainedOn().library()));
        out.append("labelled topics without any rule evidence (unreachable), per language: ").append(r.missed())
                .append('\n');
        out.append(String.format(Locale.ROOT, "calibration slope %.3f intercept %.3f; shared threshold %.2f%n",
                m.calibration().slope(), m.calibration().intercept(), m.defaultThreshold()));
        out.append("weights:");
        for (int i = 0; i < m.features().size(); i++) {
            out.append(String.format(Locale.ROOT, " %s %.2f", m.features().get(i), m.weights().get(i)));
        }
        out.append(String.format(Locale.ROOT, " intercept %.2f%n", m.intercept()));
        m.topics().forEach((slug, t) -> out.append(String.format(Locale.ROOT,
                "  %-20s intercept %6.2f threshold %.2f positives %d%n", slug, t.intercept(), t.threshold(),
                t.positives())));
        out.append("languages: ").append(m.languages()).append('\n');
        Map<String, int[]> byTopic = new HashMap<>();
        for (int i = 0; i < r.examples().size(); i++) {
            Example e = r.examples().get(i);
            if (onlyMatching != null && !e.article().matches(onlyMatching)) {
                continue;
            }
            int[] c = byTopic.computeIfAbsent(e.slug(), k -> new int[3]);
            boolean raised = r.outOfFold()[i] >= m.topics().get(e.slug()).threshold();
            c[0] += raised && e.gold() ? 1 : 0;
            c[1] += raised && !e.gold() ? 1 : 0;
            c[2] += !raised && e.gold() ? 1 : 0;
        }
        out.append("out of fold, articles matching " + onlyMatching + " (unreachable positives not counted):\n");
        int[] micro = new int[3];
        new TreeMap<>(byTopic).forEach((slug, c) -> {
            for (int k = 0; k < 3; k++) {
                micro[k] += c[k];
            }
            out.append(String.format(Locale.ROOT, "  %-20s tp %3d fp %3d fn %3d  P %.3f R %.3f%n", slug, c[0], c[1],
                    c[2], c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]),
                    c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2])));
        });
        out.append(String.format(Locale.ROOT, "  %-20s tp %3d fp %3d fn %3d  P %.3f R %.3f%n", "micro", micro[0],
                micro[1], micro[2], (double) micro[0] / Math.max(1, micro[0] + micro[1]),
                (double) micro[0] / Math.max(1, micro[0] + micro[2])));
        out.append("reliability of out-of-fold scores, articles matching " + onlyMatching + ":\n");
        for (int b = 0; b < 10; b++) {
            int n = 0;
            int right = 0;
            double sum = 0;
            for (int i = 0; i < r.examples().size(); i++) {
                if (onlyMatching != null && !r.examples().get(i).article().matches(onlyMatching)) {
                    continue;
                }
                double s = r.outOfFold()[i];
                if (s >= b / 10.0 && (s < (b + 1) / 10.0 || b == 9)) {
                    n++;
                    sum += s;
                    right += r.examples().get(i).gold() ? 1 : 0;
                }
            }
            if (n > 0) {
                out.append(String.format(Locale.ROOT, "  [%.1f, %.1f) %5d mean %.2f right %.2f%n", b / 10.0,
                        (b + 1) / 10.0, n, sum / n, (double) right / n));
            }
        }
        return out.toString();
    }
}
