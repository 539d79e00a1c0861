package io.newshound.ingest.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.ingest.article.ArticleReceipt;
import io.newshound.ingest.article.ArticleService;
import io.newshound.ingest.article.ArticleSubmission;
import io.newshound.ingest.config.IngestConfig;
import io.newshound.ingest.normalize.PublishedTime;
import io.newshound.ingest.normalize.TrackingParameters;
import io.newshound.platform.outbound.TargetGuard;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Polls registered feeds: claims the due ones (see {@link FeedClaims}), fetches each with a conditional GET outside any
 * transaction, submits every item as an article (each in its own transaction, so one bad item costs only itself) and
 * records the feed's health.
 */
@ApplicationScoped
public class FeedPoller {

    private final FeedClaims claims;
    private final ArticleService articles;
    private final IngestConfig config;
    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final MeterRegistry meters;
    private final Clock clock;
    /** when the poller last started a tick or finished a feed; read by its liveness check */
    private volatile Instant lastProgress;

    public FeedPoller(FeedClaims claims, ArticleService articles, IngestConfig config, Clock clock,
            MeterRegistry meters, TargetGuard feedTargets) {
        this.claims = claims;
        this.articles = articles;
        this.config = config;
        this.meters = meters;
        this.clock = clock;
        this.lastProgress = Instant.now(clock);
        IngestConfig.Feeds.Fetch fetch = config.feeds().fetch();
        this.fetcher = new FeedFetcher(new FetchSettings(fetch.connectTimeout(), fetch.readTimeout(),
                fetch.maxBytes(), fetch.maxRedirects(), fetch.userAgent()), feedTargets);
        this.parser = new FeedParser(
                new PublishedTime(clock, config.articles().futureTolerance(), PublishedTime.DEFAULT_EARLIEST),
                TrackingParameters.defaults());
    }

    @Scheduled(identity = "feed-poller", every = "${newshound.ingest.feeds.tick:PT5S}", delayed = "${newshound.ingest.feeds.tick:PT5S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.feeds().pollerEnabled()) {
            return;
        }
        lastProgress = Instant.now(clock);
        pollDue();
        lastProgress = Instant.now(clock);
    }

    /** @return when the scheduled poller last started a tick or finished polling a feed */
    public Instant lastProgress() {
        return lastProgress;
    }

    /**
     * Claims and polls due feeds, one batch after another, until none is due.
     *
     * @return how many feeds were polled
     */
    public int pollDue() {
        int polled = 0;
        for (;;) {
            List<ClaimedFeed> batch = claims.claimDue(config.feeds().claimBatchSize());
            if (batch.isEmpty()) {
                return polled;
            }
            for (ClaimedFeed feed : batch) {
                poll(feed);
                polled++;
            }
        }
    }

    /**
     * Polls one feed now, whether it is due or paused, and waits for the outcome.
     *
     * @param id
     *            a feed id
     * @return what the poll did
     * @throws ProblemException
     *             404 when there is no such feed, 409 when it is being polled already
     */
    public PollReport pollNow(UUID id) {
        return poll(claims.claimOne(id));
    }

    private PollReport poll(ClaimedFeed feed) {
        Polled polled = read(feed);
        PollReport report = polled.report();
        if (report.outcome() == PollReport.Outcome.failed) {
            Log.warnf("Feed %s (%s) failed: %s", feed.id(), feed.url(), report.error());
        }
        claims.record(report, polled.validators()).ifPresent(view -> {
            if (view.paused() && report.outcome() == PollReport.Outcome.failed
                    && view.health().consecutiveFailures() == config.feeds().autoPauseAfterFailures()) {
                Log.warnf("Feed %s (%s) paused: %s", feed.id(), feed.url(), view.pausedReason());
            }
        });
        meters.counter("newshound.feeds.polls", "outcome", report.outcome().name()).increment();
        lastProgress = Instant.now(clock);
        meters.counter("newshound.feeds.items.new").increment(report.itemsNew());
        return report;
    }

    /** Fetches and ingests outside any transaction; never throws. */
    private Polled read(ClaimedFeed feed) {
        try {
            FetchResult result = fetcher.fetch(URI.create(feed.url()), feed.validators());
            if (result instanceof FetchResult.Fetched fetched) {
                PollReport report = ingest(feed, fetched);
                return new Polled(report,
                        report.outcome() == PollReport.Outcome.failed ? null : fetched.validators());
            }
            if (result instanceof FetchResult.NotModified) {
                return new Polled(new PollReport(feed.id(), PollReport.Outcome.notModified, 0, 0, 0, null, null),
                        null);
            }
            FetchResult.Failed failed = (FetchResult.Failed) result;
            Integer status = failed.httpStatus().isPresent() ? failed.httpStatus().getAsInt() : null;
            return new Polled(PollReport.failed(feed.id(), failed.reason(), status), null);
        } catch (RuntimeException e) {
            Log.errorf(e, "Polling feed %s (%s) failed unexpectedly", feed.id(), feed.url());
            return new Polled(PollReport.failed(feed.id(), "unexpected error: " + e, null), null);
        }
    }

    /** A poll's report and, after a successful fetch, the validators for the next one. */
    private record Polled(PollReport report, PreviousFetch validators) {
    }

    private PollReport ingest(ClaimedFeed feed, FetchResult.Fetched fetched) {
        FeedParseResult parsed = parser.parse(fetched);
        if (parsed instanceof FeedParseResult.Malformed malformed) {
            return PollReport.failed(feed.id(), "not a readable feed: " + malformed.reason(), null);
        }
        FeedParseResult.Parsed document = (FeedParseResult.Parsed) parsed;
        String source = feed.sourceName() != null ? feed.sourceName() : document.title();
        int created = 0;
        int rejected = document.skipped().size();
        int unstored = 0;
        String storeError = null;
        for (FeedItem item : document.items()) {
            try {
                ArticleReceipt receipt = articles.submit(submission(item, source, feed.language()));
                if (receipt.outcome() != ArticleReceipt.Outcome.duplicate) {
                    created++;
                }
            } catch (ProblemException e) {
                rejected++;
                Log.debugf("Feed %s: item %s refused: %s", feed.id(), item.url(), e.getMessage());
            } catch (RuntimeException e) {
                unstored++;
                storeError = storeError == null ? String.valueOf(e) : storeError;
                Log.warnf(e, "Feed %s: item %s could not be stored", feed.id(), item.url());
            }
        }
        int seen = document.items().size() + document.skipped().size();
        if (unstored > 0) {
            // a failure, so the validators are not kept: the next poll fetches the whole document again and the
            // items stored this time are recognised as duplicates
            return new PollReport(feed.id(), PollReport.Outcome.failed, seen, created, rejected,
                    "could not store " + unstored + " of " + seen + " items: " + storeError, null);
        }
        return new PollReport(feed.id(), PollReport.Outcome.fetched, seen, created, rejected, null, null);
    }

    /** Title-only items (common in headline feeds) use their title as the body too. */
    private static ArticleSubmission submission(FeedItem item, String source, String languageHint) {
        String body = item.text() == null || item.text().isBlank() ? item.title() : item.text();
        String language = item.language() != null ? item.language() : languageHint;
        String publishedAt = item.publishedAt() == null ? null : item.publishedAt().toString();
        return new ArticleSubmission(item.url().value(), item.title(), body, source, publishedAt, language);
    }
}
