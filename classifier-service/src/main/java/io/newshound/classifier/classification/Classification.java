package io.newshound.classifier.classification;

import java.util.List;

import io.newshound.classifier.event.ArticleClassified.Topic;

/**
 * The outcome of classifying one article.
 *
 * @param language
 *            language the rules were applied in (declared or detected); {@code null} when unsupported
 * @param taxonomyVersion
 *            version of the taxonomy that produced the topics
 * @param classifierVersion
 *            version of the classification logic
 * @param topics
 *            topics over their threshold, best first, each with its evidence
 */
public record Classification(String language, String taxonomyVersion, String classifierVersion, List<Topic> topics) {
}
