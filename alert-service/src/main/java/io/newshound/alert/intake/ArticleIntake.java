package io.newshound.alert.intake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.alert.delivery.notification.Notifications;
import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.matching.ArticleMatcher;
import io.newshound.alert.matching.InterestedSubscription;
import io.newshound.alert.story.StoryAssigner;
import io.newshound.alert.thread.AlertThreads;
import io.newshound.alert.thread.Subscribers;
import io.quarkus.logging.Log;

/**
 * Turns a classified article into its story and the alerts and updates it causes, exactly once per event: the inbox
 * row, the story assignment, the alert threads' revisions and their deliveries commit together or not at all.
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
        if (!inbox.firstDelivery(event.eventId(), ArticleClassified.TYPE)) {
            Log.debugf("Event %s already processed", event.eventId());
            metrics.counter("newshound.events.duplicate").increment();
            return 0;
        }
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
        List<Notifications.Pending> told = new ArrayList<>();
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
        // last: appending holds each told tenant's notification lock until commit
        notifications.appendAll(told);
        metrics.counter("newshound.alerts.raised").increment(raised);
        metrics.counter("newshound.alerts.updated").increment(updated);
        Log.infof("Article %s rev %d (event %s) in story %s: %d alert(s) raised, %d updated", event.articleId(),
                event.revisionOrFirst(), event.eventId(), placement.storyId(), raised, updated);
        return raised + updated;
    }

    private static InterestedSubscription union(InterestedSubscription a, InterestedSubscription b) {
        var slugs = new HashSet<>(a.topicSlugs());
        slugs.addAll(b.topicSlugs());
        var terms = new LinkedHashSet<>(a.matchedTerms());
        terms.addAll(b.matchedTerms());
        return new InterestedSubscription(a.subscriptionId(), a.endpointId(), slugs, List.copyOf(terms));
    }
}
