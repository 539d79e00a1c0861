package io.newshound.alert.matching;

import java.io.Closeable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.newshound.alert.event.ArticleClassified;
import io.quarkus.logging.Log;

/**
 * This replica's in-memory index of the active subscriptions (a {@link SubscriptionMatcher}), loaded once from the
 * database and then kept in step by following {@code subscription_change} from the last id applied: each change puts or
 * removes one subscription, never reloads them all. Plain JDBC, so that a second instance (another replica, in tests)
 * is just another object.
 * <p>
 * Thread safety: {@link #match} runs lock-free on any thread; {@link #load} and {@link #catchUp} take turns.
 */
public final class SubscriptionIndex implements Closeable {

    /** Keyword hits reported per alert; the payload stays small however often a term occurs. */
    static final int MAX_MATCHED_TERMS = 20;
    /** Characters of matched text reported per hit. */
    static final int MAX_TERM_CHARS = 200;
    private static final int CHANGES_PER_ROUND = 1000;

    private static final String COLUMNS = "id, endpoint_id, topics, match_mode, query, languages, sources,"
            + " exclude_sources, min_score, paused, deleted_at is null as active";

    private final DataSource dataSource;
    private final SubscriptionMatcher matcher = new SubscriptionMatcher();
    /** Subscription to its webhook endpoint, for the subscriptions in the matcher. */
    private final Map<UUID, UUID> endpoints = new ConcurrentHashMap<>();
    private long lastChange;
    private boolean loaded;

