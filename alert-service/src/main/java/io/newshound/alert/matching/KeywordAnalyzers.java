package io.newshound.alert.matching;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzer for each article language. Stop words are kept on purpose: a word that is a stop word in one language
 * must not vanish from a query that also searches other languages, and phrases keep their exact shape. Ukrainian and
 * unknown languages get lowercasing without stemming (lucene-analysis-common has no Ukrainian stemmer).
 */
final class KeywordAnalyzers {

    /** Languages with a dedicated analyzer. */
    static final List<String> SUPPORTED = List.of("en", "uk", "ru", "de", "fr");
    /** Analyzer key for any other or unknown language. */
    static final String OTHER = "und";

    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            "en", perField(new EnglishAnalyzer(CharArraySet.EMPTY_SET)),
            "ru", perField(new RussianAnalyzer(CharArraySet.EMPTY_SET)),
            "de", perField(new GermanAnalyzer(CharArraySet.EMPTY_SET)),
            "fr", perField(new FrenchAnalyzer(CharArraySet.EMPTY_SET)),
            "uk", perField(lowercasing()),
            OTHER, perField(lowercasing()));

    private KeywordAnalyzers() {
    }

    /** Analyzer key for an article or subscription language code. */
    static String key(String language) {
        if (language == null) {
            return OTHER;
        }
        String code = language.toLowerCase(Locale.ROOT);
        return ANALYZERS.containsKey(code) ? code : OTHER;
    }

    /**
     * Analyzer for a language key. Token streams are reused per field name, so the title and the body of one article
     * can be analysed side by side under different field names.
     */
    static Analyzer forKey(String key) {
        return ANALYZERS.get(key);
    }

    private static Analyzer lowercasing() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                return new TokenStreamComponents(source, result);
            }
        };
    }

    private static Analyzer perField(Analyzer delegate) {
        return new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return delegate;
            }
        };
    }
}
