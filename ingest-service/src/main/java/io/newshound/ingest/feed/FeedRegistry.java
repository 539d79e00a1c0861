package io.newshound.ingest.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.newshound.ingest.config.IngestConfig;
import io.newshound.ingest.normalize.CanonicalUrl;
import io.newshound.ingest.normalize.HtmlText;
import io.newshound.ingest.normalize.RejectedUrlException;
import io.newshound.platform.outbound.TargetGuard;
import io.newshound.platform.problem.Problem;
import io.newshound.platform.problem.ProblemException;

/** Registers, lists, pauses, resumes and removes the feeds the poller reads. */
@ApplicationScoped
public class FeedRegistry {

    private final EntityManager em;
    private final IngestConfig config;
    private final Clock clock;
    private final TargetGuard feedTargets;

    public FeedRegistry(EntityManager em, IngestConfig config, Clock clock, TargetGuard feedTargets) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.feedTargets = feedTargets;
    }

    /**
     * Registers a feed, due for its first poll at once.
     *
     * @param registration
     *            a validated registration
     * @return the new feed
     * @throws ProblemException
     *             400 for an unusable URL (one at an internal address included) or interval, 409 when the same
     *             canonical URL is already registered
     */
    @Transactional
    public FeedView register(FeedRegistration registration) {
        String url = canonicalUrl(registration.url());
        try {
            feedTargets.checkForRegistration(URI.create(url));
        } catch (TargetGuard.RefusedTarget refused) {
            throw ProblemException.invalidField("url", refused.getMessage());
        }
        int interval = pollInterval(registration.pollIntervalSeconds());
        if (Feed.count("url", url) > 0) {
            throw duplicate(url);
        }
        Instant now = Instant.now(clock);
        Feed feed = new Feed();
        feed.id = UUID.randomUUID();
        feed.url = url;
        feed.sourceName = blankToNull(registration.sourceName() == null
                ? null
                : HtmlText.toLine(registration.sourceName()));
        feed.language = registration.language();
        feed.pollIntervalSeconds = interval;
        feed.createdAt = now;
        feed.nextPollAt = now;
        feed.persist();
        try {
            em.flush();
        } catch (PersistenceException e) {
            // registered by a concurrent request between the check and the insert
            throw duplicate(url);
        }
        return FeedView.of(feed);
    }

    /** @return every registered feed, oldest registration first */
    @Transactional
    public List<FeedView> list() {
        return Feed.<Feed>list("order by createdAt, id").stream().map(FeedView::of).toList();
    }

    /**
     * @param id
     *            a feed id
     * @return the feed with its health
     */
    @Transactional
    public Optional<FeedView> find(UUID id) {
        return Feed.<Feed>findByIdOptional(id).map(FeedView::of);
    }

    /**
     * Stops polling a feed until it is resumed.
     *
     * @param id
     *            a feed id
     * @param reason
     *            shown with the feed, or {@code null}
     * @return the paused feed
     */
    @Transactional
    public FeedView pause(UUID id, String reason) {
        Feed feed = existing(id);
        feed.paused = true;
        feed.pausedReason = reason == null || reason.isBlank() ? "paused by an operator" : HtmlText.toLine(reason);
        return FeedView.of(feed);
    }

    /**
     * Polls a paused feed again, due at once, its failure count reset (so a feed paused for failing gets its full
     * allowance of retries again).
     *
     * @param id
     *            a feed id
     * @return the resumed feed
     */
    @Transactional
    public FeedView resume(UUID id) {
        Feed feed = existing(id);
        if (feed.paused) {
            feed.paused = false;
            feed.pausedReason = null;
            feed.consecutiveFailures = 0;
            feed.nextPollAt = Instant.now(clock);
        }
        return FeedView.of(feed);
    }

    /**
     * Removes a feed; its articles stay.
     *
     * @param id
     *            a feed id
     * @return whether it existed
     */
    @Transactional
    public boolean remove(UUID id) {
        return Feed.deleteById(id);
    }

    private static Feed existing(UUID id) {
        return Feed.<Feed>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Feed", id));
    }

    private int pollInterval(Integer requested) {
        IngestConfig.Feeds feeds = config.feeds();
        if (requested == null) {
            return (int) feeds.defaultPollInterval().toSeconds();
        }
        Duration min = feeds.minPollInterval();
        Duration max = feeds.maxPollInterval();
        if (requested < min.toSeconds() || requested > max.toSeconds()) {
            throw ProblemException.invalidField("pollIntervalSeconds",
                    "must be between " + min.toSeconds() + " and " + max.toSeconds() + " seconds");
        }
        return requested;
    }

    private static String canonicalUrl(String url) {
        try {
            return CanonicalUrl.of(url).value();
        } catch (RejectedUrlException e) {
            throw ProblemException.invalidField("url", e.getMessage());
        }
    }

    private static ProblemException duplicate(String url) {
        return new ProblemException(409, "Feed already registered", "a feed with the URL " + url
                + " is already registered",
                List.of(new Problem.FieldError("url",
                        "already registered")),
                null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
