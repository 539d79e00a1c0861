package io.newshound.classifier.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision, recall and F1 of raised topics against labels: per topic, per language, micro and macro; and the
 * reliability of scores (of every topic that had evidence, how often a score of about s was right).
 */
public final class TopicScores {

    /** Counts of one topic or language. */
    public static final class Counts {
        int tp;
        int fp;
        int fn;

        public double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        void add(boolean gold, boolean raised) {
            if (gold && raised) {
                tp++;
            } else if (raised) {
                fp++;
            } else if (gold) {
                fn++;
            }
        }
    }

    /** A scored topic of one article: its score and whether it is labelled. */
    public record Scored(double score, boolean gold) {
    }

    private final List<String> slugs;
    private final Map<String, Counts> topics = new TreeMap<>();
    private final Map<String, Counts> languages = new TreeMap<>();
    private final Map<String, Counts> genres = new TreeMap<>();
    private final List<Scored> scored = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int articles;

    public TopicScores(List<String> slugs) {
        this.slugs = List.copyOf(slugs);
        slugs.forEach(s -> topics.put(s, new Counts()));
    }

    /** Adds one article's raised topics and the scores of every topic that had evidence. */
    public void add(LabelledArticle a, Set<String> raised, Map<String, Double> scores) {
        articles++;
        Counts language = languages.computeIfAbsent(a.language(), k -> new Counts());
        Counts genre = a.genre() == null ? null : genres.computeIfAbsent(a.genre(), k -> new Counts());
        for (String slug : slugs) {
            boolean gold = a.topics().contains(slug);
            boolean pred = raised.contains(slug);
            topics.get(slug).add(gold, pred);
            language.add(gold, pred);
            if (genre != null) {
                genre.add(gold, pred);
            }
            if (gold != pred) {
                errors.add(String.format(Locale.ROOT, "%s %s %-20s score %s gold %s | %s", a.id(), pred ? "FP" : "FN",
                        slug, scores.containsKey(slug) ? String.format(Locale.ROOT, "%.2f", scores.get(slug)) : "-",
                        a.topics(), a.title()));
            }
        }
        scores.forEach((slug, s) -> scored.add(new Scored(s, a.topics().contains(slug))));
    }

    public double macroF1() {
        return topics.values().stream().mapToDouble(Counts::f1).average().orElse(0);
    }

    public double minTopicF1() {
        return topics.values().stream().mapToDouble(Counts::f1).min().orElse(0);
    }

    public Counts micro() {
        Counts m = new Counts();
        topics.values().forEach(c -> {
            m.tp += c.tp;
            m.fp += c.fp;
            m.fn += c.fn;
        });
        return m;
    }

    public Map<String, Counts> topics() {
        return topics;
    }

    public Map<String, Counts> languages() {
        return languages;
    }

    public List<String> errors() {
        return errors;
    }

    /** @return the report: per topic, per language, per genre, micro and macro, and the reliability of scores */
    public String report(String title, boolean withReliability) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "== %s: %d articles%n", title, articles));
        table(out, "topic", topics);
        Counts m = micro();
        out.append(String.format(Locale.ROOT, "macro-F1 %.3f   micro P %.3f R %.3f F1 %.3f   lowest topic F1 %.3f%n",
                macroF1(), m.precision(), m.recall(), m.f1(), minTopicF1()));
        table(out, "language", languages);
        if (!genres.isEmpty()) {
            table(out, "genre", genres);
        }
        if (withReliability) {
            out.append(reliability());
        }
        return out.toString();
    }

    /** @return per score band of every topic with evidence: how many, mean score, share right */
    public String reliability() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-11s %6s %10s %9s%n", "score", "topics",
                "mean score", "right"));
        for (int b = 0; b < 10; b++) {
            double lo = b / 10.0;
            double hi = (b + 1) / 10.0;
            List<Scored> band = scored.stream()
                    .filter(s -> s.score() >= lo && (s.score() < hi || (hi == 1.0 && s.score() <= 1.0))).toList();
            if (band.isEmpty()) {
                continue;
            }
            double mean = band.stream().mapToDouble(Scored::score).average().orElse(0);
            double right = band.stream().filter(Scored::gold).count() / (double) band.size();
            out.append(String.format(Locale.ROOT, "[%.1f, %.1f%s %6d %10.2f %9.2f%n", lo, hi, hi == 1.0 ? "]" : ")",
                    band.size(), mean, right));
        }
        return out.toString();
    }

    private static void table(StringBuilder out, String what, Map<String, Counts> rows) {
        out.append(String.format(Locale.ROOT, "%-20s %5s %5s %5s %9s %7s %6s%n", what, "tp", "fp", "fn", "precision",
                "recall", "f1"));
        rows.forEach((k, c) -> out.append(String.format(Locale.ROOT, "%-20s %5d %5d %5d %9.3f %7.3f %6.3f%n", k, c.tp,
                c.fp, c.fn, c.precision(), c.recall(), c.f1())));
    }
}
