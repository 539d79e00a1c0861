package io.newshound.alert.story;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link StoryStore} in PostgreSQL, so that every alert-service replica groups into the same stories: the story rows
 * plus two index tables ({@code story_key_term}, {@code story_band}) that are only kept while a story is live, and the
 * window's start ({@code story_window.live_from}), which only moves forward.
 *
 * <p>
 * One instance serves one assignment, inside the transaction that records its alerts and while that transaction holds
 * the assignment lock (see {@link StoryAssigner}); it caches what it read for the length of that assignment only. Reads
 * see live stories only ({@code last_seen >= live_from}), exactly as {@code InMemoryStoryStore} (test sources) does
 * after expiring, so both stores group the same articles into the same stories. Deleting the index rows of expired
 * stories is left to {@link StoryPruner}, off the consumer's path.
 *
 * <p>
 * A little over 450 lines on purpose: the story rows, both index tables and the live term counts must change in the
 * same few batched statements per article (one query per kind of lookup, see the README's story assignment numbers), so
 * the statements that keep them in step live together.
 */
final class PostgresStoryStore implements StoryStore {

    private final Connection connection;
    private final int maxPostings;
    private Instant liveFrom;
    private int size;
    private final Map<UUID, Optional<Story>> stories = new HashMap<>();
    private final Map<String, Integer> termCounts = new HashMap<>();

    /**
     * @param connection
     *            the connection of the transaction the assignment runs in
     * @param maxPostings
     *            a key term mentioned by more live stories than this finds none (as in the test sources'
     *            {@code InMemoryStoryStore})
     */
    PostgresStoryStore(Connection connection, int maxPostings) {
        this.connection = connection;
        this.maxPostings = maxPostings;
        sql(c -> {
            try (PreparedStatement s = c
                    .prepareStatement("select live_from, live_stories from story_window where id = 1");
                    ResultSet r = s.executeQuery()) {
                r.next();
                liveFrom = instant(r.getTimestamp(1));
                size = r.getInt(2);
                return null;
            }
        });
    }

    @Override
    public Optional<Story> find(UUID id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    @Override
    public Collection<UUID> withKeyTerm(String term) {
        if (storiesWithKeyTerm(term) > maxPostings) {
            return List.of();
        }
        return ids("select story_id from story_key_term where term = ? and last_seen >= ? order by story_id", term);
    }

    @Override
    public Collection<UUID> inBucket(long bandKey) {
        return ids("select story_id from story_band where band_key = ? and last_seen >= ? order by story_id", bandKey);
    }

    @Override
    public Set<UUID> inBuckets(long[] bandKeys) {
        if (bandKeys.length == 0) {
            return Set.of();
        }
        return new LinkedHashSet<>(ids("select distinct story_id from story_band where band_key = any(?)"
                + " and last_seen >= ? order by story_id",
                c -> c.createArrayOf("bigint", Arrays.stream(bandKeys).boxed().toArray())));
    }

    @Override
    public Map<String, Collection<UUID>> withKeyTerms(Collection<String> terms) {
        countTerms(terms);
        List<String> indexed = terms.stream().distinct().filter(t -> storiesWithKeyTerm(t) <= maxPostings).toList();
        Map<String, Collection<UUID>> postings = new HashMap<>();
        terms.forEach(t -> postings.put(t, new ArrayList<>()));
        if (indexed.isEmpty()) {
            return postings;
        }
        sql(c -> {
            try (PreparedStatement s = c.prepareStatement("select term, story_id from story_key_term"
                    + " where term = any(?) and last_seen >= ? order by term, story_id")) {
                s.setArray(1, c.createArrayOf("text", indexed.toArray()));
                s.setTimestamp(2, Timestamp.from(liveFrom));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        postings.get(r.getString(1)).add(r.getObject(2, UUID.class));
                    }
                }
            }
            return null;
        });
        return postings;
    }

    @Override
    public List<Story> findAll(List<UUID> ids) {
        List<UUID> missing = ids.stream().filter(id -> !stories.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            Map<UUID, Story> loaded = loadAll(missing);
            Set<String> terms = new LinkedHashSet<>();
            for (UUID id : missing) {
                Story story = loaded.get(id);
                stories.put(id, Optional.ofNullable(story));
                if (story != null) {
                    terms.addAll(story.keyTerms().keySet());
                }
            }
            countTerms(terms);
        }
        List<Story> found = new ArrayList<>(ids.size());
        ids.forEach(id -> stories.get(id).ifPresent(found::add));
        return found;
    }

    @Override
    public int storiesWithKeyTerm(String term) {
        Integer count = termCounts.get(term);
        if (count == null) {
            countTerms(List.of(term));
            count = termCounts.get(term);
        }
        return count;
    }

    @Override
    public void countKeyTerms(Collection<String> terms) {
        countTerms(terms);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void save(Story story) {
        Optional<Story> previous = find(story.id());
        sql(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into story (id, headline, first_seen, last_seen, article_count, sources, languages, topics,
                                       signatures, signature_length)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (id) do update set headline = excluded.headline, first_seen = excluded.first_seen,
                        last_seen = excluded.last_seen, article_count = excluded.article_count,
                        sources = excluded.sources, languages = excluded.languages, topics = excluded.topics,
                        signatures = excluded.signatures, signature_length = excluded.signature_length,
                        updated_at = now()""")) {
                s.setObject(1, story.id());
                s.setString(2, story.headline());
                s.setTimestamp(3, Timestamp.from(story.firstSeen()));
                s.setTimestamp(4, Timestamp.from(story.lastSeen()));
                s.setInt(5, story.articleCount());
                s.setArray(6, c.createArrayOf("text", story.sources().toArray()));
                s.setArray(7, c.createArrayOf("text", story.languages().toArray()));
                s.setArray(8, c.createArrayOf("text", story.topics().toArray()));
                s.setBytes(9, packed(story.signatures()));
                s.setInt(10, story.signatures().isEmpty() ? 0 : story.signatures().get(0).length);
                s.executeUpdate();
            }
            if (previous.isPresent()) {
                execute(c, "delete from story_key_term where story_id = ?", story.id());
                execute(c, "delete from story_band where story_id = ?", story.id());
            }
            List<String> terms = new ArrayList<>(story.keyTerms().keySet());
            Integer[] mentions = new Integer[terms.size()];
            Integer[] positions = new Integer[terms.size()];
            for (int i = 0; i < terms.size(); i++) {
                mentions[i] = story.keyTerms().get(terms.get(i));
                positions[i] = i;
            }
            try (PreparedStatement s = c.prepareStatement("insert into story_key_term (story_id, term, mentions,"
                    + " position, last_seen) select ?, t, m, p, ? from unnest(?::text[], ?::int[], ?::int[])"
                    + " as u(t, m, p)")) {
                s.setObject(1, story.id());
                s.setTimestamp(2, Timestamp.from(story.lastSeen()));
                s.setArray(3, c.createArrayOf("text", terms.toArray()));
                s.setArray(4, c.createArrayOf("integer", mentions));
                s.setArray(5, c.createArrayOf("integer", positions));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into story_band (story_id, band_key, last_seen)"
                    + " select ?, k, ? from unnest(?::bigint[]) as u(k)")) {
                s.setObject(1, story.id());
                s.setTimestamp(2, Timestamp.from(story.lastSeen()));
                s.setArray(3, c.createArrayOf("bigint", story.bandKeys().toArray()));
                s.executeUpdate();
            }
            return null;
        });
        if (story.lastSeen().isBefore(liveFrom)) {
            // an article published before the window's start began a story that is not live: nothing to count
            stories.put(story.id(), Optional.empty());
            return;
        }
        // the live counts, here and in this assignment's view
        Set<String> before = previous.map(p -> p.keyTerms().keySet()).orElse(Set.of());
        Map<String, Integer> deltas = new LinkedHashMap<>();
        for (String term : story.keyTerms().keySet()) {
            if (!before.contains(term)) {
                deltas.put(term, 1);
            }
        }
        for (String term : before) {
            if (!story.keyTerms().containsKey(term)) {
                deltas.put(term, -1);
            }
        }
        boolean isNew = previous.isEmpty();
        sql(c -> {
            if (!deltas.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("insert into story_term_count (term, stories)"
                        + " select t, d from unnest(?::text[], ?::int[]) as u(t, d) order by t"
                        + " on conflict (term) do update set stories = story_term_count.stories + excluded.stories")) {
                    s.setArray(1, c.createArrayOf("text", deltas.keySet().toArray()));
                    s.setArray(2, c.createArrayOf("integer", deltas.values().toArray()));
                    s.executeUpdate();
                }
            }
            if (isNew) {
                try (PreparedStatement s = c
                        .prepareStatement("update story_window set live_stories = live_stories + 1 where id = 1")) {
                    s.executeUpdate();
                }
            }
            return null;
        });
        deltas.forEach((term, d) -> termCounts.computeIfPresent(term, (t, n) -> n + d));
        if (isNew) {
            size++;
        }
        stories.put(story.id(), Optional.of(story));
    }

    /**
     * Moves the window's start forward to the cutoff (never back, whichever replica asks). The stories it leaves behind
     * stop being found at once; their index rows are deleted later by {@link StoryPruner}.
     *
     * @return 0: nothing is deleted here
     */
    @Override
    public int expireLastSeenBefore(Instant cutoff) {
        Instant moved = sql(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "update story_window set live_from = greatest(live_from, ?) where id = 1 returning live_from")) {
                s.setTimestamp(1, Timestamp.from(cutoff));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return instant(r.getTimestamp(1));
                }
            }
        });
        if (!moved.equals(liveFrom)) {
            Instant from = liveFrom;
            // the stories the window's start just passed leave the live counts
            size = sql(c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        update story_term_count c set stories = c.stories - g.n
                        from (select k.term, count(*) as n from story s join story_key_term k on k.story_id = s.id
                              where s.last_seen >= ? and s.last_seen < ? group by k.term) g
                        where c.term = g.term""")) {
                    s.setTimestamp(1, Timestamp.from(from));
                    s.setTimestamp(2, Timestamp.from(moved));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("""
                        update story_window set live_stories = live_stories
                            - (select count(*) from story where last_seen >= ? and last_seen < ?)
                        where id = 1 returning live_stories""")) {
                    s.setTimestamp(1, Timestamp.from(from));
                    s.setTimestamp(2, Timestamp.from(moved));
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getInt(1);
                    }
                }
            });
            liveFrom = moved;
            stories.clear();
            termCounts.clear();
        }
        return 0;
    }

    /** The live stories among those ids, with their key terms and band keys: three queries however many. */
    private Map<UUID, Story> loadAll(List<UUID> ids) {
        return sql(c -> {
            record Row(String headline, Instant firstSeen, Instant lastSeen, int articleCount, Set<String> sources,
                    Set<String> languages, Set<String> topics, List<int[]> signatures) {
            }
            Array idArray = c.createArrayOf("uuid", ids.toArray());
            Map<UUID, Row> rows = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("select id, headline, first_seen, last_seen, article_count,"
                    + " sources, languages, topics, signatures, signature_length from story"
                    + " where id = any(?) and last_seen >= ? and signatures is not null")) {
                s.setArray(1, idArray);
                s.setTimestamp(2, Timestamp.from(liveFrom));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.put(r.getObject(1, UUID.class),
                                new Row(r.getString(2), instant(r.getTimestamp(3)), instant(r.getTimestamp(4)),
                                        r.getInt(5), strings(r.getArray(6)), strings(r.getArray(7)),
                                        strings(r.getArray(8)), unpacked(r.getBytes(9), r.getInt(10))));
                    }
                }
            }
            Map<UUID, Story> loaded = new HashMap<>();
            if (rows.isEmpty()) {
                return loaded;
            }
            Array liveIds = c.createArrayOf("uuid", rows.keySet().toArray());
            Map<UUID, Map<String, Integer>> keyTerms = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("select story_id, term, mentions from story_key_term"
                    + " where story_id = any(?) order by story_id, position")) {
                s.setArray(1, liveIds);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        keyTerms.computeIfAbsent(r.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                                .put(r.getString(2), r.getInt(3));
                    }
                }
            }
            // their order does not matter: the grouper derives a story's band keys afresh from its signatures
            Map<UUID, Set<Long>> bandKeys = new HashMap<>();
            try (PreparedStatement s = c
                    .prepareStatement("select story_id, band_key from story_band where story_id = any(?)")) {
                s.setArray(1, liveIds);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        bandKeys.computeIfAbsent(r.getObject(1, UUID.class), k -> new LinkedHashSet<>())
                                .add(r.getLong(2));
                    }
                }
            }
            rows.forEach((id, row) -> loaded.put(id,
                    new Story(id, row.headline(), row.firstSeen(), row.lastSeen(), row.articleCount(), row.sources(),
                            row.languages(), row.topics(), keyTerms.getOrDefault(id, new LinkedHashMap<>()),
                            row.signatures(), bandKeys.getOrDefault(id, new LinkedHashSet<>()))));
            return loaded;
        });
    }

    /** Counts the live stories of each term not counted yet, in one query. */
    private void countTerms(Collection<String> terms) {
        List<String> missing = terms.stream().filter(t -> !termCounts.containsKey(t)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        sql(c -> {
            try (PreparedStatement s = c
                    .prepareStatement("select term, stories from story_term_count where term = any(?)")) {
                s.setArray(1, c.createArrayOf("text", missing.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        termCounts.put(r.getString(1), r.getInt(2));
                    }
                }
            }
            return null;
        });
        missing.forEach(t -> termCounts.putIfAbsent(t, 0));
    }

    private List<UUID> ids(String query, Object key) {
        return ids(query, c -> key);
    }

    /** The story ids a query finds for a key (its first parameter) among the live stories (its second). */
    private List<UUID> ids(String query, Work<Object> key) {
        return sql(c -> {
            try (PreparedStatement s = c.prepareStatement(query)) {
                s.setObject(1, key.run(c));
                s.setTimestamp(2, Timestamp.from(liveFrom));
                List<UUID> ids = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    private static void execute(Connection c, String statement, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    /** A statement against the store's connection; SQL errors surface as unchecked exceptions. */
    private <T> T sql(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("story store: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static byte[] packed(List<int[]> signatures) {
        int length = signatures.isEmpty() ? 0 : signatures.get(0).length;
        ByteBuffer buffer = ByteBuffer.allocate(signatures.size() * length * Integer.BYTES);
        for (int[] signature : signatures) {
            for (int value : signature) {
                buffer.putInt(value);
            }
        }
        return buffer.array();
    }

    static List<int[]> unpacked(byte[] bytes, int length) {
        List<int[]> signatures = new ArrayList<>();
        if (length == 0) {
            return signatures;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.remaining() >= length * Integer.BYTES) {
            int[] signature = new int[length];
            for (int i = 0; i < length; i++) {
                signature[i] = buffer.getInt();
            }
            signatures.add(signature);
        }
        return signatures;
    }

    private static Set<String> strings(Array array) throws SQLException {
        return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }
}
