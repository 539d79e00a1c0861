package io.newshound.classifier.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.newshound.classifier.classification.TaxonomyEngine;
import io.newshound.classifier.eval.LabelledArticle;
import io.newshound.classifier.taxonomy.TaxonomySource;

/**
 * Measures articles per second with the full bundled taxonomy on 2-8 KB articles in all five languages, on one thread
 * and on all cores, and the heap used while classifying. Articles are built from the labelled set: each one is a
 * labelled article followed by other articles of the same language until it reaches its target size, so every article
 * carries real hits. Arguments: seconds per measurement (default 10).
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
        try (TaxonomyEngine engine = TaxonomyEngine.compile(TaxonomySource.bundled())) {
            System.gc();
            long withEngine = memory.getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "Taxonomy %s: %d rules; %d articles, %.1f KB on average%n",
                    engine.taxonomy().version(), engine.ruleCount(), articles.size(),
                    bytes / 1024.0 / articles.size());
            System.out.printf(Locale.ROOT, "Heap: %.1f MB before, %.1f MB with the compiled taxonomy%n",
                    mb(baseline), mb(withEngine));
            run(engine, articles, 1, seconds, memory); // warm-up: the JIT needs a while on a loaded machine
            int cores = Runtime.getRuntime().availableProcessors();
            Result one = run(engine, articles, 1, seconds, memory);
            Result all = run(engine, articles, cores, seconds, memory);
            System.out.printf(Locale.ROOT, "Load average before measuring: %.2f on %d cores%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cores);
            System.out.printf(Locale.ROOT,
                    "1 thread : %,8.0f articles/s wall clock, %,8.0f articles per CPU-second; heap under load max %.1f MB%n",
                    one.perSecond, one.perCpuSecond, mb(one.maxHeap));
            System.out.printf(Locale.ROOT,
                    "%d threads: %,8.0f articles/s wall clock, %,8.0f articles per CPU-second; heap under load max %.1f MB%n",
                    cores, all.perSecond, all.perCpuSecond, mb(all.maxHeap));
        }
    }

    /**
     * @param perSecond
     *            articles per wall-clock second
     * @param perCpuSecond
     *            articles per second of CPU time of the classifying threads: the per-core rate, independent of other
     *            load on the machine
     */
    record Result(double perSecond, double perCpuSecond, long maxHeap) {
    }

    static Result run(TaxonomyEngine engine, List<Article> articles, int threads, int seconds, MemoryMXBean memory)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong topics = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 97;
            futures.add(pool.submit(() -> {
                int i = offset;
                long found = 0;
                long cpuStart = cpu.getCurrentThreadCpuTime();
                while (!stop.get()) {
                    Article a = articles.get(i++ % articles.size());
                    found += engine.classify(a.title(), a.body(), a.language()).size();
                    done.incrementAndGet();
                }
                topics.addAndGet(found);
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
            }));
        }
        long maxHeap = 0;
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(100);
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
        }
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (topics.get() == 0) {
            throw new IllegalStateException("no topics found: the benchmark is not exercising the rules");
        }
        return new Result(done.get() / elapsed, done.get() / (cpuNanos.get() / 1e9), maxHeap);
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

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
