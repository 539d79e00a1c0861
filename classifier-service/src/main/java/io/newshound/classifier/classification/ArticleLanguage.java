package io.newshound.classifier.classification;

import java.util.Locale;
import java.util.Optional;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import io.newshound.classifier.taxonomy.TaxonomyParser;

/**
 * Decides the language of an article: the declared one when it is usable, otherwise Lingua's guess among the five
 * supported languages. The detector loads its models on first use (a few seconds, some hundred MB) and is then shared.
 */
public final class ArticleLanguage {

    private ArticleLanguage() {
    }

    private static final class Detector {
        static final LanguageDetector INSTANCE = LanguageDetectorBuilder
                .fromLanguages(Language.ENGLISH, Language.UKRAINIAN, Language.RUSSIAN, Language.GERMAN,
                        Language.FRENCH)
                .build();
    }

    /**
     * @param declared
     *            language the source declared, may be null or a tag such as {@code en-GB}
     * @return a supported two-letter code, or empty when the declared language is unsupported or detection fails
     */
    public static Optional<String> resolve(String declared, String title, String body) {
        if (declared != null && !declared.isBlank()) {
            String code = declared.trim().toLowerCase(Locale.ROOT);
            int dash = code.indexOf('-') >= 0 ? code.indexOf('-') : code.indexOf('_');
            if (dash > 0) {
                code = code.substring(0, dash);
            }
            return TaxonomyParser.LANGUAGES.contains(code) ? Optional.of(code) : Optional.empty();
        }
        return detect(title + "\n" + (body == null ? "" : body.substring(0, Math.min(body.length(), 1000))));
    }

    /** @return the detected supported language of the text, if any */
    public static Optional<String> detect(String text) {
        Language language = Detector.INSTANCE.detectLanguageOf(text);
        if (language == Language.UNKNOWN) {
            return Optional.empty();
        }
        return Optional.of(language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT));
    }
}
