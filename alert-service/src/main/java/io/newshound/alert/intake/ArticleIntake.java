package io.newshound.alert.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import org.jboss.logging.MDC;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.matching.ArticleMatcher;
import io.newshound.alert.matching.InterestedSubscription;
import io.newshound.alert.story.StoryAssigner;
import io.newshound.alert.thread.AlertThreads;
import io.newshound.alert.thread.Subscribers;
import io.newshound.alert.tracing.PipelineTrace;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Turns classified articles into their stories and the alerts and updates they cause, exactly once per event: the inbox
 * rows, the alert threads' revisions and their deliveries of a batch commit together or not at all; the story
 * assignment before them is idempotent, so a batch that rolls back and is redelivered finds its articles' stories.
 */
@ApplicationScoped
public class ArticleIntake {

    private final Inbox inbox;
    private final Instance<ArticleMatcher> matchers;
    private final StoryAssigner stories;
    private final AlertThreads threads;
    private final MeterRegistry metrics;
    private final Notifications notifications;

    public ArticleIntake(Inbox inbox, Instance<ArticleMatcher> matchers, StoryAssigner stories, AlertThreads threads,
            MeterRegistry metrics, Notifications notifications) {
        this.notifications = notifications;
        this.inbox = inbox;
        this.matchers = matchers;
        this.stories = stories;
        this.threads = threads;
        this.metrics = metrics;
    }

    /**
     * Records the event, puts the article into its story, and for every interested subscription that has not muted the
     * story either raises an alert on the story (the first article it wants there) or records the article on the
     * existing alert, sending an update when the subscription's update policy allows. A repeated event adds nothing,
     * and neither does an article a subscription's thread already has (a later revision of it, say).
     *
     * @return the number of revisions made (alerts raised plus updates sent)
     */
    @Transactional
    public int raise(ArticleClassified event) {
        return raiseAll(List.of(event));
    }

    /**
     * {@link #raise(ArticleClassified)} for a batch of events in one transaction: their inbox rows are inserted first,
     * in one statement, and only the events whose rows are new (the first copy of each, not one seen in an earlier
     * batch) go on; their notifications are appended together at the end. Story assignment commits on its own, per
     * article, and is idempotent (see {@link StoryAssigner}). The transaction may take up to five minutes (Kafka's
     * {@code max.poll.interval.ms}): a batch of articles matching thousands of subscriptions on a busy machine takes
     * longer than the default minute.
     *
     * @return the number of revisions made (alerts raised plus updates sent)
     */
    @Transactional
    @TransactionConfiguration(timeout = 300)
    public int raiseAll(List<ArticleClassified> events) {
        return raiseAll(events, event -> Context.current());
    }

    /**
     * {@link #raiseAll(List)} with each event stored in its own trace: {@code traceOf} gives the context (the record's
     * W3C trace and the article's accept time, see {@link PipelineTrace}) made current while that event's alerts and
     * deliveries are written, with its article id in the logs' MDC.
     *
     * @return the number of revisions made (alerts raised plus updates sent)
     */
    @Transactional
    @TransactionConfiguration(timeout = 300)
    public int raiseAll(List<ArticleClassified> events, Function<ArticleClassified, Context> traceOf) {
        Set<UUID> fresh = inbox.firstDeliveries(events.stream().map(ArticleClassified::eventId).toList(),
                ArticleClassified.TYPE);
        int repeated = events.size() - fresh.size();
        if (repeated > 0) {
            Log.debugf("%d event(s) of a batch of %d already processed", repeated, events.size());
            metrics.counter("newshound.events.duplicate").increment(repeated);
        }
        int raised = 0;
        int updated = 0;
        List<Notifications.Pending> told = new ArrayList<>();
        for (ArticleClassified event : events) {
            if (!fresh.remove(event.eventId())) {
                continue;
            }
            MDC.put("articleId", event.articleId().toString());
            try (Scope ignored = traceOf.apply(event).makeCurrent()) {
                int[] made = raiseOne(event, told);
                raised += made[0];
                updated += made[1];
            } finally {
                MDC.remove("articleId");
            }
        }
        // last: appending holds each told tenant's notification lock until commit
        notifications.appendAll(told);
        metrics.counter("newshound.alerts.raised").increment(raised);
        metrics.counter("newshound.alerts.updated").increment(updated);
        return raised + updated;
    }

    /** One new event's story and alert revisions; its notifications are added to {@code told}. */
    private int[] raiseOne(ArticleClassified event, List<Notifications.Pending> told) {
        Map<UUID, InterestedSubscription> matches = new LinkedHashMap<>();
        for (ArticleMatcher matcher : matchers) {
            for (InterestedSubscription m : matcher.match(event)) {
                matches.merge(m.subscriptionId(), m, ArticleIntake::union);
            }
        }
        StoryAssigner.Placement placement = stories.assign(event);
        Map<UUID, Subscribers.Subscriber> subscribers = threads.subscribers(matches.keySet(), placement.storyId());
        int raised = 0;
        int updated = 0;
        for (InterestedSubscription m : matches.values()) {
            Subscribers.Subscriber subscriber = subscribers.get(m.subscriptionId());
            if (subscriber == null || subscriber.muted()) {
                continue;
            }
            List<ArticleClassified.Topic> topics = event.topicsOrEmpty().stream()
                    .filter(t -> m.topicSlugs().isEmpty() || m.topicSlugs().contains(t.slug())).toList();
            int revision = threads.record(subscriber, placement.storyId(), event, topics, m.matchedTerms(),
                    told);
            if (revision == 1) {
                raised++;
            } else if (revision > 1) {
                updated++;
            }
        }
        Log.debugf("Article %s rev %d (event %s) in story %s: %d alert(s) raised, %d updated", event.articleId(),
                event.revisionOrFirst(), event.eventId(), placement.storyId(), raised, updated);
        return new int[]{raised, updated};
    }

    private static InterestedSubscription union(InterestedSubscription a, InterestedSubscription b) {
        var slugs = new HashSet<>(a.topicSlugs());
        slugs.addAll(b.topicSlugs());
        var terms = new LinkedHashSet<>(a.matchedTerms());
        terms.addAll(b.matchedTerms());
        return new InterestedSubscription(a.subscriptionId(), a.endpointId(), slugs, List.copyOf(terms));
    }
}
