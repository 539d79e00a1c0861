package io.newshound.alert.story.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.newshound.alert.story.InMemoryStoryStore;
import io.newshound.alert.story.StoryArticle;
import io.newshound.alert.story.StoryAssignment;
import io.newshound.alert.story.StoryGrouper;
import io.newshound.alert.story.StoryGroupingSettings;

/**
 * Prints pairwise precision and recall of story grouping on the labelled set (development and held-out parts) and the
 * grouper's throughput with 100,000 live stories. Pass {@code --explain} to list the development part's wrong merges
 * and splits.
 *
 * <pre>
 * ./mvnw -q -pl alert-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.newshound.alert.story.eval.StoryGroupingEvaluation
 * </pre>
 */
public final class StoryGroupingEvaluation {

    private StoryGroupingEvaluation() {
    }

    public static void main(String[] args) {
        boolean explain = List.of(args).contains("--explain");
        StoryGroupingSettings settings = StoryGroupingSettings.defaults();
        for (String arg : args) {
            if (arg.startsWith("--join=")) {
                settings = settings.withJoinThreshold(Double.parseDouble(arg.substring("--join=".length())));
            } else if (arg.startsWith("--min-key-terms=")) {
                settings = settings.withMinKeyTermScore(Double.parseDouble(arg.substring("--min-key-terms=".length())));
            } else if (arg.startsWith("--content=")) {
                String[] v = arg.substring("--content=".length()).split(":");
                settings = settings.withContent(Double.parseDouble(v[0]), Double.parseDouble(v[1]));
            } else if (arg.startsWith("--time=")) {
                settings = settings.withTimePenalty(Double.parseDouble(arg.substring("--time=".length())));
            } else if (arg.startsWith("--generic=")) {
                settings = settings.withGenericTermWeight(Double.parseDouble(arg.substring("--generic=".length())));
            }
        }
        if (List.of(args).contains("--throughput-only")) {
            int live = List.of(args).contains("--small") ? 20_000 : 100_000;
            throughput(settings, live, live / 5);
            return;
        }
        Result dev = evaluate(LabelledArticle.read("stories/dev.txt"), settings, explain);
        System.out.println("part      articles groups stories precision recall f1");
        System.out.println(dev.line("dev"));
        if (List.of(args).contains("--sweep")) {
            sweep(settings);
        }
        if (List.of(args).contains("--dev-only")) {
            return;
        }
        Result heldOut = evaluate(LabelledArticle.read("stories/heldout.txt"), settings,
                List.of(args).contains("--explain-held-out"));
        System.out.println(heldOut.line("held-out"));
        if (!List.of(args).contains("--no-throughput")) {
            throughput(settings, 100_000, 20_000);
        }
    }

    /** How the development part fares as the join threshold moves: a wide plateau means the default is not fragile. */
    static void sweep(StoryGroupingSettings base) {
        List<LabelledArticle> dev = LabelledArticle.read("stories/dev.txt");
        for (double threshold = 0.20; threshold < 0.66; threshold += 0.05) {
            StoryGroupingSettings s = base.withJoinThreshold(threshold);
            System.out.println(evaluate(dev, s, false).line(String.format(Locale.ROOT, "t=%.2f", threshold)));
        }
    }

