package io.newshound.classifier.classification;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Lucene's own analysers without stop words, and the Ukrainian chain, running every filter on every token: what
 * {@link LanguageAnalyzers} must give token for token, and what it costs when no token has been seen before.
 */
public final class StockAnalyzers {

    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            "en", new EnglishAnalyzer(CharArraySet.EMPTY_SET),
            "de", new GermanAnalyzer(CharArraySet.EMPTY_SET),
            "fr", new FrenchAnalyzer(CharArraySet.EMPTY_SET),
            "ru", new RussianAnalyzer(CharArraySet.EMPTY_SET),
            "uk", new Analyzer() {
                @Override
                protected TokenStreamComponents createComponents(String fieldName) {
                    StandardTokenizer source = new StandardTokenizer();
                    return new TokenStreamComponents(source,
                            new UkrainianLightStemFilter(new LowerCaseFilter(source)));
                }
            });

    private StockAnalyzers() {
    }

    /** @return the stock analyser of a supported language code */
    public static Analyzer of(String language) {
        return ANALYZERS.get(language);
    }

    /** @return whether there is one for the language */
    public static boolean has(String language) {
        return ANALYZERS.containsKey(language);
    }
}
