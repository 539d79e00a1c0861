package io.newshound.alert.thread;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.story.StoryQueries;
import io.newshound.platform.problem.ProblemException;

/** Reads alert threads for the API, scoped to the caller's tenant (an admin sees every tenant's). */
@ApplicationScoped
public class AlertQueries {

    static final int MAX_LIMIT = 200;
    private static final TypeReference<List<ArticleClassified.Topic>> TOPICS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            a.id, a.subscription_id, a.story_id, s.headline, a.revision,
            (select count(*) from alert_article w where w.alert_id = a.id and w.revision is null),
            a.created_at, a.updated_at""";

    private final EntityManager em;
    private final CurrentTenant tenant;
    private final StoryQueries stories;
    private final ObjectMapper mapper;

    public AlertQueries(EntityManager em, CurrentTenant tenant, StoryQueries stories, ObjectMapper mapper) {
        this.em = em;
        this.tenant = tenant;
        this.stories = stories;
        this.mapper = mapper;
    }

    /**
     * Lists the caller's alerts, newest first.
     *
     * @param since
     *            only alerts raised at or after this time
     * @param cursor
     *            the {@code nextCursor} of the previous page, or null for the first page
     * @throws ProblemException
     *             400 naming an invalid {@code limit} or {@code cursor}
     */
    @Transactional
    public AlertPage list(UUID subscriptionId, UUID storyId, Instant since, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from alert a left join story s on s.id = a.story_id where (? or a.tenant_id = ?)");
        List<Object> params = new ArrayList<>(List.of(tenant.admin(), tenant.id()));
        if (subscriptionId != null) {
            sql.append(" and a.subscription_id = ?");
            params.add(subscriptionId);
        }
        if (storyId != null) {
            sql.append(" and a.story_id = ?");
            params.add(storyId);
        }
        if (since != null) {
            sql.append(" and a.created_at >= ?");
            params.add(Timestamp.from(since));
        }
        if (after != null) {
            sql.append(" and (a.created_at, a.id) < (?, ?)");
            params.add(Timestamp.from(after.createdAt));
            params.add(after.id);
        }
        sql.append(" order by a.created_at desc, a.id desc limit ?");
        params.add(limit + 1);
        List<AlertView> rows = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    s.setObject(i + 1, params.get(i));
                }
                List<AlertView> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        list.add(view(r));
                    }
                }
                return list;
            }
        });
        if (rows.size() <= limit) {
            return new AlertPage(rows, null);
        }
        List<AlertView> page = rows.subList(0, limit);
        AlertView last = page.get(limit - 1);
        return new AlertPage(List.copyOf(page), new Cursor(last.createdAt(), last.id()).encode());
    }

    /**
     * @throws ProblemException
     *             404 when there is no such alert or it belongs to another tenant
     */
    @Transactional
    public AlertDetail get(UUID id) {
        Session session = em.unwrap(Session.class);
        AlertView alert = session.doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("select " + COLUMNS
                    + " from alert a left join story s on s.id = a.story_id where a.id = ? and (? or a.tenant_id = ?)")) {
                s.setObject(1, id);
                s.setBoolean(2, tenant.admin());
                s.setString(3, tenant.id());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? view(r) : null;
                }
            }
        });
        if (alert == null) {
            throw ProblemException.notFound("Alert", id);
        }
        Map<Integer, List<AlertDetail.Article>> byRevision = new LinkedHashMap<>();
        List<AlertDetail.Article> waiting = new ArrayList<>();
        session.doWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select aa.revision, aa.article_id, sa.title, sa.url, sa.source, sa.language, sa.published_at,
                           aa.topics, aa.recorded_at
                    from alert_article aa left join story_article sa on sa.article_id = aa.article_id
                    where aa.alert_id = ? order by aa.recorded_at, aa.article_id""")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Timestamp published = r.getTimestamp(7);
                        var article = new AlertDetail.Article(r.getObject(2, UUID.class), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6),
                                published == null ? null : published.toInstant(), topics(r.getString(8)),
                                r.getTimestamp(9).toInstant());
                        Integer revision = (Integer) r.getObject(1);
                        if (revision == null) {
                            waiting.add(article);
                        } else {
                            byRevision.computeIfAbsent(revision, k -> new ArrayList<>()).add(article);
                        }
                    }
                }
            }
        });
        List<AlertDetail.Revision> revisions = session.doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "select revision, created_at, changes from alert_update where alert_id = ? order by revision")) {
                s.setObject(1, id);
                List<AlertDetail.Revision> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int revision = r.getInt(1);
                        list.add(new AlertDetail.Revision(revision,
                                revision == 1 ? AlertWebhook.RAISED : AlertWebhook.UPDATED,
                                r.getTimestamp(2).toInstant(), changes(r.getString(3)),
                                byRevision.getOrDefault(revision, List.of())));
                    }
                }
                return list;
            }
        });
        // the caller owns the alert, so it may read its story
        return new AlertDetail(alert, alert.storyId() == null ? null : stories.visible(alert.storyId()).orElse(null),
                revisions, waiting);
    }

    private static AlertView view(ResultSet r) throws SQLException {
        return new AlertView(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class),
                r.getString(4), r.getInt(5), r.getInt(6), r.getTimestamp(7).toInstant(),
                r.getTimestamp(8).toInstant());
    }

    private List<ArticleClassified.Topic> topics(String json) {
        try {
            return mapper.readValue(json, TOPICS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert topics unreadable", e);
        }
    }

    /** Alerts raised before stories existed recorded no changes ({@code {}}): they read as empty. */
    private AlertWebhook.Changes changes(String json) {
        try {
            AlertWebhook.Changes changes = mapper.readValue(json, AlertWebhook.Changes.class);
            return changes.newTopics() == null ? null : changes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert changes unreadable", e);
        }
    }

    /** Position after the last alert of a page: its creation time and id, opaque to callers. */
    private record Cursor(Instant createdAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("two parts expected");
                }
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw ProblemException.invalidField("cursor", "must be a nextCursor returned by this endpoint");
            }
        }
    }
}
