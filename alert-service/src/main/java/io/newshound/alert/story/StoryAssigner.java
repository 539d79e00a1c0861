package io.newshound.alert.story;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.config.StoryConfig;
import io.newshound.alert.event.ArticleClassified;

/**
 * Puts classified articles into stories, in PostgreSQL, inside the caller's transaction.
 *
 * <p>
 * Assignment reads the live stories and then writes one; two replicas doing that at once could each start a story for
 * the same development. So every assignment first takes one transaction-scoped advisory lock, held until the caller's
 * transaction (with its inbox row and alerts) commits or rolls back: assignments are serialised across replicas, and
 * each one sees every story committed before it. An article already in a story (a redelivered or revised article) is
 * not assigned again.
 */
@ApplicationScoped
public class StoryAssigner {

    /** Advisory lock key of story assignment ("stories" in ASCII); no other lock in this database uses it. */
    static final long ASSIGNMENT_LOCK = 0x73746f72696573L;

    private final EntityManager em;
    private final StoryGroupingSettings settings;
    private final int maxPostings;
    private final MeterRegistry metrics;

    public StoryAssigner(EntityManager em, StoryConfig config, MeterRegistry metrics) {
        this.em = em;
        this.settings = StoryGroupingSettings.defaults().withWindow(config.window());
        this.maxPostings = config.maxPostings();
        this.metrics = metrics;
    }

    /**
     * Assigns the article to its story, or finds the story it was assigned to before.
     *
     * @return the story and, when the article is new to it, what it added
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Placement assign(ArticleClassified event) {
        Placement placement = em.unwrap(Session.class)
                .doReturningWork(c -> assign(c, event, settings, maxPostings));
        if (placement.newArticle()) {
            metrics.counter("newshound.stories.assigned", "match",
                    placement.assignment().match().name().toLowerCase()).increment();
        }
        return placement;
    }

    /**
     * The assignment itself, on the connection of an open transaction: lock, look the article up, group it, record it.
     * The lock is released when that transaction ends.
     */
    static Placement assign(Connection c, ArticleClassified event, StoryGroupingSettings settings, int maxPostings)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            s.setLong(1, ASSIGNMENT_LOCK);
            s.execute();
        }
        try (PreparedStatement s = c.prepareStatement("select story_id from story_article where article_id = ?")) {
            s.setObject(1, event.articleId());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return new Placement(r.getObject(1, UUID.class), null);
                }
            }
        }
        StoryArticle article = storyArticle(event);
        StoryAssignment assignment = new StoryGrouper(new PostgresStoryStore(c, maxPostings), settings)
                .assign(article);
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
