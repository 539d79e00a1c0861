package io.newshound.alert.matching.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;

import io.newshound.alert.matching.Article;
import io.newshound.alert.matching.LuceneMapping;
import io.newshound.alert.matching.Presearch;
import io.newshound.alert.matching.SubscriptionCriteria;
import io.newshound.alert.matching.SubscriptionMatch;
import io.newshound.alert.matching.SubscriptionMatcher;
import io.newshound.alert.matching.TopicMode;

/**
 * On-demand benchmark of {@link SubscriptionMatcher} against a stock Lucene {@link Monitor} (default presearcher, every
 * subscription as one query with its topic, language and source clauses) over the same synthetic data.
 * <p>
 * Arguments (all optional): {@code sizes=10000,100000,1000000 threads=1,2 seconds=10 articles=3000
 * engines=postings,term,multipass,baseline}; each engine is measured once per thread count, the first engine is the
 * reference the others' matches are compared with. Prints load time, heap after GC, matched articles per second over
 * all threads (wall clock), p50/p99 wall time per article, and the same from CPU time: on a shared machine the wall
 * clock also counts time other processes took, so "CPU articles/s" (cores / CPU time per article) is what the engine
 * costs. Also matches per article, and whether the engines agree on a sample of articles.
 */
public final class MatchingBenchmark {

    private static final long SEED = 20260815L;

