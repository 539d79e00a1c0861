package io.newshound.classifier.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.newshound.classifier.classification.ArticleLanguage;
import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.event.ArticleClassified.Topic;
import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomySource;

/**
 * Scores the bundled taxonomy against the labelled set and prints per-topic precision, recall and F1, macro-F1, and
 * every error with its evidence or near miss. Arguments: the split ({@code dev}, {@code heldout} or {@code all},
 * default {@code dev}) and optionally {@code --detect} to ignore the declared language and let Lingua detect it.
 */
public final class TopicEvaluation {

    private TopicEvaluation() {
    }

    public static void main(String[] args) {
        String split = args.length > 0 && !args[0].startsWith("--") ? args[0] : "dev";
        boolean detect = List.of(args).contains("--detect");
        List<LabelledArticle> articles = new ArrayList<>();
        for (String s : split.equals("all") ? List.of("dev", "heldout") : List.of(split)) {
            articles.addAll(LabelledArticle.load(s));
        }
        TaxonomyEngine engine = TaxonomyEngine.compile(TaxonomySource.bundled());
        System.out.println(report(engine, articles, detect, split));
    }

    /** Counts of one topic. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** @return macro-F1 of the engine on the articles */
    public static double macroF1(TaxonomyEngine engine, List<LabelledArticle> articles) {
        Map<String, Counts> counts = new TreeMap<>();
        score(engine, articles, false, counts, new ArrayList<>());
        return counts.values().stream().mapToDouble(Counts::f1).average().orElse(0);
    }

    static String report(TaxonomyEngine engine, List<LabelledArticle> articles, boolean detect, String split) {
        Map<String, Counts> counts = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int languageMisses = score(engine, articles, detect, counts, errors);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Taxonomy %s, split %s: %d articles%s%n", engine.taxonomy().version(),
                split, articles.size(), detect ? ", language detected (" + languageMisses + " wrong)" : ""));
        out.append(String.format(Locale.ROOT, "%-22s %5s %5s %5s %9s %7s %6s%n", "topic", "tp", "fp", "fn",
                "precision", "recall", "f1"));
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Map.Entry<String, Counts> e : counts.entrySet()) {
            Counts c = e.getValue();
            tp += c.tp;
            fp += c.fp;
            fn += c.fn;
            out.append(String.format(Locale.ROOT, "%-22s %5d %5d %5d %9.3f %7.3f %6.3f%n", e.getKey(), c.tp, c.fp,
                    c.fn, c.precision(), c.recall(), c.f1()));
        }
        double macro = counts.values().stream().mapToDouble(Counts::f1).average().orElse(0);
        Counts micro = new Counts();
        micro.tp = tp;
        micro.fp = fp;
        micro.fn = fn;
        out.append(String.format(Locale.ROOT, "macro-F1 %.3f   micro-F1 %.3f%n", macro, micro.f1()));
        out.append(String.format(Locale.ROOT, "%nErrors and near misses (%d):%n", errors.size()));
        errors.forEach(e -> out.append(e).append('\n'));
        return out.toString();
    }

    private static int score(TaxonomyEngine engine, List<LabelledArticle> articles, boolean detect,
            Map<String, Counts> counts, List<String> errors) {
        for (Taxonomy.Topic t : engine.taxonomy().topics()) {
            counts.put(t.slug(), new Counts());
        }
        int languageMisses = 0;
        for (LabelledArticle a : articles) {
            String language = a.language();
            if (detect) {
                Optional<String> detected = ArticleLanguage.resolve(null, a.title(), a.body());
                language = detected.orElse("en");
                if (!language.equals(a.language())) {
                    languageMisses++;
                    errors.add(String.format("%s LANGUAGE detected %s", a.id(), language));
                }
            }
            List<Topic> all = engine.classify(a.title(), a.body(), language, true);
            Map<String, Double> thresholds = engine.taxonomy().topics().stream()
                    .collect(Collectors.toMap(Taxonomy.Topic::slug, Taxonomy.Topic::thresholdOrDefault));
            Set<String> predicted = all.stream().filter(t -> t.score() >= thresholds.get(t.slug()))
                    .map(Topic::slug).collect(Collectors.toSet());
            for (String slug : counts.keySet()) {
                boolean gold = a.topics().contains(slug);
                boolean pred = predicted.contains(slug);
                Counts c = counts.get(slug);
                if (gold && pred) {
                    c.tp++;
                } else if (pred) {
                    c.fp++;
                    Topic t = all.stream().filter(x -> x.slug().equals(slug)).findFirst().orElseThrow();
                    errors.add(String.format(Locale.ROOT, "%s FP %-20s score %.2f gold %s  <- %s", a.id(), slug,
                            t.score(), a.topics(), describe(t)));
                } else if (gold) {
                    c.fn++;
                    Optional<Topic> near = all.stream().filter(x -> x.slug().equals(slug)).findFirst();
                    errors.add(String.format(Locale.ROOT, "%s FN %-20s %s predicted %s | %s", a.id(), slug,
                            near.map(t -> String.format(Locale.ROOT, "near miss %.2f <- %s", t.score(), describe(t)))
                                    .orElse("no evidence"),
                            predicted, a.title()));
                }
            }
        }
        return languageMisses;
    }

    private static String describe(Topic t) {
        return t.evidence().stream().limit(2).map(e -> e.ruleId() + " " + e.field() + " '" + e.snippet() + "'")
                .collect(Collectors.joining("; "));
    }
}
