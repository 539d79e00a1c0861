package io.newshound.alert.delivery.digest;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.alert.db.Columns;
import io.newshound.alert.delivery.engine.DeliveryQueue;
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.platform.problem.Problem;
import io.newshound.platform.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Digests: for subscriptions that want them, alerts are summarised per story and sent as one webhook (and one entry of
 * the stream and feed) per period instead of one webhook per alert.
 */
@ApplicationScoped
public class DigestService {

    /** Type of the digest event on webhooks, stream and feed. */
    public static final String TYPE = "digest.ready";
    static final int MAX_PAYLOAD_BYTES = 20_000;
    private static final int MAX_STORIES = 50;

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Notifications notifications;

    public DigestService(EntityManager em, ObjectMapper mapper, Notifications notifications) {
        this.em = em;
        this.mapper = mapper;
        this.notifications = notifications;
    }

    /**
     * Turns digests on (or changes their settings) for a subscription of {@code tenantId}. A change keeps the start of
     * the current period, so nothing raised since the last digest is dropped.
     *
     * @throws ProblemException
     *             404 for another tenant's or a deleted subscription, 400 naming the invalid field
     */
    @Transactional
    public DigestSettings configure(String tenantId, boolean admin, UUID subscriptionId, DigestSettings request,
            Instant now) {
        requireOwned(tenantId, admin, subscriptionId);
        DigestSchedule schedule = parse(request);
        Instant next = schedule.nextAfter(now);
        em.createNativeQuery("""
                insert into subscription_digest (subscription_id, frequency, at_time, time_zone, quiet_from,
                    quiet_to, period_start, next_run_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)
                on conflict (subscription_id) do update set frequency = excluded.frequency,
                    at_time = excluded.at_time, time_zone = excluded.time_zone, quiet_from = excluded.quiet_from,
                    quiet_to = excluded.quiet_to, next_run_at = excluded.next_run_at,
                    updated_at = excluded.updated_at""").setParameter(1, subscriptionId)
                .setParameter(2, schedule.frequency().name().toLowerCase(Locale.ROOT)).setParameter(3, schedule.at())
                .setParameter(4, schedule.zone().getId()).setParameter(5, schedule.quietFrom())
                .setParameter(6, schedule.quietTo()).setParameter(7, now).setParameter(8, next).executeUpdate();
        Log.infof("Subscription %s: %s digests, next at %s", subscriptionId, schedule.frequency(), next);
        return settings(tenantId, admin, subscriptionId);
    }