    private MatchingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        int[] sizes = Arrays.stream(options.getOrDefault("sizes", "10000,100000,1000000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int[] threadCounts = Arrays.stream(options.getOrDefault("threads", "1,2").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int articleCount = Integer.parseInt(options.getOrDefault("articles", "3000"));
        List<String> engines = List.of(options.getOrDefault("engines", "postings,multipass,baseline").split(","));

        SyntheticNews news = new SyntheticNews(SEED);
        List<Article> articles = news.articles(articleCount, SEED);
        double kb = articles.stream().mapToInt(a -> a.title().length() + a.body().length()).average().orElse(0)
                / 1024.0;
        System.out.printf(Locale.ROOT,
                "%d articles, %.1f KB average text; %s threads, %d s per measurement, %d cores, load average %.1f%n",
                articles.size(), kb, Arrays.toString(threadCounts), seconds,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("| subscriptions | engine | threads | load s | heap MB | articles/s (wall) | p50 / p99 ms "
                + "(wall) | CPU articles/s (threads / CPU s per article) | p50 / p99 ms (CPU) | matches/article |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");

        for (int size : sizes) {
            List<SubscriptionCriteria> subscriptions = news.subscriptions(size, SEED + size);
            Map<String, Set<UUID>> reference = null;
            for (String engine : engines) {
                long heapBefore = heapAfterGc();
                long start = System.nanoTime();
                Engine loaded = switch (engine) {
                    case "postings" -> ours(subscriptions, Presearch.POSTINGS);
                    case "term" -> ours(subscriptions, Presearch.TERM_FILTERED);
                    case "multipass" -> ours(subscriptions, Presearch.MULTIPASS);
                    case "baseline" -> baseline(subscriptions);
                    default -> throw new IllegalArgumentException("unknown engine " + engine);
                };
                double loadSeconds = (System.nanoTime() - start) / 1e9;
                long heap = heapAfterGc() - heapBefore;
                Map<String, Set<UUID>> sample = sample(loaded, articles);
                String agreement = "";
                if (reference == null) {
                    reference = sample;
                } else {
                    Map<String, Set<UUID>> first = reference;
                    long same = sample.keySet().stream().filter(k -> sample.get(k).equals(first.get(k))).count();
                    agreement = " (same matches as first engine on " + same + "/" + sample.size() + " articles)";
                }
                for (int threads : threadCounts) {
                    Result result = measure(loaded, articles, threads, seconds);
                    System.out.printf(Locale.ROOT,
                            "| %,d | %s | %d | %.1f | %,d | %,.0f | %.2f / %.2f | %,.0f | %.2f / %.2f | %.0f |%s "
                                    + "load average %.1f%n",
                            size, engine, threads, loadSeconds, heap / (1024 * 1024), result.articlesPerSecond,
                            result.p50Millis, result.p99Millis, result.cpuArticlesPerSecond, result.cpuP50Millis,
                            result.cpuP99Millis, result.matchesPerArticle, agreement + loaded.keywordWork(),
                            loadAverage());
                }
                System.out.println("  " + engine + loaded.singleUpdates(updates(subscriptions, news)));
                loaded.close();
            }
        }
    }

    private interface Engine extends AutoCloseable {
        /** Matches the article; returns the number of matches (what a consumer would go on to process). */
        int count(Article article);

        List<UUID> match(Article article);

        /** Keyword candidates and keyword matches per article so far, for engines that count them. */
        default String keywordWork() {
            return "";
        }

        /** Times single changes (updates of existing subscriptions, one at a time), for engines that support them. */
        default String singleUpdates(List<SubscriptionCriteria> updates) {
            return "";
        }

        @Override
        void close() throws IOException;
    }

    private static Engine ours(List<SubscriptionCriteria> subscriptions, Presearch presearch) {
        SubscriptionMatcher matcher = presearch.matcher();
        int batch = 250_000;
        for (int from = 0; from < subscriptions.size(); from += batch) {
            Map<UUID, ?> rejected = matcher.putAll(subscriptions.subList(from,
                    Math.min(subscriptions.size(), from + batch)));
            if (!rejected.isEmpty()) {
                throw new IllegalStateException("generator produced invalid queries: " + rejected);
            }
        }
        LongAdder calls = new LongAdder();
        return new Engine() {
            @Override
            public int count(Article article) {
                calls.increment();
                return matcher.match(article).size();
            }

            @Override
            public List<UUID> match(Article article) {
                calls.increment();
                return matcher.match(article).stream().map(SubscriptionMatch::subscriptionId).toList();
            }

            @Override
            public String keywordWork() {
                SubscriptionMatcher.Statistics statistics = matcher.statistics();
                double articles = Math.max(1, calls.sum());
                return String.format(Locale.ROOT,
                        " %d keyword queries; per article %.0f keyword candidates, %.0f keyword matches",
                        statistics.keywordQueries(), statistics.keywordCandidates() / articles,
                        statistics.keywordMatches() / articles);
            }

            @Override
            public String singleUpdates(List<SubscriptionCriteria> updates) {
                long[] millis = new long[updates.size()];
                for (int i = 0; i < updates.size(); i++) {
                    long start = System.nanoTime();
                    matcher.put(updates.get(i));
                    millis[i] = System.nanoTime() - start;
                }
                Arrays.sort(millis);
                return String.format(Locale.ROOT, "; single put p50 %.1f ms, max %.1f ms over %d updates",
                        millis[millis.length / 2] / 1e6, millis[millis.length - 1] / 1e6, millis.length);
            }

            @Override
            public void close() {
                matcher.close();
            }
        };
    }

    /** Stock Monitor, default presearcher; the minimum topic score is checked on its matches. */
    private static Engine baseline(List<SubscriptionCriteria> subscriptions) throws IOException {
        Monitor monitor = new Monitor(LuceneMapping.documentAnalyzer());
        Map<String, SubscriptionCriteria> byId = new HashMap<>();
        List<MonitorQuery> batch = new ArrayList<>();
        for (SubscriptionCriteria subscription : subscriptions) {
            if (subscription.paused()) {
                continue;
            }
            byId.put(subscription.id().toString(), subscription);
            batch.add(new MonitorQuery(subscription.id().toString(), LuceneMapping.subscriptionQuery(subscription)));
            if (batch.size() == 50_000) {
                monitor.register(batch);
                batch.clear();
            }
        }
        monitor.register(batch);
        return new Engine() {
            @Override
            public int count(Article article) {
                return match(article).size();
            }

            @Override
            public List<UUID> match(Article article) {
                try {
                    MatchingQueries<QueryMatch> found = monitor.match(LuceneMapping.articleDocument(article),
                            QueryMatch.SIMPLE_MATCHER);
                    List<UUID> ids = new ArrayList<>(found.getMatchCount());
                    for (QueryMatch match : found.getMatches()) {
                        SubscriptionCriteria subscription = byId.get(match.getQueryId());
                        if (topicScoresPass(subscription, article)) {
                            ids.add(subscription.id());
                        }
                    }
                    return ids;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void close() throws IOException {
                monitor.close();
            }
        };
    }

    /** Changed versions of 100 existing subscriptions (half of them keyword subscriptions). */
    private static List<SubscriptionCriteria> updates(List<SubscriptionCriteria> subscriptions, SyntheticNews news) {
        List<SubscriptionCriteria> fresh = news.subscriptions(2_000, SEED - 1);
        List<SubscriptionCriteria> keyword = fresh.stream().filter(SubscriptionCriteria::hasQuery).limit(50).toList();
        List<SubscriptionCriteria> topic = fresh.stream().filter(s -> !s.hasQuery()).limit(50).toList();
        List<SubscriptionCriteria> updates = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            SubscriptionCriteria existing = subscriptions.get(i * (subscriptions.size() / 100));
            SubscriptionCriteria shape = (i % 2 == 0 ? keyword : topic).get(i / 2);
            updates.add(new SubscriptionCriteria(existing.id(), shape.topics(), shape.topicMode(), shape.query(),
                    shape.languages(), shape.includeSources(), shape.excludeSources(), shape.minTopicScore(), false));
        }
        return updates;
    }

    private static boolean topicScoresPass(SubscriptionCriteria subscription, Article article) {
        if (subscription.topics().isEmpty()) {
            return true;
        }
        Function<String, Boolean> passes = topic -> article.topics().getOrDefault(topic, -1.0) >= subscription
                .minTopicScore();
        return subscription.topicMode() == TopicMode.ALL_OF
                ? subscription.topics().stream().allMatch(passes::apply)
                : subscription.topics().stream().anyMatch(passes::apply);
    }

    private record Result(double articlesPerSecond, double p50Millis, double p99Millis, double cpuArticlesPerSecond,
            double cpuP50Millis, double cpuP99Millis, double matchesPerArticle) {
    }

    private static Result measure(Engine engine, List<Article> articles, int threads, int seconds)
            throws InterruptedException {
        run(engine, articles, threads, Math.max(2, seconds / 2), new long[threads][], new long[threads][],
                new long[threads]);
        long[][] latencies = new long[threads][];
        long[][] cpuTimes = new long[threads][];
        long[] matches = new long[threads];
        long start = System.nanoTime();
        run(engine, articles, threads, seconds, latencies, cpuTimes, matches);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] wall = flattenSorted(latencies);
        long[] cpu = flattenSorted(cpuTimes);
        int total = wall.length;
        double cpuPerArticle = Arrays.stream(cpu).average().orElse(1) / 1e9;
        return new Result(total / elapsed, wall[total / 2] / 1e6, wall[(int) (total * 0.99)] / 1e6,
                threads / cpuPerArticle, cpu[total / 2] / 1e6, cpu[(int) (total * 0.99)] / 1e6,
                (double) Arrays.stream(matches).sum() / total);
    }

    private static long[] flattenSorted(long[][] perThread) {
        long[] all = new long[Arrays.stream(perThread).mapToInt(l -> l.length).sum()];
        int at = 0;
        for (long[] values : perThread) {
            System.arraycopy(values, 0, all, at, values.length);
            at += values.length;
        }
        Arrays.sort(all);
        return all;
    }

    private static void run(Engine engine, List<Article> articles, int threads, int seconds, long[][] latencies,
            long[][] cpuTimes, long[] matches) throws InterruptedException {
        ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long[] times = new long[1 << 16];
                long[] cpu = new long[1 << 16];
                int count = 0;
                int next = thread * articles.size() / threads;
                while (!stop.get()) {
                    Article article = articles.get(next++ % articles.size());
                    long cpuBegin = cpuClock.getCurrentThreadCpuTime();
                    long begin = System.nanoTime();
                    matches[thread] += engine.count(article);
                    long end = System.nanoTime();
                    if (count == times.length) {
                        times = Arrays.copyOf(times, count * 2);
                        cpu = Arrays.copyOf(cpu, count * 2);
                    }
                    cpu[count] = cpuClock.getCurrentThreadCpuTime() - cpuBegin;
                    times[count++] = end - begin;
                }
                latencies[thread] = Arrays.copyOf(times, count);
                cpuTimes[thread] = Arrays.copyOf(cpu, count);
                done.countDown();
            }, "bench-" + t);
            worker.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
    }

    private static Map<String, Set<UUID>> sample(Engine engine, List<Article> articles) {
        Map<String, Set<UUID>> sample = new HashMap<>();
        for (Article article : articles.subList(0, Math.min(200, articles.size()))) {
            sample.put(article.articleId().toString(), new HashSet<>(engine.match(article)));
        }
        return sample;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
