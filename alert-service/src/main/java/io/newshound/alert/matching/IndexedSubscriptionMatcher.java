package io.newshound.alert.matching;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.config.MatchingConfig;
import io.newshound.alert.event.ArticleClassified;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Matches articles against every active subscription (topics, keyword query, languages, sources, minimum score; paused
 * ones never) with this replica's {@link SubscriptionIndex}. It is loaded at start-up and follows the committed
 * changes: those made here right after their commit, before the API answers, and those of other replicas within
 * {@link MatchingConfig#followInterval()}.
 */
@Startup
@ApplicationScoped
public class IndexedSubscriptionMatcher implements ArticleMatcher {

    private final SubscriptionIndex index;
    private final MatchingConfig config;
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subscription-follower");
        t.setDaemon(true);
        return t;
    });

    public IndexedSubscriptionMatcher(DataSource dataSource, MatchingConfig config, MeterRegistry metrics) {
        this.index = new SubscriptionIndex(dataSource);
        this.config = config;
        metrics.gauge("newshound.matching.subscriptions", index, SubscriptionIndex::size);
        metrics.gauge("newshound.matching.keyword.subscriptions", index, i -> i.statistics().keywordQueries());
    }

    @PostConstruct
    void start() {
        index.load();
        long every = config.followInterval().toMillis();
        follower.scheduleWithFixedDelay(this::follow, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        follower.shutdownNow();
        index.close();
    }

    /** Applies a change made on this replica as soon as it is committed, so the caller's next article sees it. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionChanges.Committed change) {
        follow();
    }

    @Override
    public List<InterestedSubscription> match(ArticleClassified article) {
        return index.match(article);
    }

    private void follow() {
        try {
            int applied = index.catchUp();
            if (applied > 0) {
                Log.debugf("Applied %d subscription change(s), now at change %d", applied, index.lastChange());
            }
        } catch (RuntimeException e) {
            // the database may be restarting; the next round picks up from the same change
            Log.warnf("Could not follow subscription changes: %s", e.getMessage());
        }
    }
}
