package io.newshound.classifier.classification;

import io.newshound.classifier.event.ArticleClassified.Topic;

/**
 * A topic with evidence in an article and the decision on it, for training and evaluating the decision model.
 *
 * @param slug
 *            the topic
 * @param ruleScore
 *            the rule evidence's noisy-or score
 * @param features
 *            its {@link CentralityFeatures}, in the order of {@link #FEATURE_NAMES}
 * @param score
 *            the decision's score (the rule score when there is no model)
 * @param threshold
 *            the score it needs; infinite when its language abstains
 * @param topic
 *            the topic as it would be published, when asked for
 */
public record TopicCandidate(String slug, double ruleScore, double[] features, double score, double threshold,
        Topic topic) {

    /** Names of the features, in order. */
    public static final java.util.List<String> FEATURE_NAMES = CentralityFeatures.NAMES;

    /** @return whether the topic is raised */
    public boolean raised() {
        return score >= threshold;
    }
}
