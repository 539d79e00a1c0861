package io.newshound.alert.thread;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.delivery.engine.DeliveryQueue;
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.matching.MatchedTerm;
import io.newshound.alert.thread.Subscribers.Subscriber;
import io.quarkus.logging.Log;

/**
 * Alert threads: one alert per (subscription, story), whose revisions tell the subscriber about the story's articles.
 * The first article a subscription wants in a story raises the alert (revision 1); each later one is recorded on the
 * thread and, when the subscription's {@link UpdatePolicy} lets it, goes out with everything else recorded since the
 * previous revision as the next revision. Every revision gets its own webhook body and one delivery.
 *
 * <p>
 * Everything here runs inside the caller's transaction. A thread's row is locked ({@code for update}) while a revision
 * is made, so the consumer and the {@link UpdateFlusher} never make the same revision twice.
 *
 * <p>
 * Longer than most classes on purpose: recording an article, deciding by the update policy and making a revision (its
 * rows, its webhook body kept under the size limit, its delivery) are one sequence of statements on the caller's
 * connection under the thread's row lock, and read best in one place.
 */
@ApplicationScoped
public class AlertThreads {

    /** Webhook bodies stay below this size; evidence is trimmed, then dropped, then fewer articles listed, to fit. */
    static final int MAX_PAYLOAD_BYTES = 20_000;
    /** Most articles one webhook lists; {@code changes.newArticles} still counts them all. */
    static final int MAX_ARTICLES = 10;
    private static final int MAX_EVIDENCE_PER_TOPIC = 5;
    private static final int MAX_SNIPPET_CHARS = 300;
    private static final int MAX_TITLE_CHARS = 1000;
    private static final TypeReference<List<ArticleClassified.Topic>> TOPICS = new TypeReference<>() {
    };
    private static final TypeReference<List<MatchedTerm>> MATCHED_TERMS = new TypeReference<>() {
    };

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration firstAttemptDelay;
    private final Notifications notifications;
    private final Subscribers subscribers;

    public AlertThreads(EntityManager em, ObjectMapper mapper, Clock clock, WebhookConfig config,
            Notifications notifications, Subscribers subscribers) {
        this.notifications = notifications;
        this.subscribers = subscribers;
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.firstAttemptDelay = config.retrySchedule().isEmpty() ? Duration.ZERO : config.retrySchedule().get(0);
    }

    /** @return the active subscriptions among {@code ids}, with whether each muted the story */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, Subscriber> subscribers(Collection<UUID> ids, UUID storyId) {
        return subscribers.find(ids, storyId);
    }

