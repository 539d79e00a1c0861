package io.newshound.ingest.normalize;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Guesses the language of an article among the ones Newshound covers: English, Ukrainian, Russian, German and French.
 * Text that is too short, or where the best language does not stand out enough from the runner-up, is
 * {@value #UNKNOWN}.
 * <p>
 * The detector's language models are large (tens of MB per language), so the detector is built once per JVM, on the
 * first guess, and shared; it is thread-safe. Only the first {@value #SAMPLE_LENGTH} characters are examined, which is
 * plenty for a language and keeps long articles cheap.
 */
public final class LanguageGuess {

    /** The code returned when the language cannot be told reliably. */
    public static final String UNKNOWN = "unknown";
    /**
     * The confidence a guess needs unless configured otherwise. Measured on news sentences: a clear one-sentence
     * English text scores about 0.15 to 0.25 against German, Russian against Ukrainian about 0.2, a list of
     * international words about 0.01.
     */
    public static final double DEFAULT_MINIMUM_CONFIDENCE = 0.05;
    /** Fewer letters than this never give a guess. */
    public static final int MINIMUM_LETTERS = 12;
    /** Characters of the text examined. */
    public static final int SAMPLE_LENGTH = 1000;

    private static final Language[] LANGUAGES = {Language.ENGLISH, Language.UKRAINIAN, Language.RUSSIAN,
            Language.GERMAN, Language.FRENCH};

    /**
     * A guess.
     *
     * @param language
     *            ISO 639-1 code ({@code en}, {@code uk}, {@code ru}, {@code de}, {@code fr}) or
     *            {@value LanguageGuess#UNKNOWN}
     * @param confidence
     *            from 0 (no idea) to 1 (no other candidate): how far the best language is ahead of the runner-up
     */
    public record Guess(String language, double confidence) {
    }

    private final double minimumConfidence;

    /** Guesses with the {@link #DEFAULT_MINIMUM_CONFIDENCE}. */
    public LanguageGuess() {
        this(DEFAULT_MINIMUM_CONFIDENCE);
    }

    /**
     * @param minimumConfidence
     *            the confidence (0 to 1) below which the answer is {@value #UNKNOWN}
     */
    public LanguageGuess(double minimumConfidence) {
        if (minimumConfidence < 0 || minimumConfidence > 1) {
            throw new IllegalArgumentException("minimum confidence must be within [0, 1], not " + minimumConfidence);
        }
        this.minimumConfidence = minimumConfidence;
    }

    /**
     * @param text
     *            plain text (title and body, say); {@code null} counts as empty
     * @return the ISO 639-1 code of its language, or {@value #UNKNOWN}
     */
    public String languageOf(String text) {
        return guess(text).language();
    }

    /**
     * @param text
     *            plain text; {@code null} counts as empty
     * @return the best language with its confidence; {@value #UNKNOWN} with the confidence reached if that is below the
     *         minimum
     */
    public Guess guess(String text) {
        if (text == null) {
            return new Guess(UNKNOWN, 0);
        }
        String sample = text.length() > SAMPLE_LENGTH ? text.substring(0, SAMPLE_LENGTH) : text;
        if (sample.codePoints().filter(Character::isLetter).limit(MINIMUM_LETTERS).count() < MINIMUM_LETTERS) {
            return new Guess(UNKNOWN, 0);
        }
        SortedMap<Language, Double> values = Detector.INSTANCE.computeLanguageConfidenceValues(sample);
        Language best = null;
        double bestValue = 0;
        double runnerUp = 0;
        // ranked by hand: the map's own order is an implementation detail of the detector
        for (Map.Entry<Language, Double> entry : values.entrySet()) {
            double value = entry.getValue();
            if (best == null || value > bestValue) {
                runnerUp = best == null ? runnerUp : bestValue;
                best = entry.getKey();
                bestValue = value;
            } else if (value > runnerUp) {
                runnerUp = value;
            }
        }
        if (best == null || best == Language.UNKNOWN) {
            return new Guess(UNKNOWN, 0);
        }
        double confidence = bestValue <= 0 ? 0 : Math.max(0, 1 - runnerUp / bestValue);
        if (confidence < minimumConfidence) {
            return new Guess(UNKNOWN, confidence);
        }
        return new Guess(best.getIsoCode639_1().name().toLowerCase(Locale.ROOT), confidence);
    }

    /**
     * Loads the language models now rather than on the first guess (about a second and a half), for example at
     * application start-up so the first article does not pay for it.
     */
    public static void preload() {
        Objects.requireNonNull(Detector.INSTANCE);
    }

    /** Holder idiom: the class initialiser runs once, lazily, and the JVM makes it thread-safe. */
    private static final class Detector {
        // all models at once: otherwise each script's models load on the first text in that script
        static final LanguageDetector INSTANCE = LanguageDetectorBuilder.fromLanguages(LANGUAGES)
                .withPreloadedLanguageModels().build();
    }
}
