package io.newshound.classifier.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.classifier.event.ArticleClassified.Contribution;
import io.newshound.classifier.event.ArticleClassified.Decision;

/**
 * The learned document-level decision, kept as versioned data beside the taxonomy
 * ({@code taxonomy/decision-model.json}): a logistic regression over the {@link CentralityFeatures} of a topic, with
 * weights shared by all topics, an intercept per topic, a calibration of its log-odds (so that a score of 0.9 is right
 * about nine times in ten), a threshold per topic and a minimum score per language (a language whose rules proved weak
 * abstains). Trained at build time by the retraining command (see the README); applied here with a dot product.
 *
 * @param version
 *            written into each explanation
 * @param trainedOn
 *            what it was trained on and with what
 * @param features
 *            feature names, in the order of {@code weights}; must equal {@link CentralityFeatures#NAMES}
 * @param intercept
 *            log-odds of a topic with all features zero, before the topic's own intercept
 * @param weights
 *            one per feature
 * @param topics
 *            per topic slug its intercept and threshold; a topic not listed gets {@code defaultThreshold}
 * @param calibration
 *            score = sigmoid(slope x log-odds + intercept)
 * @param languages
 *            per language the minimum score to raise a topic; {@code abstain} raises nothing in that language
 * @param defaultThreshold
 *            threshold of topics the model was not trained on
 */
public record DecisionModel(String version, TrainedOn trainedOn, List<String> features, double intercept,
        List<Double> weights, Map<String, TopicParameters> topics, Calibration calibration,
        Map<String, LanguageParameters> languages, double defaultThreshold) {

    /** Where the service finds the model, on the class path. */
    public static final String RESOURCE = "taxonomy/decision-model.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Provenance: taxonomy version, training sets, counts, library. */
    public record TrainedOn(String taxonomyVersion, List<String> sets, int articles, int examples, int positives,
            String library, String method) {
    }

    /** A topic's own intercept and threshold, and how many positives it was fitted on. */
    public record TopicParameters(double intercept, double threshold, int positives) {
    }

    /** Platt scaling of the model's log-odds, fitted on out-of-fold predictions. */
    public record Calibration(double slope, double intercept) {
    }

    /** A language's minimum score; {@code abstain} when its rules were too weak to trust. */
    public record LanguageParameters(double minScore, boolean abstain) {
    }

    /** @return the model bundled with the service, if there is one */
    public static Optional<DecisionModel> bundled() {
        try (InputStream in = DecisionModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(read(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException
     *             when the model's features are not the ones this code computes
     */
    public static DecisionModel read(byte[] json) throws IOException {
        DecisionModel m = JSON.readValue(json, DecisionModel.class);
        if (!CentralityFeatures.NAMES.equals(m.features()) || m.weights().size() != m.features().size()) {
            throw new IllegalArgumentException("decision model " + m.version() + " was trained on features "
                    + m.features() + ", this classifier computes " + CentralityFeatures.NAMES);
        }
        return m;
    }

    /** @return the calibrated probability that the topic is right */
    double score(String slug, double[] x) {
        return sigmoid(calibration.slope() * logOdds(slug, x) + calibration.intercept());
    }

    private double logOdds(String slug, double[] x) {
        double z = intercept + topicIntercept(slug);
        for (int i = 0; i < x.length; i++) {
            z += weights.get(i) * x[i];
        }
        return z;
    }

    private double topicIntercept(String slug) {
        TopicParameters t = topics.get(slug);
        return t == null ? 0 : t.intercept();
    }

    /** @return the score a topic needs in a language; above 1 when the language abstains */
    double threshold(String slug, String language) {
        TopicParameters t = topics.get(slug);
        double threshold = t == null ? defaultThreshold : t.threshold();
        LanguageParameters l = languages.get(language);
        if (l == null) {
            return threshold;
        }
        return l.abstain() ? Double.POSITIVE_INFINITY : Math.max(threshold, l.minScore());
    }

    /**
     * @return why a topic scored as it did: each feature's contribution to the calibrated log-odds (they add up to
     *         {@code logit(score)} with the intercepts), largest first
     */
    Decision explain(String slug, double[] x, double ruleScore, double threshold) {
        List<Contribution> parts = new ArrayList<>();
        double a = calibration.slope();
        parts.add(new Contribution("intercept", 1,
                round(a * (intercept + topicIntercept(slug)) + calibration.intercept())));
        for (int i = 0; i < x.length; i++) {
            double c = a * weights.get(i) * x[i];
            if (c != 0) {
                parts.add(new Contribution(features.get(i), round(x[i]), round(c)));
            }
        }
        parts.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.contribution())));
        return new Decision(version, round(threshold), ruleScore, List.copyOf(parts));
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