    /**
     * Records an article the subscription wants on its thread for the story, raising the alert if there is none yet,
     * and makes the next revision if the subscription's update policy lets it go out now.
     *
     * @param topics
     *            the article's topics that made the subscription match
     * @return the revision made (1 when the alert was raised), or 0 when the article waits for a later revision or was
     *         on the thread already
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int record(Subscriber subscriber, UUID storyId, ArticleClassified event,
            List<ArticleClassified.Topic> topics,
            List<MatchedTerm> matchedTerms, List<Notifications.Pending> told) {
        Instant now = clock.instant();
        return sql(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into alert (id, tenant_id, subscription_id, story_id, article_id, article_revision, event_id,
                                       revision, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) on conflict (subscription_id, story_id) do nothing""")) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, subscriber.tenantId());
                s.setObject(3, subscriber.id());
                s.setObject(4, storyId);
                s.setObject(5, event.articleId());
                s.setInt(6, event.revisionOrFirst());
                s.setObject(7, event.eventId());
                s.setTimestamp(8, Timestamp.from(now));
                s.setTimestamp(9, Timestamp.from(now));
                s.executeUpdate();
            }
            ThreadRow thread = lockThread(c, "subscription_id = ? and story_id = ?", subscriber.id(), storyId);
            // a mute committed since the subscription was read: muting locks this row too, so this sees it
            if (mutedNow(c, subscriber.id(), storyId)) {
                if (thread.revision == 0) {
                    try (PreparedStatement s = c.prepareStatement("delete from alert where id = ?")) {
                        s.setObject(1, thread.id);
                        s.executeUpdate();
                    }
                }
                return 0;
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into alert_article (alert_id, article_id, article_revision, event_id, topics, recorded_at,
                                               matched_terms)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict (alert_id, article_id) do nothing""")) {
                s.setObject(1, thread.id);
                s.setObject(2, event.articleId());
                s.setInt(3, event.revisionOrFirst());
                s.setObject(4, event.eventId());
                s.setString(5, json(topics.stream().map(AlertThreads::trimmed).toList()));
                s.setTimestamp(6, Timestamp.from(now));
                s.setString(7, matchedTerms.isEmpty() ? null : json(matchedTerms));
                if (s.executeUpdate() == 0) {
                    return 0;
                }
            }
            boolean sendNow = switch (subscriber.policy().kind()) {
                case EVERY_ARTICLE -> true;
                case NEW_TOPICS_ONLY -> thread.revision == 0
                        || topics.stream().anyMatch(t -> !thread.toldTopics.contains(t.slug()));
                case AT_MOST_EVERY -> thread.revision == 0
                        || !now.isBefore(thread.updatedAt.plus(Duration.ofMinutes(subscriber.policy().minutes())));
            };
            if (sendNow) {
                return revise(c, thread, subscriber.tenantId(), subscriber.endpointId(), event.eventId(), now, told);
            }
            if (subscriber.policy().kind() == UpdatePolicy.Kind.AT_MOST_EVERY && thread.flushAt == null) {
                try (PreparedStatement s = c.prepareStatement("update alert set flush_at = ? where id = ?")) {
                    s.setTimestamp(1,
                            Timestamp.from(thread.updatedAt.plus(Duration.ofMinutes(subscriber.policy().minutes()))));
                    s.setObject(2, thread.id);
                    s.executeUpdate();
                }
            }
            return 0;
        });
    }

    /**
     * Sends what waits on threads whose {@code atMostEveryMinutes} interval has passed, one revision per thread.
     * Threads being revised elsewhere right now are skipped (they are due again on the next run).
     *
     * @return the number of revisions made
     */
    @Transactional
    public int flushDue(int limit) {
        Instant now = clock.instant();
        List<Notifications.Pending> told = new ArrayList<>();
        int made = sql(c -> {
            List<Object[]> due = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select a.id, s.tenant_id, s.endpoint_id,
                           s.deleted_at is not null or exists (select 1 from subscription_muted_story m
                               where m.subscription_id = a.subscription_id and m.story_id = a.story_id)
                    from alert a join subscription s on s.id = a.subscription_id
                    where a.flush_at <= ? order by a.flush_at limit ? for update of a skip locked""")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        due.add(new Object[]{r.getObject(1, UUID.class), r.getString(2), r.getObject(3, UUID.class),
                                r.getBoolean(4)});
                    }
                }
            }
            int revisions = 0;
            for (Object[] d : due) {
                ThreadRow thread = lockThread(c, "id = ?", d[0]);
                if ((Boolean) d[3]) {
                    try (PreparedStatement s = c.prepareStatement("update alert set flush_at = null where id = ?")) {
                        s.setObject(1, thread.id);
                        s.executeUpdate();
                    }
                    continue;
                }
                if (revise(c, thread, (String) d[1], (UUID) d[2], null, now, told) > 0) {
                    revisions++;
                }
            }
            return revisions;
        });
        notifications.appendAll(told);
        return made;
    }

    /** Forgets what waits on the subscription's thread for a story it just muted, so unmuting does not send it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void dropWaiting(UUID subscriptionId, UUID storyId) {
        // the alert row first: it is the lock a revision being made holds
        em.createNativeQuery("update alert set flush_at = null where subscription_id = ?1 and story_id = ?2")
                .setParameter(1, subscriptionId).setParameter(2, storyId).executeUpdate();
        em.createNativeQuery("delete from alert_article where revision is null and alert_id in"
                + " (select id from alert where subscription_id = ?1 and story_id = ?2)")
                .setParameter(1, subscriptionId).setParameter(2, storyId).executeUpdate();
    }

    private static boolean mutedNow(Connection c, UUID subscriptionId, UUID storyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select 1 from subscription_muted_story where subscription_id = ? and story_id = ?")) {
            s.setObject(1, subscriptionId);
            s.setObject(2, storyId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** A thread's row, locked. */
    private record ThreadRow(UUID id, UUID subscriptionId, UUID storyId, int revision, Set<String> toldTopics,
            Set<String> toldSources, Set<String> toldLanguages, Instant updatedAt, Instant flushAt) {
    }

    private ThreadRow lockThread(Connection c, String where, Object... keys) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select id, subscription_id, story_id, revision, told_topics,"
                + " told_sources, told_languages, updated_at, flush_at from alert where " + where + " for update")) {
            for (int i = 0; i < keys.length; i++) {
                s.setObject(i + 1, keys[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp flushAt = r.getTimestamp(9);
                return new ThreadRow(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class),
                        r.getInt(4), strings(r.getArray(5)), strings(r.getArray(6)), strings(r.getArray(7)),
                        r.getTimestamp(8).toInstant(), flushAt == null ? null : flushAt.toInstant());
            }
        }
    }

    /**
     * Makes the thread's next revision from every article waiting on it: webhook body, revision row, delivery.
     *
     * @return the revision made, 0 when nothing waits
     */
    private int revise(Connection c, ThreadRow thread, String tenantId, UUID endpointId, UUID eventId, Instant now,
            List<Notifications.Pending> told) throws SQLException {
        List<AlertWebhook.Article> articles = new ArrayList<>();
        Map<String, ArticleClassified.Topic> topics = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select aa.article_id, aa.topics, sa.title, sa.url, sa.source, sa.language, sa.published_at,
                       aa.matched_terms
                from alert_article aa left join story_article sa on sa.article_id = aa.article_id
                where aa.alert_id = ? and aa.revision is null order by aa.recorded_at, aa.article_id""")) {
            s.setObject(1, thread.id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp published = r.getTimestamp(7);
                    articles.add(new AlertWebhook.Article(r.getObject(1, UUID.class), cut(r.getString(3)),
                            r.getString(4), r.getString(5), r.getString(6),
                            published == null ? null : published.toInstant(), matchedTerms(r.getString(8))));
                    for (ArticleClassified.Topic t : topics(r.getString(2))) {
                        topics.merge(t.slug(), t, AlertThreads::merged);
                    }
                }
            }
        }
        if (articles.isEmpty()) {
            return 0;
        }
        int revision = thread.revision + 1;
        Set<String> sources = new TreeSet<>();
        Set<String> languages = new TreeSet<>();
        articles.forEach(a -> {
            if (a.source() != null) {
                sources.add(a.source());
            }
            if (a.language() != null) {
                languages.add(a.language());
            }
        });
        var changes = new AlertWebhook.Changes(articles.size(), minus(topics.keySet(), thread.toldTopics),
                minus(sources, thread.toldSources), minus(languages, thread.toldLanguages));
        var data = new AlertWebhook.Data(thread.id, thread.subscriptionId, revision, story(c, thread.storyId),
                articles, List.copyOf(topics.values()), changes);
        String payload = payload(revision == 1 ? AlertWebhook.RAISED : AlertWebhook.UPDATED, now, data);

