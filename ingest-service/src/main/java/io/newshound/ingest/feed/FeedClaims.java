package io.newshound.ingest.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.platform.problem.ProblemException;

/**
 * Hands out feeds to poll so that no two pollers (threads or replicas) poll the same feed at once, and records what a
 * poll found. A claim locks due rows with {@code FOR UPDATE SKIP LOCKED} (rows another claimer is taking are skipped,
 * not waited for) and pushes their {@code next_poll_at} ahead by the lease in the same short transaction; once it
 * commits, the pushed time keeps other claimers off until the outcome is recorded or the lease runs out (a crashed
 * poller's feeds are polled again after the lease).
 */
@ApplicationScoped
public class FeedClaims {

    /**
     * Locks up to {@code :limit} due, unpaused feeds, earliest due first, skipping rows another transaction is
     * claiming.
     */
    public static final String DUE_FEEDS = "select id from feed where next_poll_at <= :now and not paused"
            + " order by next_poll_at for update skip locked limit :limit";

    private final EntityManager em;
    private final IngestConfig config;
    private final Clock clock;

    public FeedClaims(EntityManager em, IngestConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Claims due, unpaused feeds, earliest due first. Joins the caller's transaction if there is one (the rows stay
     * locked until it ends).
     *
     * @param limit
     *            the most feeds to claim
     * @return the claimed feeds; none when nothing is due or everything due is being claimed by others
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<ClaimedFeed> claimDue(int limit) {
        Instant now = Instant.now(clock);
        List<UUID> ids = em.createNativeQuery(DUE_FEEDS, UUID.class).setParameter("now", now)
                .setParameter("limit", limit).getResultList();
        return ids.stream().map(id -> lease(em.find(Feed.class, id), now)).toList();
    }

    /**
     * Claims one feed for an immediate poll, due or not, paused or not.
     *
     * @param id
     *            a feed id
     * @return the claimed feed
     * @throws ProblemException
     *             404 when there is no such feed, 409 when it is being polled right now
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public ClaimedFeed claimOne(UUID id) {
        Instant now = Instant.now(clock);
        List<UUID> ids = em.createNativeQuery("select id from feed where id = :id for update skip locked", UUID.class)
                .setParameter("id", id).getResultList();
        if (ids.isEmpty()) {
            if (Feed.findByIdOptional(id).isEmpty()) {
                throw ProblemException.notFound("Feed", id);
            }
            throw busy(id);
        }
        Feed feed = em.find(Feed.class, id);
        if (feed.leasedUntil != null && feed.leasedUntil.isAfter(now)) {
            throw busy(id);
        }
        return lease(feed, now);
    }

    /**
     * Records a poll's outcome, ends the lease and schedules the next poll: one interval after a success, the interval
     * times 2^failures (capped) after a failure. A feed that failed too often in a row is paused, with the reason.
     *
     * @param report
     *            what the poll did
     * @param validators
     *            the validators for the next conditional GET, or {@code null} to keep the current ones
     * @return the feed as recorded, or empty when it was removed meanwhile
     */
    @Transactional
    public Optional<FeedView> record(PollReport report, PreviousFetch validators) {
        Feed feed = em.find(Feed.class, report.feedId());
        if (feed == null) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Duration interval = Duration.ofSeconds(feed.pollIntervalSeconds);
        feed.lastPolledAt = now;
        feed.leasedUntil = null;
        feed.itemsSeenTotal += report.itemsSeen();
        feed.itemsNewTotal += report.itemsNew();
        if (report.outcome() == PollReport.Outcome.failed) {
            feed.consecutiveFailures++;
            feed.lastError = report.error();
            feed.lastErrorStatus = report.httpStatus();
            feed.lastErrorAt = now;
            feed.nextPollAt = now.plus(backoff(interval, feed.consecutiveFailures));
            int pauseAfter = config.feeds().autoPauseAfterFailures();
            if (feed.consecutiveFailures >= pauseAfter && !feed.paused) {
                feed.paused = true;
                feed.pausedReason = "paused automatically after " + feed.consecutiveFailures
                        + " consecutive failures; last: " + report.error();
            }
        } else {
            feed.consecutiveFailures = 0;
            feed.lastSuccessAt = now;
            feed.itemsSeenLast = report.itemsSeen();
            feed.itemsNewLast = report.itemsNew();
            feed.nextPollAt = now.plus(interval);
            if (validators != null) {
                feed.etag = validators.etag();
                feed.lastModified = validators.lastModified();
            }
        }
        return Optional.of(FeedView.of(feed));
    }

    /** interval * 2^failures, at most the configured maximum (and never less than the interval itself). */
    Duration backoff(Duration interval, int failures) {
        Duration max = config.feeds().maxBackoff();
        if (interval.compareTo(max) >= 0) {
            return interval;
        }
        int doublings = Math.min(failures, 40);
        Duration wait = interval;
        for (int i = 0; i < doublings && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private ClaimedFeed lease(Feed feed, Instant now) {
        Instant until = now.plus(config.feeds().lease());
        feed.leasedUntil = until;
        if (feed.nextPollAt.isBefore(until)) {
            feed.nextPollAt = until;
        }
        return ClaimedFeed.of(feed);
    }

    private static ProblemException busy(UUID id) {
        return new ProblemException(409, "Feed is being polled", "feed " + id + " is being polled right now");
    }
}
