package io.newshound.alert.story;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.config.StoryConfig;
import io.newshound.alert.event.ArticleClassified;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Puts classified articles into stories, in PostgreSQL, each in a short transaction of its own.
 *
 * <p>
 * Assignment reads the live stories and then writes one; two replicas doing that at once could each start a story for
 * the same development, or both extend one story from the same stale copy. Neither can happen, and no lock serialises
 * the replicas as a whole:
 * <ul>
 * <li>each assignment first takes transaction-scoped advisory locks on its article's candidate keys (every LSH band key
 * and every non-generic key term, the only ways one article can find another's story), in key order, so two articles
 * that could end up in one story are assigned one after the other and the second sees the first's story, while articles
 * with no key in common proceed in parallel;</li>
 * <li>a story is written only if it is still as read (its article count) and a new one only if its id is free; else the
 * assignment is rolled back and retried, and sees the other's commit.</li>
 * </ul>
 * The assignment commits before the alerts it leads to. That is safe because it is idempotent: an article already in a
 * story (a redelivered or revised article, or one whose alerts rolled back after its assignment committed) is not
 * assigned again, its story is returned. Its commit does not wait for the disk: the alerts' commit comes later in the
 * same write-ahead log and flushes it, and an assignment lost in a crash is made again on redelivery.
 */
@ApplicationScoped
public class StoryAssigner {

    /** Attempts of one assignment that keeps meeting concurrent changes to its stories, before it fails. */
    static final int ATTEMPTS = 8;

    private final EntityManager em;
    private final StoryGroupingSettings settings;
    private final int maxPostings;
    private final Duration windowStep;
    private final MeterRegistry metrics;

    public StoryAssigner(EntityManager em, StoryConfig config, MeterRegistry metrics) {
        this.em = em;
        this.settings = StoryGroupingSettings.defaults().withWindow(config.window());
        this.maxPostings = config.maxPostings();
        this.windowStep = config.windowStep();
        this.metrics = metrics;
    }

    /**
     * Assigns the article to its story, or finds the story it was assigned to before, in a transaction of its own
     * (whether or not the caller has one open), retried when a concurrent assignment changed a story it read.
     *
     * @return the story and, when the article is new to it, what it added
     */
    public Placement assign(ArticleClassified event) {
        for (int attempt = 1;; attempt++) {
            try {
                Placement placement = QuarkusTransaction.requiringNew().call(() -> em.unwrap(Session.class)
                        .doReturningWork(c -> {
                            try (PreparedStatement s = c.prepareStatement("set local synchronous_commit = off")) {
                                s.execute();
                            }
                            return assign(c, event, settings, maxPostings, windowStep);
                        }));
                if (placement.newArticle()) {
                    metrics.counter("newshound.stories.assigned", "match",
                            placement.assignment().match().name().toLowerCase()).increment();
                }
                return placement;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !concurrentChange(e)) {
                    throw e;
                }
                metrics.counter("newshound.stories.assignment.retries").increment();
                Log.debugf("Assigning article %s met a concurrent assignment (%s); retrying", event.articleId(), e);
            }
        }
    }

    /** A story changed under the assignment, or PostgreSQL broke a deadlock or serialisation conflict. */
    private static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoryConflictException) {
                return true;
            }
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The assignment itself, on the connection of an open transaction: lock the article's candidate keys, look the
     * article up, group it, record it. The locks are released when that transaction ends.
     */
    static Placement assign(Connection c, ArticleClassified event, StoryGroupingSettings settings, int maxPostings)
            throws SQLException {
        return assign(c, event, settings, maxPostings, Duration.ZERO);
    }

    static Placement assign(Connection c, ArticleClassified event, StoryGroupingSettings settings, int maxPostings,
            Duration windowStep) throws SQLException {
        StoryArticle article = storyArticle(event);
        PostgresStoryStore store = new PostgresStoryStore(c, maxPostings, windowStep);
        StoryGrouper grouper = new StoryGrouper(store, settings);
        StoryGrouper.Fingerprint fingerprint = grouper.fingerprint(article);
        store.lock(fingerprint.candidateKeys());
        try (PreparedStatement s = c.prepareStatement("select story_id from story_article where article_id = ?")) {
            s.setObject(1, event.articleId());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return new Placement(r.getObject(1, UUID.class), null);
                }
            }
        }
        StoryAssignment assignment = grouper.assign(fingerprint);
        try (PreparedStatement s = c.prepareStatement("""
                insert into story_article (article_id, story_id, sequence, article_revision, title, url, source,
                    language, published_at, topics, new_topics, new_sources, new_languages, match, score)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setObject(1, article.articleId());
            s.setObject(2, assignment.story().id());
            s.setInt(3, assignment.story().articleCount());
            s.setInt(4, event.revisionOrFirst());
            s.setString(5, article.title());
            s.setString(6, event.article() == null ? null : event.article().url());
            s.setString(7, blankToNull(article.source()));
            s.setString(8, blankToNull(article.language()));
            s.setTimestamp(9, Timestamp.from(article.publishedAt()));
            s.setArray(10, c.createArrayOf("text", article.topics().keySet().stream().sorted().toArray()));
            s.setArray(11, c.createArrayOf("text", assignment.newTopics().toArray()));
            s.setArray(12, c.createArrayOf("text", assignment.newSources().toArray()));
            s.setArray(13, c.createArrayOf("text", assignment.newLanguages().toArray()));
            s.setString(14, assignment.match().name().toLowerCase().replace('_', '-'));
            s.setDouble(15, assignment.score());
            s.executeUpdate();
        }
        return new Placement(assignment.story().id(), assignment);
    }

    /** What grouping reads of a classified article; without a publication time, the time it was classified. */
    static StoryArticle storyArticle(ArticleClassified event) {
        ArticleClassified.Article a = event.article();
        Map<String, Double> topics = new LinkedHashMap<>();
        event.topicsOrEmpty().forEach(t -> topics.merge(t.slug(), t.score(), Math::max));
        Instant publishedAt = a != null && a.publishedAt() != null
                ? a.publishedAt()
                : event.occurredAt() != null ? event.occurredAt() : Instant.now();
        return new StoryArticle(event.articleId(), a == null ? null : a.title(), a == null ? null : a.body(),
                a == null ? null : a.source(), a == null ? null : a.url(), event.language(), publishedAt, topics);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * Where an article landed.
     *
     * @param storyId
     *            its story
     * @param assignment
     *            what it added to the story; null when it was in the story already
     */
    public record Placement(UUID storyId, StoryAssignment assignment) {

        /** Whether the article joined (or started) the story just now. */
        public boolean newArticle() {
            return assignment != null;
        }
    }
}