    public SubscriptionIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Loads every active subscription. The change position is read first: a change committed while loading is applied
     * again by the next {@link #catchUp}, which is harmless (a change is applied by reading the subscription's current
     * row).
     */
    public synchronized void load() {
        try (Connection c = dataSource.getConnection()) {
            long position;
            try (PreparedStatement st = c.prepareStatement("select coalesce(max(id), 0) from subscription_change");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                position = rs.getLong(1);
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement st = c
                    .prepareStatement("select " + COLUMNS + " from subscription where deleted_at is null");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(Row.read(rs));
                }
            }
            rows.forEach(r -> endpoints.put(r.subscription.id(), r.endpointId));
            Map<UUID, InvalidKeywordQueryException> rejected = matcher
                    .putAll(rows.stream().map(Row::subscription).toList());
            rejected.forEach((id, e) -> {
                endpoints.remove(id);
                Log.errorf("Subscription %s left out of matching: its query no longer compiles (%s)", id,
                        e.getMessage());
            });
            lastChange = position;
            loaded = true;
            Log.infof("Matching %d subscriptions (%d with a keyword query), up to change %d", matcher.size(),
                    matcher.statistics().keywordQueries(), position);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the subscriptions", e);
        }
    }

    /**
     * Applies every change committed since the last one applied, in order.
     *
     * @return how many changes were applied
     */
    public synchronized int catchUp() {
        if (!loaded) {
            load();
            return 0;
        }
        int applied = 0;
        try (Connection c = dataSource.getConnection()) {
            while (true) {
                List<Long> ids = new ArrayList<>();
                Set<UUID> changed = new LinkedHashSet<>();
                try (PreparedStatement st = c.prepareStatement(
                        "select id, subscription_id from subscription_change where id > ? order by id limit ?")) {
                    st.setLong(1, lastChange);
                    st.setInt(2, CHANGES_PER_ROUND);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            changed.add(rs.getObject(2, UUID.class));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return applied;
                }
                apply(c, changed);
                lastChange = ids.get(ids.size() - 1);
                applied += ids.size();
                if (ids.size() < CHANGES_PER_ROUND) {
                    return applied;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read subscription changes", e);
        }
    }

    private void apply(Connection c, Set<UUID> changed) throws SQLException {
        Map<UUID, Row> current = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from subscription where id = any(?)")) {
            Array ids = c.createArrayOf("uuid", changed.toArray());
            st.setArray(1, ids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Row row = Row.read(rs);
                    current.put(row.subscription.id(), row);
                }
            }
        }
        for (UUID id : changed) {
            Row row = current.get(id);
            if (row == null || !row.active) {
                matcher.remove(id);
                endpoints.remove(id);
                Log.debugf("Subscription %s no longer matches", id);
                continue;
            }
            try {
                endpoints.put(id, row.endpointId);
                matcher.put(row.subscription);
                Log.debugf("Subscription %s now matches as changed", id);
            } catch (InvalidKeywordQueryException e) {
                Log.errorf("Subscription %s kept its previous version: its query does not compile (%s)", id,
                        e.getMessage());
            }
        }
    }

    /** @return the id of the last change applied */
    public synchronized long lastChange() {
        return lastChange;
    }

    /** @return subscriptions held, paused ones included */
    public int size() {
        return matcher.size();
    }

    /** @return the engine's counters */
    public SubscriptionMatcher.Statistics statistics() {
        return matcher.statistics();
    }

    /** @return the subscriptions that want the article, with the topics and keyword hits that made them match */
    public List<InterestedSubscription> match(ArticleClassified event) {
        ArticleClassified.Article a = event.article();
        Map<String, Double> topics = new HashMap<>();
        for (ArticleClassified.Topic t : event.topicsOrEmpty()) {
            topics.merge(t.slug(), t.score(), Math::max);
        }
        Article article = new Article(event.articleId(), a == null ? null : a.title(), a == null ? null : a.body(),
                a == null ? null : a.source(), a == null ? null : a.url(), event.language(), topics);
        List<InterestedSubscription> matches = new ArrayList<>();
        for (SubscriptionMatch m : matcher.match(article)) {
            UUID endpoint = endpoints.get(m.subscriptionId());
            if (endpoint == null) {
                continue;
            }
            Set<String> slugs = new LinkedHashSet<>();
            m.topics().forEach(t -> slugs.add(t.slug()));
            List<MatchedTerm> terms = m.keywords().stream().limit(MAX_MATCHED_TERMS)
                    .map(SubscriptionIndex::term).toList();
            matches.add(new InterestedSubscription(m.subscriptionId(), endpoint, slugs, terms));
        }
        return matches;
    }

    @Override
    public void close() {
        matcher.close();
    }

    private static MatchedTerm term(SubscriptionMatch.KeywordHit hit) {
        String text = hit.text().length() > MAX_TERM_CHARS ? hit.text().substring(0, MAX_TERM_CHARS) : hit.text();
        return new MatchedTerm(hit.field().name().toLowerCase(java.util.Locale.ROOT), hit.start(),
                hit.end(), text);
    }

    /** A subscription row as the matcher needs it. */
    private record Row(SubscriptionCriteria subscription, UUID endpointId, boolean active) {

        static Row read(ResultSet rs) throws SQLException {
            double minScore = rs.getDouble("min_score");
            if (rs.wasNull()) {
                minScore = 0;
            }
            var subscription = new SubscriptionCriteria(rs.getObject("id", UUID.class),
                    strings(rs, "topics"),
                    MatchMode.ALL.wire().equals(rs.getString("match_mode")) ? TopicMode.ALL_OF : TopicMode.ANY_OF,
                    rs.getString("query"), strings(rs, "languages"), strings(rs, "sources"),
                    strings(rs, "exclude_sources"), minScore, rs.getBoolean("paused"));
            return new Row(subscription, rs.getObject("endpoint_id", UUID.class), rs.getBoolean("active"));
        }

        private static Set<String> strings(ResultSet rs, String column) throws SQLException {
            Array array = rs.getArray(column);
            if (array == null) {
                return Set.of();
            }
            Object[] values = (Object[]) array.getArray();
            Set<String> out = new LinkedHashSet<>();
            for (Object v : values) {
                out.add((String) v);
            }
            return out;
        }
    }
}
