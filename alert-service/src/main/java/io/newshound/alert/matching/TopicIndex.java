package io.newshound.alert.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inverted index for subscriptions without keyword query: topic, then language ({@code ""} for every language), to a
 * posting list sorted by minimum score. For an article topic with score s, the subscriptions to look at are a prefix of
 * two postings (any language and the article's language) found by binary search; nothing else is visited. An any-of
 * subscription sits in the postings of each of its topics, an all-of one only under its rarest topic.
 * <p>
 * Postings are immutable and replaced on change (copy on write), so matching threads never lock. Changes must come from
 * one thread at a time.
 */
final class TopicIndex {

    private static final String ANY_LANGUAGE = "";

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Posting>> postings = new ConcurrentHashMap<>();
    /** Entries per topic, to pick the rarest topic of an all-of subscription. Writer thread only. */
    private final Map<String, Integer> load = new HashMap<>();
    /** All-of subscription to the topic it is filed under. Writer thread only. */
    private final Map<IndexedSubscription, String> anchors = new HashMap<>();

    /** Adds subscriptions in one pass per posting list. */
    void addAll(Collection<IndexedSubscription> subscriptions) {
        Map<String, Map<String, List<IndexedSubscription>>> additions = new HashMap<>();
        for (IndexedSubscription subscription : subscriptions) {
            for (String topic : filedUnder(subscription)) {
                for (String language : languages(subscription)) {
                    additions.computeIfAbsent(topic, t -> new HashMap<>())
                            .computeIfAbsent(language, l -> new ArrayList<>()).add(subscription);
                }
                load.merge(topic, 1, Integer::sum);
            }
        }
        additions.forEach((topic, byLanguage) -> {
            ConcurrentHashMap<String, Posting> current = postings.computeIfAbsent(topic,
                    t -> new ConcurrentHashMap<>());
            byLanguage.forEach((language, added) -> current.put(language,
                    Posting.merge(current.get(language), added)));
        });
    }

    void add(IndexedSubscription subscription) {
        addAll(List.of(subscription));
    }

    void remove(IndexedSubscription subscription) {
        String anchor = anchors.remove(subscription);
        List<String> topics = anchor != null ? List.of(anchor) : Arrays.asList(subscription.topics);
        for (String topic : topics) {
            ConcurrentHashMap<String, Posting> byLanguage = postings.get(topic);
            if (byLanguage == null) {
                continue;
            }
            for (String language : languages(subscription)) {
                Posting posting = byLanguage.get(language);
                if (posting == null) {
                    continue;
                }
                Posting smaller = posting.without(subscription);
                if (smaller == null) {
                    byLanguage.remove(language);
                } else {
                    byLanguage.put(language, smaller);
                }
            }
            load.merge(topic, -1, Integer::sum);
        }
    }

    /** Adds every subscription whose topic, language and source filters the article passes to {@code matches}. */
    void collect(ArticleView article, List<SubscriptionMatch> matches) {
        for (Map.Entry<String, Double> topic : article.article.topics().entrySet()) {
            ConcurrentHashMap<String, Posting> byLanguage = postings.get(topic.getKey());
            if (byLanguage == null) {
                continue;
            }
            double score = topic.getValue();
            scan(byLanguage.get(ANY_LANGUAGE), topic.getKey(), score, article, matches);
            if (article.language != null) {
                scan(byLanguage.get(article.language), topic.getKey(), score, article, matches);
            }
        }
    }

    private static void scan(Posting posting, String topic, double score, ArticleView article,
            List<SubscriptionMatch> matches) {
        if (posting == null) {
            return;
        }
        int end = posting.countAtMost(score);
        IndexedSubscription[] subscriptions = posting.subscriptions;
        for (int i = 0; i < end; i++) {
            IndexedSubscription subscription = subscriptions[i];
            if (subscription.retired
                    || (subscription.includeSources.length + subscription.excludeSources.length > 0
                            && !subscription.acceptsSource(article))) {
                continue;
            }
            if (subscription.topics.length == 1) {
                matches.add(new SubscriptionMatch(subscription.id, article.topicHit(topic), List.of()));
                continue;
            }
            if (!subscription.allOf && reachedThroughEarlierTopic(subscription, topic, article)) {
                continue;
            }
            List<SubscriptionMatch.TopicHit> hits = subscription.topicHits(article);
            if (hits != null) {
                matches.add(new SubscriptionMatch(subscription.id, hits, List.of()));
            }
        }
    }

    /**
     * An any-of subscription is reported from the first of its topics (in slug order) that the article satisfies, so it
     * is reported once however many of its topics the article has.
     */
    private static boolean reachedThroughEarlierTopic(IndexedSubscription subscription, String topic,
            ArticleView article) {
        for (String candidate : subscription.topics) {
            if (candidate.equals(topic)) {
                return false;
            }
            if (article.score(candidate) >= subscription.minScore) {
                return true;
            }
        }
        return false;
    }

    private List<String> filedUnder(IndexedSubscription subscription) {
        if (!subscription.allOf) {
            return Arrays.asList(subscription.topics);
        }
        String rarest = Arrays.stream(subscription.topics)
                .min(Comparator.comparingInt((String topic) -> load.getOrDefault(topic, 0))).orElseThrow();
        anchors.put(subscription, rarest);
        return List.of(rarest);
    }

    private static List<String> languages(IndexedSubscription subscription) {
        return subscription.languages.length == 0 ? List.of(ANY_LANGUAGE) : Arrays.asList(subscription.languages);
    }

    /** Subscriptions filed under one topic and language, ascending by minimum score. */
    private static final class Posting {

        final double[] minScores;
        final IndexedSubscription[] subscriptions;

        private Posting(double[] minScores, IndexedSubscription[] subscriptions) {
            this.minScores = minScores;
            this.subscriptions = subscriptions;
        }

        static Posting merge(Posting current, List<IndexedSubscription> added) {
            if (current != null && added.size() == 1) {
                return current.with(added.get(0));
            }
            List<IndexedSubscription> all = new ArrayList<>(added.size() + (current == null ? 0 : current.size()));
            if (current != null) {
                all.addAll(Arrays.asList(current.subscriptions));
            }
            all.addAll(added);
            all.sort(Comparator.comparingDouble(subscription -> subscription.minScore));
            double[] scores = new double[all.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = all.get(i).minScore;
            }
            return new Posting(scores, all.toArray(IndexedSubscription[]::new));
        }

        private Posting with(IndexedSubscription subscription) {
            int at = countAtMost(subscription.minScore);
            double[] scores = new double[minScores.length + 1];
            IndexedSubscription[] more = new IndexedSubscription[subscriptions.length + 1];
            System.arraycopy(minScores, 0, scores, 0, at);
            System.arraycopy(minScores, at, scores, at + 1, minScores.length - at);
            System.arraycopy(subscriptions, 0, more, 0, at);
            System.arraycopy(subscriptions, at, more, at + 1, subscriptions.length - at);
            scores[at] = subscription.minScore;
            more[at] = subscription;
            return new Posting(scores, more);
        }

        Posting without(IndexedSubscription subscription) {
            int at = -1;
            for (int i = countBelow(subscription.minScore); i < subscriptions.length; i++) {
                if (subscriptions[i] == subscription) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return this;
            }
            if (subscriptions.length == 1) {
                return null;
            }
            double[] scores = new double[minScores.length - 1];
            IndexedSubscription[] remaining = new IndexedSubscription[subscriptions.length - 1];
            System.arraycopy(minScores, 0, scores, 0, at);
            System.arraycopy(minScores, at + 1, scores, at, scores.length - at);
            System.arraycopy(subscriptions, 0, remaining, 0, at);
            System.arraycopy(subscriptions, at + 1, remaining, at, remaining.length - at);
            return new Posting(scores, remaining);
        }

        int size() {
            return subscriptions.length;
        }

        /** Number of leading entries with minimum score at most {@code score}. */
        int countAtMost(double score) {
            int low = 0;
            int high = minScores.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (minScores[middle] <= score) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** Number of leading entries with minimum score below {@code score}. */
        private int countBelow(double score) {
            int low = 0;
            int high = minScores.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (minScores[middle] < score) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }
}