    /** Groups the articles in order and compares every pair of articles with the labels. */
    static Result evaluate(List<LabelledArticle> articles, StoryGroupingSettings settings, boolean explain) {
        StoryGrouper grouper = new StoryGrouper(new InMemoryStoryStore(), settings);
        Map<String, UUID> predicted = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<UUID, String> headlines = new HashMap<>();
        for (LabelledArticle a : articles) {
            StoryAssignment assignment = grouper.assign(a.article());
            predicted.put(a.name(), assignment.story().id());
            labels.put(a.name(), a.group());
            headlines.putIfAbsent(assignment.story().id(), a.group());
            if (explain) {
                System.out.printf(Locale.ROOT, "%s %-26s -> %-26s %-14s %.3f%n", a.name(), a.group(),
                        headlines.get(assignment.story().id()), assignment.match(), assignment.score());
            }
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        List<String> names = new ArrayList<>(predicted.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                boolean same = labels.get(names.get(i)).equals(labels.get(names.get(j)));
                boolean grouped = predicted.get(names.get(i)).equals(predicted.get(names.get(j)));
                if (same && grouped) {
                    tp++;
                } else if (grouped) {
                    fp++;
                    if (explain) {
                        System.out.println("wrong merge: " + names.get(i) + " " + labels.get(names.get(i)) + " / "
                                + names.get(j) + " " + labels.get(names.get(j)));
                    }
                } else if (same) {
                    fn++;
                    if (explain) {
                        System.out.println("split: " + names.get(i) + " / " + names.get(j) + " ("
                                + labels.get(names.get(i)) + ")");
                    }
                }
            }
        }
        return new Result(articles.size(), new HashSet<>(labels.values()).size(),
                new HashSet<>(predicted.values()).size(), tp, fp, fn);
    }

    /**
     * Fills a grouper with synthetic articles inside one window until {@code live} stories are live, then times
     * {@code measured} more articles, a fifth of them rewrites of earlier ones.
     */
    static void throughput(StoryGroupingSettings settings, int live, int measured) {
        SyntheticStoryArticles news = new SyntheticStoryArticles(new Random(42));
        InMemoryStoryStore store = new InMemoryStoryStore();
        StoryGrouper grouper = new StoryGrouper(store, settings);
        Instant start = Instant.parse("2026-05-01T00:00:00Z");
        // random articles sometimes share enough names to join, so it takes more articles than stories; all of
        // them fall within the first 24 hours, so none expires while measuring
        int maxFill = live * 2;
        long step = Duration.ofHours(24).toNanos() / maxFill;
        List<StoryArticle> fill = new ArrayList<>(live);
        long t0 = System.nanoTime();
        for (int i = 0; i < maxFill && store.size() < live; i++) {
            StoryArticle article = news.article(i, start.plusNanos(step * i));
            fill.add(article);
            grouper.assign(article);
            if ((i + 1) % 20_000 == 0) {
                System.out.printf(Locale.ROOT, "  %d articles, %d live stories, %.1f s%n", i + 1, store.size(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        int stories = store.size();
        int filled = fill.size();
        Instant later = start.plus(Duration.ofHours(25));
        List<StoryArticle> batch = new ArrayList<>(measured);
        for (int i = 0; i < measured; i++) {
            Instant at = later.plusMillis(i * 100L);
            batch.add(i % 5 == 0
                    ? news.rewrite(fill.get((i * 7919) % live), live + i, at)
                    : news.article(live + i, at));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu1 = threads.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        int joined = 0;
        for (StoryArticle article : batch) {
            if (!grouper.assign(article).newStory()) {
                joined++;
            }
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu1) / 1e9;
        System.out.printf(Locale.ROOT, "throughput: filled %d articles into %d stories in %.1f s (%.0f articles/s)%n",
                filled, stories, fillSeconds, filled / fillSeconds);
        System.out.printf(Locale.ROOT,
                "throughput: %d articles against >= %d live stories in %.2f s = %.0f articles/s wall clock, "
                        + "%.0f articles per CPU second, one thread (%d joined a story)%n",
                measured, stories, seconds, measured / seconds, measured / cpuSeconds,
                joined);
    }

    record Result(int articles, int groups, int stories, long tp, long fp, long fn) {
        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        String line(String part) {
            double p = precision();
            double r = recall();
            return String.format(Locale.ROOT, "%-9s %8d %6d %7d %9.3f %6.3f %.3f", part, articles, groups, stories,
                    p, r, 2 * p * r / (p + r));
        }
    }
}