        try (PreparedStatement s = c.prepareStatement("insert into alert_update (alert_id, revision, event_id, changes,"
                + " payload, created_at) values (?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, thread.id);
            s.setInt(2, revision);
            s.setObject(3, eventId);
            s.setString(4, json(changes));
            s.setString(5, payload);
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
        try (PreparedStatement s = c
                .prepareStatement("update alert_article set revision = ? where alert_id = ? and revision is null")) {
            s.setInt(1, revision);
            s.setObject(2, thread.id);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                update alert set revision = ?, told_topics = ?, told_sources = ?, told_languages = ?, updated_at = ?,
                                 flush_at = null
                where id = ?""")) {
            s.setInt(1, revision);
            s.setArray(2, c.createArrayOf("text", union(thread.toldTopics, topics.keySet())));
            s.setArray(3, c.createArrayOf("text", union(thread.toldSources, sources)));
            s.setArray(4, c.createArrayOf("text", union(thread.toldLanguages, languages)));
            s.setTimestamp(5, Timestamp.from(now));
            s.setObject(6, thread.id);
            s.executeUpdate();
        }
        told.add(new Notifications.Pending(tenantId, thread.subscriptionId, revision == 1
                ? AlertWebhook.RAISED
                : AlertWebhook.UPDATED, payload));
        if (wantsDigest(c, thread.subscriptionId)) {
            Log.debugf("Alert %s revision %d waits for the subscription's digest", thread.id, revision);
            return revision;
        }
        DeliveryQueue.alertRevision(c, tenantId, endpointId, thread.id, revision, firstAttemptDelay);
        Log.debugf("Alert %s revision %d: %d article(s), changes %s", thread.id, revision, articles.size(), changes);
        return revision;
    }

    /** A subscription with a digest gets its revisions in the digest, not one webhook each. */
    private static boolean wantsDigest(Connection c, UUID subscriptionId) throws SQLException {
        try (PreparedStatement s = c
                .prepareStatement("select exists (select 1 from subscription_digest where subscription_id = ?)")) {
            s.setObject(1, subscriptionId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private static AlertWebhook.StorySummary story(Connection c, UUID storyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select headline, first_seen, last_seen, article_count, sources,"
                + " languages from story where id = ?")) {
            s.setObject(1, storyId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new AlertWebhook.StorySummary(storyId, cut(r.getString(1)), r.getTimestamp(2).toInstant(),
                        r.getTimestamp(3).toInstant(), r.getInt(4), strings(r.getArray(5)), strings(r.getArray(6)));
            }
        }
    }

    /** The body, kept under {@link #MAX_PAYLOAD_BYTES}: evidence goes first, then the oldest listed articles. */
    private String payload(String type, Instant now, AlertWebhook.Data data) {
        List<AlertWebhook.Article> articles = data.articles();
        if (articles.size() > MAX_ARTICLES) {
            articles = articles.subList(articles.size() - MAX_ARTICLES, articles.size());
        }
        String json = render(type, now, data, articles, data.topics());
        if (fits(json)) {
            return json;
        }
        List<ArticleClassified.Topic> bare = data.topics().stream()
                .map(t -> new ArticleClassified.Topic(t.slug(), t.label(), t.score(), List.of())).toList();
        json = render(type, now, data, articles, bare);
        while (!fits(json) && articles.size() > 1) {
            articles = articles.subList(articles.size() / 2, articles.size());
            json = render(type, now, data, articles, bare);
        }
        return json;
    }

    private String render(String type, Instant now, AlertWebhook.Data data, List<AlertWebhook.Article> articles,
            List<ArticleClassified.Topic> topics) {
        return json(new AlertWebhook(type, now, new AlertWebhook.Data(data.alertId(), data.subscriptionId(),
                data.revision(), data.story(), articles, topics, data.changes())));
    }

    private static boolean fits(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES;
    }

    /** One topic seen on several articles: the best score, the evidence of each in turn up to the limit. */
    private static ArticleClassified.Topic merged(ArticleClassified.Topic a, ArticleClassified.Topic b) {
        List<ArticleClassified.Evidence> evidence = new ArrayList<>(a.evidence());
        evidence.addAll(b.evidence());
        return new ArticleClassified.Topic(a.slug(), a.label() != null ? a.label() : b.label(),
                Math.max(a.score(), b.score()), evidence.stream().limit(MAX_EVIDENCE_PER_TOPIC).toList());
    }

    static ArticleClassified.Topic trimmed(ArticleClassified.Topic t) {
        List<ArticleClassified.Evidence> evidence = t.evidence() == null
                ? List.of()
                : t.evidence().stream().limit(MAX_EVIDENCE_PER_TOPIC)
                        .map(ev -> new ArticleClassified.Evidence(ev.ruleId(), ev.field(), ev.terms(), ev.start(),
                                ev.end(),
                                ev.snippet() != null && ev.snippet().length() > MAX_SNIPPET_CHARS
                                        ? ev.snippet().substring(0, MAX_SNIPPET_CHARS)
                                        : ev.snippet()))
                        .toList();
        return new ArticleClassified.Topic(t.slug(), t.label(), t.score(), evidence);
    }

    private static String cut(String title) {
        return title != null && title.length() > MAX_TITLE_CHARS ? title.substring(0, MAX_TITLE_CHARS) : title;
    }

    private List<MatchedTerm> matchedTerms(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return mapper.readValue(json, MATCHED_TERMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored matched terms unreadable", e);
        }
    }

    private List<ArticleClassified.Topic> topics(String json) {
        try {
            return mapper.readValue(json, TOPICS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert topics unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value, e);
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> left = new TreeSet<>(a);
        left.removeAll(b);
        return left;
    }

    private static Object[] union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all.toArray();
    }

    static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : new TreeSet<>(Arrays.asList((String[]) array.getArray()));
    }

    private <T> T sql(ReturningWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work);
    }
}
