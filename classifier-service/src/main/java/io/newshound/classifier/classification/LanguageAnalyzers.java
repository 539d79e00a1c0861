package io.newshound.classifier.classification;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * One analyser per supported language, shared (Lucene analysers are thread-safe). Stop words are kept on purpose:
 * phrases in the taxonomy must match word for word, and negation cues such as "no" or "not" are stop words in the stock
 * lists.
 */
public final class LanguageAnalyzers {

    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            "en", new EnglishAnalyzer(CharArraySet.EMPTY_SET),
            "de", new GermanAnalyzer(CharArraySet.EMPTY_SET),
            "fr", new FrenchAnalyzer(CharArraySet.EMPTY_SET),
            "ru", new RussianAnalyzer(CharArraySet.EMPTY_SET),
            "uk", new UkrainianAnalyzer());

    private LanguageAnalyzers() {
    }

    /** @return the analyser of a supported language code */
    public static Analyzer of(String language) {
        Analyzer a = ANALYZERS.get(language);
        if (a == null) {
            throw new IllegalArgumentException("unsupported language " + language);
        }
        return a;
    }

    /** Standard tokenizer, lower case, {@link UkrainianLightStemFilter}. */
    static final class UkrainianAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            result = new UkrainianLightStemFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    }
}
