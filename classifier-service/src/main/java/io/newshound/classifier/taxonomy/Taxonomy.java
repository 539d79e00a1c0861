package io.newshound.classifier.taxonomy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A versioned set of topics with their matching rules per language, as read from the taxonomy YAML.
 *
 * @param version
 *            version string written into every output, e.g. {@code 2026.11.0}
 * @param negatedWeight
 *            factor applied to a hit that a negation cue governs ("no ceasefire yet")
 * @param negation
 *            negation cues per language
 * @param cues
 *            per language, words that tell how a sentence speaks of its topic (background, hypothetical, another sense
 *            of the word); the decision weighs them
 * @param topics
 *            the topics
 */
public record Taxonomy(String version, @JsonProperty("negatedWeight") Double negatedWeight,
        Map<String, NegationCues> negation, Map<String, SentenceCues> cues, List<Topic> topics) {

    /** Weight of a negated hit when the taxonomy does not say. */
    public static final double DEFAULT_NEGATED_WEIGHT = 0.15;

    /** @return the factor for negated hits */
    public double negatedWeightOrDefault() {
        return negatedWeight == null ? DEFAULT_NEGATED_WEIGHT : negatedWeight;
    }

    /**
     * Words that, right before ({@code before}) or right after ({@code after}) a hit in the same sentence, mark it as
     * negated. Multi-word cues are allowed.
     */
    public record NegationCues(List<String> before, List<String> after) {
    }

    /**
     * Words or word sequences (a trailing {@code *} makes a word a prefix, a {@code #} stands for a year before the
     * current one) that mark a sentence: {@code background} as history ("since the 2022 truce", "last year's talks"),
     * {@code hypothetical} as a condition or possibility ("if", "would", "any future"), {@code otherSense} as sport,
     * trade, courts or business ("league", "tariff", "court").
     */
    public record SentenceCues(List<String> background, List<String> hypothetical, List<String> otherSense) {
    }

    /**
     * A topic.
     *
     * @param slug
     *            stable id in outputs
     * @param label
     *            human label
     * @param description
     *            what belongs to the topic and what does not
     * @param cameo
     *            CAMEO event codes that correspond to the topic
     * @param gdeltThemes
     *            GDELT GKG themes that correspond to the topic
     * @param threshold
     *            minimum score in (0,1] for the topic to be reported
     * @param rules
     *            rules per language code
     */
    public record Topic(String slug, String label, String description, List<String> cameo, List<String> gdeltThemes,
            Double threshold, Map<String, List<Rule>> rules) {

        /** Threshold when the topic does not set one. */
        public static final double DEFAULT_THRESHOLD = 0.5;

        /** @return the threshold */
        public double thresholdOrDefault() {
            return threshold == null ? DEFAULT_THRESHOLD : threshold;
        }
    }

    /**
     * A matching rule: either {@code phrases} (any of them) or {@code near} (a word of {@code left} within
     * {@code within} words of a word of {@code right}, in either order). Terms are analysed with the language's
     * stemmer; a trailing {@code *} makes a word a prefix. A hit within {@code excludeWithin} words of an
     * {@code exclude} phrase is dropped; when {@code context} is given, one of those phrases must also occur somewhere
     * in the article.
     */
    public record Rule(String id, Double weight, List<String> phrases, Near near, List<String> context,
            List<String> exclude, Integer excludeWithin) {

        /** Weight when the rule does not set one. */
        public static final double DEFAULT_WEIGHT = 0.9;
        /** Exclusion window when the rule does not set one. */
        public static final int DEFAULT_EXCLUDE_WITHIN = 3;

        /** @return the weight */
        public double weightOrDefault() {
            return weight == null ? DEFAULT_WEIGHT : weight;
        }

        /** @return the exclusion window in words */
        public int excludeWithinOrDefault() {
            return excludeWithin == null ? DEFAULT_EXCLUDE_WITHIN : excludeWithin;
        }
    }

    /** Two word groups that must occur close to each other. */
    public record Near(List<String> left, List<String> right, Integer within) {

        /** Window when the rule does not set one. */
        public static final int DEFAULT_WITHIN = 4;

        /** @return the maximum number of words between the two */
        public int withinOrDefault() {
            return within == null ? DEFAULT_WITHIN : within;
        }
    }
}
