package io.newshound.classifier.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.classifier.classification.ArticleLanguage;
import io.newshound.classifier.classification.Classification;
import io.newshound.classifier.classification.LanguageAnalyzers;
import io.newshound.classifier.classification.StockAnalyzers;
import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.eval.LabelledArticle;
import io.newshound.classifier.event.ArticleIngested;
import io.newshound.classifier.pipeline.ArticleClassificationPipeline;
import io.newshound.classifier.taxonomy.TaxonomySource;

/**
 * Measures articles per second with the full bundled taxonomy on 2-8 KB articles in all five languages, on one thread
 * and on all cores, with per-article latency and the heap used while classifying; then, on one thread, what the parts
 * around the rules cost: the analysis alone (tokenising and stemming both fields), as the service runs it (each
 * distinct token stemmed once) and with Lucene's stock analysers (every token stemmed anew, as for words never seen
 * before), Lingua's language detection for articles that name no language, and the JSON reading and writing of the
 * pipeline. Articles are built from the labelled set: each one is a labelled article followed by other articles of the
 * same language until it reaches its target size, so every article carries real hits. Arguments: seconds per
 * measurement (default 10).
 */
public final class ClassifierThroughput {

    private ClassifierThroughput() {
    }

    public record Article(String title, String body, String language) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Article> articles = articles(2000);
        long bytes = articles.stream().mapToLong(a -> a.title().length() + a.body().length()).sum();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        TaxonomyEngine engine = TaxonomyEngine.compile(TaxonomySource.bundled());
        System.gc();
        long withEngine = memory.getHeapMemoryUsage().getUsed();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Taxonomy %s: %d rules; %d articles, %.1f KB on average%n",
                engine.taxonomy().version(), engine.ruleCount(), articles.size(), bytes / 1024.0 / articles.size());
        System.out.printf(Locale.ROOT, "Heap: %.1f MB before, %.1f MB with the compiled taxonomy%n", mb(baseline),
                mb(withEngine));
        System.out.printf(Locale.ROOT, "Load average before measuring: %.2f on %d cores%n", load(), cores);

        ToIntFunction<Article> classify = a -> engine.classify(a.title(), a.body(), a.language()).size();
        double topics = articles.stream().mapToInt(classify).average().orElse(0);
        System.out.printf(Locale.ROOT, "Topics over threshold per article: %.2f of %d (dense with hits on purpose)%n",
                topics, engine.taxonomy().topics().size());
        run(classify, articles, 1, seconds, memory); // warm-up: the JIT needs a while on a loaded machine
        report("1 thread ", run(classify, articles, 1, seconds, memory));
        report(cores + " threads", run(classify, articles, cores, seconds, memory));

        System.out.println("Parts, one thread:");
        ToIntFunction<Article> analysis = a -> tokens(LanguageAnalyzers.of(a.language()), a.title())
                + tokens(LanguageAnalyzers.of(a.language()), a.body());
        run(analysis, articles, 1, Math.max(1, seconds / 2), memory);
        part("analysis only (tokenise + stem)", run(analysis, articles, 1, seconds, memory));
        // these articles repeat a small vocabulary, so the analysers find nearly every token's stem remembered; a
        // stream of new words would pay up to this much instead
        ToIntFunction<Article> stock = a -> tokens(StockAnalyzers.of(a.language()), a.title())
                + tokens(StockAnalyzers.of(a.language()), a.body());
        run(stock, articles, 1, Math.max(1, seconds / 2), memory);
        part("analysis, every token stemmed anew (Lucene's stock analysers)", run(stock, articles, 1, seconds, memory));

        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        List<String> ingested = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            ingested.add(json.writeValueAsString(new ArticleIngested(ArticleIngested.TYPE,
                    UUID.nameUUIDFromBytes(("e" + i).getBytes()).toString(), "a" + i, 1, "https://example.com/" + i,
                    a.title(), a.body(), "Example", a.language(), "2026-08-15T17:58:00Z")));
        }
        List<Article> indexed = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            indexed.add(new Article(Integer.toString(i), ingested.get(i), articles.get(i).language()));
        }
        ToIntFunction<Article> jsonOnly = a -> {
            try {
                ArticleIngested in = json.readValue(a.body(), ArticleIngested.class);
                Classification empty = new Classification(in.language(), "t", "c", List.of());
                return json.writeValueAsString(ArticleClassificationPipeline.toEvent(in, empty)).length();
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        };
        run(jsonOnly, indexed, 1, Math.max(1, seconds / 2), memory);
        part("JSON: read article.ingested.v1, write article.classified.v1", run(jsonOnly, indexed, 1, seconds,
                memory));

        ToIntFunction<Article> detect = a -> ArticleLanguage.resolve(null, a.title(), a.body()).isPresent() ? 1 : 0;
        long loading = System.nanoTime();
        detect.applyAsInt(articles.get(0));
        System.out.printf(Locale.ROOT, "  Lingua models loaded in %.1f s%n", (System.nanoTime() - loading) / 1e9);
        run(detect, articles, 1, Math.max(1, seconds / 2), memory);
        part("language detection (Lingua, five languages, title + 1,000 characters)",
                run(detect, articles, 1, seconds, memory));
        System.out.printf(Locale.ROOT, "Load average after measuring: %.2f%n", load());
    }

    private static void report(String label, Result r) {
        System.out.printf(Locale.ROOT,
                "%s: %,8.0f articles/s wall clock, %,8.0f articles per CPU-second; per article p50 %.3f ms, "
                        + "p99 %.3f ms (wall clock); heap under load max %.1f MB%n",
                label, r.perSecond, r.perCpuSecond, r.p50Millis, r.p99Millis, mb(r.maxHeap));
    }

    private static void part(String label, Result r) {
        System.out.printf(Locale.ROOT, "  %-72s %,8.0f per CPU-second (%.3f ms CPU each)%n", label, r.perCpuSecond,
                1000.0 / r.perCpuSecond);
    }

    /**
     * @param perSecond
     *            articles per wall-clock second
     * @param perCpuSecond
     *            articles per second of CPU time of the measuring threads: the per-core rate, independent of other load
     *            on the machine
     * @param p50Millis
     *            median wall-clock time of one article
     * @param p99Millis
     *            99th percentile wall-clock time of one article (on a loaded machine this includes waiting for a core)
     */
    record Result(double perSecond, double perCpuSecond, double p50Millis, double p99Millis, long maxHeap) {
    }

    static Result run(ToIntFunction<Article> work, List<Article> articles, int threads, int seconds,
            MemoryMXBean memory) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 97;
            futures.add(pool.submit(() -> {
                int i = offset;
                long found = 0;
                long[] latencies = new long[1 << 16];
                int n = 0;
                long cpuStart = cpu.getCurrentThreadCpuTime();
                while (!stop.get()) {
                    Article a = articles.get(i++ % articles.size());
                    long t0 = System.nanoTime();
                    found += work.applyAsInt(a);
                    long t1 = System.nanoTime();
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = t1 - t0;
                }
                long cpuNanos = cpu.getCurrentThreadCpuTime() - cpuStart;
                long[] out = Arrays.copyOf(latencies, n + 2);
                out[n] = cpuNanos;
                out[n + 1] = found;
                return out;
            }));
        }
        long maxHeap = 0;
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(100);
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
        }
        stop.set(true);
        long cpuNanos = 0;
        long found = 0;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            cpuNanos += r[r.length - 2];
            found += r[r.length - 1];
            all.add(Arrays.copyOf(r, r.length - 2));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (found == 0) {
            throw new IllegalStateException("nothing found: the benchmark is not exercising the work");
        }
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(latencies.length / elapsed, latencies.length / (cpuNanos / 1e9),
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6, maxHeap);
    }

    /** @return the number of tokens of the text after the analysis */
    private static int tokens(Analyzer analyzer, String text) {
        int n = 0;
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
            ts.reset();
            while (ts.incrementToken()) {
                n++;
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    public static List<Article> articles(int count) {
        List<LabelledArticle> labelled = new ArrayList<>(LabelledArticle.load("dev"));
        labelled.addAll(LabelledArticle.load("heldout"));
        List<Article> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LabelledArticle head = labelled.get(i % labelled.size());
            int target = 2048 + (int) ((i * 7919L) % 6144);
            StringBuilder body = new StringBuilder(head.body());
            int j = i;
            while (body.length() < target) {
                LabelledArticle next = labelled.get(j++ % labelled.size());
                if (next.language().equals(head.language())) {
                    body.append("\n\n").append(next.title()).append(". ").append(next.body());
                }
            }
            out.add(new Article(head.title(), body.toString(), head.language()));
        }
        return out;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
