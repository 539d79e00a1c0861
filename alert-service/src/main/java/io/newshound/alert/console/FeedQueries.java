package io.newshound.alert.console;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.alert.delivery.notification.NotificationReaders;

/**
 * The newest alerts and updates of a tenant's notification log (the log the live stream reads), for the feed page to
 * show before its stream takes over from the same position.
 */
@ApplicationScoped
public class FeedQueries {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public FeedQueries(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /**
     * An alert or update as the feed shows it.
     *
     * @param seq
     *            its position in the tenant's log (the stream's event id)
     * @param latest
     *            the headline of the newest article in the revision, when it is not the story's
     * @param topics
     *            "slug score" labels
     */
    public record Item(long seq, String type, UUID alertId, UUID subscriptionId, int revision, String headline,
            String latest, List<String> topics, Set<String> topicSlugs, Set<String> languages, Set<String> sources,
            String at) {
    }

    /** The newest entries of a reader's log and the position the stream continues from. */
    public record Recent(List<Item> items, long after) {
    }

    /**
     * @param reader
     *            whose log, checked by {@link NotificationReaders#reader}
     * @return at most {@code limit} of the newest alerts and updates with that topic and language (null: any), newest
     *         first, and the newest position of the log (filtered or not) for the stream to start after
     */
    @Transactional
    public Recent recent(NotificationReaders.Reader reader, String topic, String language, int limit) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            long head;
            try (PreparedStatement s = c.prepareStatement(
                    "select coalesce(max(seq), 0) from notification where tenant_id = ?")) {
                s.setString(1, reader.tenantId());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    head = r.getLong(1);
                }
            }
            List<Item> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    select seq, type, subscription_id, payload from notification
                    where tenant_id = ? and type in ('alert.raised', 'alert.updated')
                      and (?::uuid is null or subscription_id = ?::uuid) and seq <= ?
                    order by seq desc limit 500""")) {
                s.setString(1, reader.tenantId());
                s.setObject(2, reader.subscriptionId());
                s.setObject(3, reader.subscriptionId());
                s.setLong(4, head);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next() && items.size() < limit) {
                        Item item = item(r.getLong(1), r.getString(2), r.getString(4));
                        if ((topic == null || item.topicSlugs().contains(topic))
                                && (language == null || item.languages().contains(language))) {
                            items.add(item);
                        }
                    }
                }
            }
            return new Recent(items, head);
        });
    }

    private Item item(long seq, String type, String payload) {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification " + seq + " unreadable", e);
        }
        JsonNode data = root.path("data");
        JsonNode articles = data.path("articles");
        String headline = data.path("story").path("headline").asText(null);
        if (headline == null && articles.size() > 0) {
            headline = articles.get(0).path("title").asText("");
        }
        String latest = articles.size() > 0 ? articles.get(articles.size() - 1).path("title").asText("") : "";
        List<String> topics = new ArrayList<>();
        Set<String> slugs = new LinkedHashSet<>();
        for (JsonNode t : data.path("topics")) {
            slugs.add(t.path("slug").asText());
            topics.add(t.path("slug").asText() + " " + String.format(java.util.Locale.ROOT, "%.2f",
                    t.path("score").asDouble()));
        }
        Set<String> languages = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (JsonNode a : articles) {
            if (a.hasNonNull("language")) {
                languages.add(a.get("language").asText());
            }
            if (a.hasNonNull("source")) {
                sources.add(a.get("source").asText());
            }
        }
        return new Item(seq, type, UUID.fromString(data.path("alertId").asText()),
                UUID.fromString(data.path("subscriptionId").asText()), data.path("revision").asInt(1),
                headline == null ? "" : headline, latest.equals(headline) ? "" : latest, topics, slugs, languages,
                sources,
                root.path("timestamp").asText(""));
    }
}
