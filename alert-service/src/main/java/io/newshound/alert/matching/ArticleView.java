package io.newshound.alert.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What matching needs from one article, computed once per match call. */
final class ArticleView {

    /** Score of an absent topic: below every minimum score. */
    static final double ABSENT = -1.0;

    final Article article;
    final String language;
    private final Map<String, Double> scores;
    private final Map<String, List<SubscriptionMatch.TopicHit>> singleHits;
    private final String[] sources;

    ArticleView(Article article) {
        this.article = article;
        this.language = article.language() == null ? null : article.language().toLowerCase(Locale.ROOT);
        this.scores = article.topics();
        this.singleHits = new HashMap<>(scores.size() * 2);
        scores.forEach((slug, score) -> singleHits.put(slug, List.of(new SubscriptionMatch.TopicHit(slug, score))));
        Set<String> forms = Sources.ofArticle(article.source(), article.url());
        this.sources = forms.toArray(String[]::new);
    }

    double score(String topic) {
        Double score = scores.get(topic);
        return score == null ? ABSENT : score;
    }

    /** Shared single-topic explanation, so the many single-topic matches of one article do not each allocate one. */
    List<SubscriptionMatch.TopicHit> topicHit(String topic) {
        return singleHits.get(topic);
    }

    boolean hasAnySource(String[] candidates) {
        for (String candidate : candidates) {
            for (String source : sources) {
                if (source.equals(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }
}
