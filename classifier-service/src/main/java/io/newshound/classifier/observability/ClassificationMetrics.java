package io.newshound.classifier.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.newshound.classifier.classification.Classification;
import io.newshound.classifier.event.ArticleClassified.Topic;

/**
 * Counts what the pipeline classifies, by topic and language: {@code newshound_classifications_total{topic,language}}.
 * An article with several topics counts once under each; one with none counts under {@code topic="none"}; an article in
 * a language without rules counts under {@code language="unsupported"}. A batch whose transaction aborts is read and
 * counted again.
 */
@ApplicationScoped
public class ClassificationMetrics {

    private final MeterRegistry meters;

    public ClassificationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts one classified article. */
    public void record(Classification classification) {
        String language = classification.language() == null ? "unsupported" : classification.language();
        if (classification.topics().isEmpty()) {
            count("none", language);
        }
        for (Topic topic : classification.topics()) {
            count(topic.slug(), language);
        }
    }

    private void count(String topic, String language) {
        meters.counter("newshound.classifications", "topic", topic, "language", language).increment();
    }
}
