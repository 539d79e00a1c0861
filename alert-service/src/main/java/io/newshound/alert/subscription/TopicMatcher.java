package io.newshound.alert.subscription;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.newshound.alert.alerting.ArticleMatcher;
import io.newshound.alert.alerting.SubscriptionMatch;
import io.newshound.alert.event.ArticleClassified;

/** Matches subscriptions on topic slugs: any or all of them, each with at least the subscription's minimum score. */
@ApplicationScoped
public class TopicMatcher implements ArticleMatcher {

    @Override
    public List<SubscriptionMatch> match(ArticleClassified article) {
        Set<String> slugs = article.topicsOrEmpty().stream().map(ArticleClassified.Topic::slug)
                .collect(Collectors.toSet());
        if (slugs.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Subscription> candidates = Subscription.getEntityManager()
                .createNativeQuery(
                        "select * from subscription where deleted_at is null and topics && cast(?1 as text[])",
                        Subscription.class)
                .setParameter(1, arrayLiteral(slugs)).getResultList();
        return candidates.stream().map(s -> match(s, article)).filter(m -> m != null).toList();
    }

    /** @return the match, or null when the subscription does not want the article */
    static SubscriptionMatch match(Subscription s, ArticleClassified article) {
        double min = s.minScore == null ? 0 : s.minScore;
        Set<String> qualifying = new HashSet<>();
        for (ArticleClassified.Topic t : article.topicsOrEmpty()) {
            if (t.score() >= min && s.topics.contains(t.slug())) {
                qualifying.add(t.slug());
            }
        }
        boolean wanted = MatchMode.ALL.wire().equals(s.matchMode)
                ? qualifying.containsAll(s.topics)
                : !qualifying.isEmpty();
        return wanted ? new SubscriptionMatch(s.id, s.endpoint.id, qualifying) : null;
    }

    /** PostgreSQL array literal with every element quoted, so no slug from the wire can break out of it. */
    private static String arrayLiteral(Set<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
