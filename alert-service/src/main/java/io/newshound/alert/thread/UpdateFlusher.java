package io.newshound.alert.thread;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the coalesced updates of {@code atMostEveryMinutes} subscriptions once their interval has passed. Replicas may
 * all run it: each thread is claimed with {@code for update skip locked}.
 */
@ApplicationScoped
public class UpdateFlusher {

    private static final int BATCH = 200;

    private final AlertThreads threads;

    public UpdateFlusher(AlertThreads threads) {
        this.threads = threads;
    }

    @Scheduled(every = "${newshound.alerts.flush-every:15s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        flush();
    }

    /**
     * Makes one revision for every alert whose waiting articles are due.
     *
     * @return the number of revisions made
     */
    public int flush() {
        int total = 0;
        int made;
        do {
            made = threads.flushDue(BATCH);
            total += made;
        } while (made == BATCH);
        if (total > 0) {
            Log.infof("Sent %d coalesced alert update(s)", total);
        }
        return total;
    }
}