    /** @return the subscription's digest settings, 404 when it sends alerts one by one */
    @Transactional
    public DigestSettings settings(String tenantId, boolean admin, UUID subscriptionId) {
        requireOwned(tenantId, admin, subscriptionId);
        List<?> rows = em.createNativeQuery("""
                select frequency, at_time, time_zone, quiet_from, quiet_to, next_run_at, period_start
                from subscription_digest where subscription_id = ?1""").setParameter(1, subscriptionId)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Digest of subscription", subscriptionId);
        }
        Object[] r = (Object[]) rows.get(0);
        DigestSettings.QuietHours quiet = r[3] == null
                ? null
                : new DigestSettings.QuietHours(hhmm(r[3]), hhmm(r[4]));
        return new DigestSettings((String) r[0], hhmm(r[1]), (String) r[2], quiet, Columns.instant(r[5]),
                Columns.instant(r[6]));
    }

    /** Back to one webhook per alert; alerts of the open period are not sent as a digest. */
    @Transactional
    public void remove(String tenantId, boolean admin, UUID subscriptionId) {
        requireOwned(tenantId, admin, subscriptionId);
        int n = em.createNativeQuery("delete from subscription_digest where subscription_id = ?1")
                .setParameter(1, subscriptionId).executeUpdate();
        if (n == 0) {
            throw ProblemException.notFound("Digest of subscription", subscriptionId);
        }
    }

    @Scheduled(every = "30s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            runDue(Instant.now());
        } catch (RuntimeException e) {
            Log.warnf(e, "Digests: run failed, retrying on the next tick");
        }
    }

    /**
     * Sends every digest due at {@code now}, each in its own transaction; replicas share the work (rows are claimed
     * with {@code SKIP LOCKED}).
     *
     * @return the number of digests sent (periods without alerts send nothing)
     */
    public int runDue(Instant now) {
        int sent = 0;
        for (int i = 0; i < 10_000; i++) {
            Boolean result = runOne(now);
            if (result == null) {
                break;
            }
            if (result) {
                sent++;
            }
        }
        return sent;
    }

    /** @return null when nothing is due, else whether a digest was sent */
    @Transactional
    Boolean runOne(Instant now) {
        List<?> due = em.createNativeQuery("""
                select d.subscription_id, d.frequency, d.at_time, d.time_zone, d.quiet_from, d.quiet_to,
                    d.period_start, s.tenant_id, s.deleted_at, s.endpoint_id
                from subscription_digest d join subscription s on s.id = d.subscription_id
                where d.next_run_at <= ?1 order by d.next_run_at limit 1 for update of d skip locked""")
                .setParameter(1, now).getResultList();
        if (due.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) due.get(0);
        UUID subscriptionId = (UUID) r[0];
        if (r[8] != null) {
            em.createNativeQuery("delete from subscription_digest where subscription_id = ?1")
                    .setParameter(1, subscriptionId).executeUpdate();
            return false;
        }
        var schedule = new DigestSchedule(DigestSchedule.Frequency.valueOf(((String) r[1]).toUpperCase(Locale.ROOT)),
                localTime(r[2]), ZoneId.of((String) r[3]), localTime(r[4]), localTime(r[5]));
        Instant from = Columns.instant(r[6]);
        String tenantId = (String) r[7];
        UUID endpointId = (UUID) r[9];
        List<JsonNode> alerts = alertsBetween(subscriptionId, from, now);
        boolean sent = false;
        if (!alerts.isEmpty()) {
            UUID digestId = UUID.randomUUID();
            Summary summary = summarise(digestId, subscriptionId, schedule.zone(), from, now, alerts);
            int inserted = em.createNativeQuery("""
                    insert into digest (id, tenant_id, subscription_id, period_from, period_to, story_count,
                        alert_count, payload, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5)
                    on conflict (subscription_id, period_from) do nothing""").setParameter(1, digestId)
                    .setParameter(2, tenantId).setParameter(3, subscriptionId).setParameter(4, from)
                    .setParameter(5, now).setParameter(6, summary.stories()).setParameter(7, alerts.size())
                    .setParameter(8, summary.json()).executeUpdate();
            if (inserted == 1) {
                em.unwrap(Session.class).doWork(c -> DeliveryQueue.digest(c, tenantId, endpointId, digestId));
                notifications.append(tenantId, subscriptionId, TYPE, summary.json());
                sent = true;
                Log.infof("Digest %s for subscription %s: %d alerts in %d stories", digestId, subscriptionId,
                        alerts.size(), summary.stories());
            }
        }
        em.createNativeQuery("update subscription_digest set period_start = ?2, next_run_at = ?3 where"
                + " subscription_id = ?1").setParameter(1, subscriptionId).setParameter(2, now)
                .setParameter(3, schedule.nextAfter(now)).executeUpdate();
        return sent;
    }

    /** The alerts and updates of the period, read from the notification log (the same documents webhooks carry). */
    private List<JsonNode> alertsBetween(UUID subscriptionId, Instant from, Instant to) {
        List<?> rows = em.createNativeQuery("""
                select payload from notification where subscription_id = ?1 and type like 'alert.%'
                and created_at > ?2 and created_at <= ?3 order by seq""").setParameter(1, subscriptionId)
                .setParameter(2, from).setParameter(3, to).getResultList();
        List<JsonNode> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            try {
                out.add(mapper.readTree((String) row).path("data"));
            } catch (JsonProcessingException e) {
                Log.warnf("Digest: skipping an unreadable notification of subscription %s", subscriptionId);
            }
        }
        return out;
    }

    private record Summary(String json, int stories) {
    }

    /**
     * One entry per story (per article for alerts without a story), newest information last: headline, how many alerts
     * and articles, every topic seen, the latest article.
     */
    private Summary summarise(UUID digestId, UUID subscriptionId, ZoneId zone, Instant from, Instant to,
            List<JsonNode> alerts) {
        Map<String, ObjectNode> stories = new LinkedHashMap<>();
        for (JsonNode a : alerts) {
            JsonNode story = a.path("story");
            String key = story.hasNonNull("id") ? story.get("id").asText() : a.path("articleId").asText();
            ObjectNode entry = stories.computeIfAbsent(key, k -> {
                ObjectNode e = mapper.createObjectNode();
                if (story.hasNonNull("id")) {
                    e.put("storyId", k);
                }
                e.put("alerts", 0);
                e.putArray("topics");
                return e;
            });
            entry.put("alerts", entry.get("alerts").asInt() + 1);
            entry.set("alertId", a.path("alertId"));
            entry.set("revision", a.path("revision"));
            JsonNode article = a.path("articles").path(0).isMissingNode() ? a : a.path("articles").path(0);
            String headline = story.path("headline").asText(article.path("title").asText(""));
            entry.put("headline", headline);
            if (story.has("articleCount")) {
                entry.set("articleCount", story.get("articleCount"));
            }
            ObjectNode latest = entry.putObject("latestArticle");
            for (String field : List.of("articleId", "id", "title", "url", "source", "language", "publishedAt")) {
                if (article.hasNonNull(field)) {
                    latest.set(field.equals("articleId") ? "id" : field, article.get(field));
                }
            }
            ArrayNode topics = (ArrayNode) entry.get("topics");
            for (JsonNode t : a.path("topics")) {
                String slug = t.path("slug").asText(null);
                boolean seen = false;
                for (JsonNode existing : topics) {
                    seen |= existing.asText().equals(slug);
                }
                if (slug != null && !seen) {
                    topics.add(slug);
                }
            }
        }
        List<ObjectNode> entries = new ArrayList<>(stories.values());
        ObjectNode doc = mapper.createObjectNode();
        doc.put("type", TYPE);
        doc.put("timestamp", to.toString());
        ObjectNode data = doc.putObject("data");
        data.put("digestId", digestId.toString());
        data.put("subscriptionId", subscriptionId.toString());
        data.putObject("period").put("from", from.toString()).put("to", to.toString());
        data.put("timeZone", zone.getId());
        data.put("alertCount", alerts.size());
        data.put("storyCount", entries.size());
        int shown = Math.min(entries.size(), MAX_STORIES);
        String json;
        do {
            ArrayNode list = data.putArray("stories");
            entries.subList(0, shown).forEach(list::add);
            data.put("storiesOmitted", entries.size() - shown);
            json = write(doc);
            shown = shown * 3 / 4;
        } while (json.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES && shown > 0);
        return new Summary(json, entries.size());
    }

    private String write(ObjectNode doc) {
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("digest not serialisable", e);
        }
    }

    private void requireOwned(String tenantId, boolean admin, UUID subscriptionId) {
        List<?> owner = em
                .createNativeQuery("select tenant_id from subscription where id = ?1 and deleted_at is null")
                .setParameter(1, subscriptionId).getResultList();
        if (owner.isEmpty() || (!admin && !owner.get(0).equals(tenantId))) {
            throw ProblemException.notFound("Subscription", subscriptionId);
        }
    }

    static DigestSchedule parse(DigestSettings request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.invalidField("body", "digest settings are required");
        }
        DigestSchedule.Frequency frequency = null;
        if (request.frequency() == null) {
            errors.add(new Problem.FieldError("frequency", "is required: hourly or daily"));
        } else {
            try {
                frequency = DigestSchedule.Frequency.valueOf(request.frequency().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("frequency", "must be hourly or daily"));
            }
        }
        LocalTime at = time(request.at() == null ? "08:00" : request.at(), "at", errors);
        ZoneId zone = null;
        try {
            zone = ZoneId.of(request.timeZone() == null ? "UTC" : request.timeZone().trim());
        } catch (DateTimeException e) {
            errors.add(new Problem.FieldError("timeZone", "must be an IANA time zone such as Europe/Kyiv"));
        }
        LocalTime quietFrom = null;
        LocalTime quietTo = null;
        if (request.quietHours() != null) {
            quietFrom = time(request.quietHours().from(), "quietHours.from", errors);
            quietTo = time(request.quietHours().to(), "quietHours.to", errors);
            if (quietFrom != null && quietFrom.equals(quietTo)) {
                errors.add(new Problem.FieldError("quietHours", "from and to must differ"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new DigestSchedule(frequency, at, zone, quietFrom, quietTo);
    }

    private static LocalTime time(String value, String field, List<Problem.FieldError> errors) {
        if (value == null) {
            errors.add(new Problem.FieldError(field, "is required (HH:mm)"));
            return null;
        }
        try {
            return LocalTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be a local time HH:mm"));
            return null;
        }
    }

    private static String hhmm(Object time) {
        return localTime(time).toString();
    }

    private static LocalTime localTime(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalTime t) {
            return t;
        }
        if (o instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        throw new IllegalStateException("unexpected time type " + o.getClass());
    }
}
