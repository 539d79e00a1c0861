package io.newshound.platform.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A dependency check that runs in the background and is answered from its last result, so a health endpoint answers at
 * once whatever the dependency does, and says DOWN within {@code interval + timeout} of it going away.
 *
 * <p>
 * A probe that does not answer within {@code timeout} counts as failed; while it still hangs (a frozen peer can hold a
 * socket read for minutes) no second one is started, so a hung dependency costs one thread, not one per tick. A result
 * older than {@code interval + timeout} (the ticker itself stopped) counts as DOWN too.
 */
public final class CachedCheck implements AutoCloseable {

    /** Checks a dependency once, blocking; may hang, which the caller bounds. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @return what was seen, for the health report
         * @throws Exception
         *             when the dependency is not usable
         */
        String check() throws Exception;
    }

    private record Result(boolean up, String detail, long atNanos) {
    }

    private final String name;
    private final Probe probe;
    private final Duration timeout;
    private final long validNanos;
    private final ScheduledExecutorService ticker;
    private final ExecutorService runner;
    private volatile Result last;
    private Future<String> running;

    /**
     * Checks once before returning (at most {@code timeout}), so a service that starts with its dependencies up is
     * ready at once, then every {@code interval} in the background.
     *
     * @param name
     *            the check's name in the health report
     * @param probe
     *            the check
     * @param interval
     *            pause between the end of one check and the start of the next
     * @param timeout
     *            how long one check may take before it counts as failed
     */
    public CachedCheck(String name, Probe probe, Duration interval, Duration timeout) {
        this.name = name;
        this.probe = probe;
        this.timeout = timeout;
        this.validNanos = interval.plus(timeout).plusSeconds(1).toNanos();
        this.last = new Result(false, "not checked yet", System.nanoTime());
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon(name + "-health-ticker"));
        this.runner = Executors.newSingleThreadExecutor(daemon(name + "-health-probe"));
        refresh();
        ticker.scheduleWithFixedDelay(this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        };
    }

    private void refresh() {
        if (running != null && !running.isDone()) {
            last = new Result(false, "no answer for over " + timeout.toMillis() + " ms (still waiting)",
                    System.nanoTime());
            return;
        }
        running = runner.submit(probe::check);
        try {
            last = new Result(true, running.get(timeout.toMillis(), TimeUnit.MILLISECONDS), System.nanoTime());
        } catch (TimeoutException e) {
            last = new Result(false, "no answer within " + timeout.toMillis() + " ms", System.nanoTime());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            last = new Result(false, cause.getClass().getSimpleName() + ": " + cause.getMessage(), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            last = new Result(false, e.toString(), System.nanoTime());
        }
    }

    /** @return whether the last check succeeded recently enough to be believed */
    public boolean isUp() {
        Result r = last;
        return r.up() && System.nanoTime() - r.atNanos() <= validNanos;
    }

    /** @return the last result as a health response; never blocks */
    public HealthCheckResponse response() {
        Result r = last;
        boolean fresh = System.nanoTime() - r.atNanos() <= validNanos;
        return HealthCheckResponse.named(name).status(r.up() && fresh)
                .withData("detail", fresh ? r.detail() : "last result is stale: " + r.detail())
                .withData("checkedMsAgo", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r.atNanos()))
                .build();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        runner.shutdownNow();
    }
}
