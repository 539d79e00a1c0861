package io.newshound.alert.alerting;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.config.WebhookConfig;
import io.newshound.alert.digest.DigestService;
import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.inbox.Inbox;
import io.newshound.alert.notification.Notifications;
import io.newshound.alert.tenant.CurrentTenant;
import io.quarkus.logging.Log;

/** Turns a classified article into alerts and pending deliveries, exactly once per event. */
@ApplicationScoped
public class AlertService {

    /** Webhook bodies stay below this size; evidence is trimmed, then dropped, to fit. */
    static final int MAX_PAYLOAD_BYTES = 20_000;
    private static final int MAX_EVIDENCE_PER_TOPIC = 5;
    private static final int MAX_SNIPPET_CHARS = 300;
    private static final int MAX_TITLE_CHARS = 1000;

    private final Inbox inbox;
    private final Instance<ArticleMatcher> matchers;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Duration firstAttemptDelay;

    private final MeterRegistry metrics;
    private final Notifications notifications;
    private final DigestService digests;

    public AlertService(Inbox inbox, Instance<ArticleMatcher> matchers, EntityManager em, ObjectMapper mapper,
            WebhookConfig config, MeterRegistry metrics, Notifications notifications, DigestService digests) {
        this.digests = digests;
        this.metrics = metrics;
        this.notifications = notifications;
        this.inbox = inbox;
        this.matchers = matchers;
        this.em = em;
        this.mapper = mapper;
        this.firstAttemptDelay = config.retrySchedule().isEmpty() ? Duration.ZERO : config.retrySchedule().get(0);
    }

    /**
     * Records the event, one alert per interested subscription and one delivery per alert, in one transaction. A
     * repeated event, or an article revision a subscription was already alerted about, adds nothing.
     *
     * @return the number of alerts raised
     */
    @Transactional
    public int raise(ArticleClassified event) {
        if (!inbox.firstDelivery(event.eventId(), ArticleClassified.TYPE)) {
            Log.debugf("Event %s already processed", event.eventId());
            metrics.counter("newshound.events.duplicate").increment();
            return 0;
        }
        Map<UUID, SubscriptionMatch> matches = new LinkedHashMap<>();
        for (ArticleMatcher matcher : matchers) {
            for (SubscriptionMatch m : matcher.match(event)) {
                matches.merge(m.subscriptionId(), m, AlertService::union);
            }
        }
        Instant now = Instant.now();
        int raised = 0;
        List<String[]> told = new ArrayList<>();
        for (SubscriptionMatch m : matches.values()) {
            UUID alertId = UUID.randomUUID();
            String payload = payload(alertId, m, event, now);
            int inserted = em
                    .createNativeQuery("insert into alert (id, subscription_id, article_id, revision, event_id,"
                            + " payload, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                            + " on conflict (subscription_id, article_id, revision) do nothing")
                    .setParameter(1, alertId).setParameter(2, m.subscriptionId()).setParameter(3, event.articleId())
                    .setParameter(4, event.revisionOrFirst()).setParameter(5, event.eventId())
                    .setParameter(6, payload).setParameter(7, now).executeUpdate();
            if (inserted == 0) {
                continue;
            }
            if (!digests.wantsDigest(m.subscriptionId())) {
                em.createNativeQuery(
                        "insert into delivery (id, alert_id, endpoint_id, status, next_attempt_at, created_at,"
                                + " updated_at) values (?1, ?2, ?3, 'pending', ?4, ?5, ?5)")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, alertId).setParameter(3, m.endpointId())
                        .setParameter(4, now.plus(firstAttemptDelay)).setParameter(5, now).executeUpdate();
            }
            told.add(new String[]{m.subscriptionId().toString(), payload});
            raised++;
        }
        // last: appending holds the tenant's notification lock until commit
        for (String[] t : told) {
            notifications.append(CurrentTenant.DEFAULT, UUID.fromString(t[0]), AlertRaised.TYPE, t[1]);
        }
        metrics.counter("newshound.alerts.raised").increment(raised);
        Log.infof("Article %s rev %d (event %s): %d alert(s) raised", event.articleId(), event.revisionOrFirst(),
                event.eventId(), raised);
        return raised;
    }

    private static SubscriptionMatch union(SubscriptionMatch a, SubscriptionMatch b) {
        var slugs = new HashSet<>(a.topicSlugs());
        slugs.addAll(b.topicSlugs());
        return new SubscriptionMatch(a.subscriptionId(), a.endpointId(), slugs);
    }

    private String payload(UUID alertId, SubscriptionMatch m, ArticleClassified e, Instant now) {
        List<ArticleClassified.Topic> topics = e.topicsOrEmpty().stream()
                .filter(t -> m.topicSlugs().isEmpty() || m.topicSlugs().contains(t.slug())).map(AlertService::trimmed)
                .toList();
        String json = render(alertId, m, e, now, topics);
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            List<ArticleClassified.Topic> bare = new ArrayList<>();
            for (ArticleClassified.Topic t : topics) {
                bare.add(new ArticleClassified.Topic(t.slug(), t.label(), t.score(), List.of()));
            }
            json = render(alertId, m, e, now, bare);
        }
        return json;
    }

    private String render(UUID alertId, SubscriptionMatch m, ArticleClassified e, Instant now,
            List<ArticleClassified.Topic> topics) {
        ArticleClassified.Article a = e.article();
        String title = a.title() != null && a.title().length() > MAX_TITLE_CHARS
                ? a.title().substring(0, MAX_TITLE_CHARS)
                : a.title();
        var data = new AlertRaised.Data(alertId, m.subscriptionId(), e.articleId(), e.revisionOrFirst(), title,
                a.url(), a.source(), e.language(), a.publishedAt(), topics);
        try {
            return mapper.writeValueAsString(new AlertRaised(AlertRaised.TYPE, now, data));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("alert payload not serialisable", ex);
        }
    }

    private static ArticleClassified.Topic trimmed(ArticleClassified.Topic t) {
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
}
