package io.newshound.alert.story;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.newshound.alert.access.CurrentTenant;
import io.newshound.platform.problem.ProblemException;

/** Reads stories for the API. A tenant sees a story only once it has an alert on it; an admin sees every story. */
@ApplicationScoped
public class StoryQueries {

    private final EntityManager em;
    private final CurrentTenant tenant;

    public StoryQueries(EntityManager em, CurrentTenant tenant) {
        this.em = em;
        this.tenant = tenant;
    }

    /**
     * @throws ProblemException
     *             404 when there is no such story or the caller has no alert on it
     */
    @Transactional
    public StoryView get(UUID id) {
        return visible(id).orElseThrow(() -> ProblemException.notFound("Story", id));
    }

    /**
     * @throws ProblemException
     *             404 when there is no such story or the caller has no alert on it
     */
    @Transactional
    public StoryTimeline timeline(UUID id) {
        StoryView story = get(id);
        List<StoryTimeline.Entry> entries = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select sequence, article_id, title, url, source, language, published_at, topics, new_topics,
                           new_sources, new_languages, match, score, assigned_at
                    from story_article where story_id = ? order by sequence""")) {
                s.setObject(1, id);
                List<StoryTimeline.Entry> list = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        list.add(new StoryTimeline.Entry(r.getInt(1), r.getObject(2, UUID.class), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6), r.getTimestamp(7).toInstant(),
                                strings(r.getArray(8)), new StoryTimeline.Added(strings(r.getArray(9)),
                                        strings(r.getArray(10)), strings(r.getArray(11))),
                                r.getString(12), r.getDouble(13), r.getTimestamp(14).toInstant()));
                    }
                }
                return list;
            }
        });
        return new StoryTimeline(story, entries);
    }

    /**
     * The story, if it exists and the caller may read it. Used by other capabilities that show a story next to their
     * own data, within the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoryView> visible(UUID id) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    select s.headline, s.first_seen, s.last_seen, s.article_count, s.sources, s.languages, s.topics,
                           s.last_seen >= w.live_from
                    from story s cross join story_window w
                    where s.id = ? and (? or exists (select 1 from alert a where a.story_id = s.id and a.tenant_id = ?))
                    """)) {
                s.setObject(1, id);
                s.setBoolean(2, tenant.admin());
                s.setString(3, tenant.id());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<StoryView>empty();
                    }
                    return Optional.of(new StoryView(id, r.getString(1), r.getTimestamp(2).toInstant(),
                            r.getTimestamp(3).toInstant(), r.getInt(4), strings(r.getArray(5)),
                            strings(r.getArray(6)), strings(r.getArray(7)), r.getBoolean(8)));
                }
            }
        });
    }

    /** Whether a story with that id exists at all, whoever may read it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean exists(UUID id) {
        return !em.createNativeQuery("select 1 from story where id = ?1").setParameter(1, id).getResultList()
                .isEmpty();
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : new TreeSet<>(Arrays.asList((String[]) array.getArray()));
    }
}
