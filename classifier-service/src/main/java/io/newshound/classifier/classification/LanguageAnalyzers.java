package io.newshound.classifier.classification;

import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * One analyser per supported language, shared (Lucene analysers are thread-safe). Stop words are kept on purpose:
 * phrases in the taxonomy must match word for word, and negation cues such as "no" or "not" are stop words in the stock
 * lists.
 */
public final class LanguageAnalyzers {

    /**
     * The stock analysers' filters, in their order, with their stemmers and no stop words (a stop filter with no words
     * passes every token, so it is left out), each run once per distinct token ({@link MemoizingAnalyzer}). The
     * Ukrainian chain is ours: lower case, then {@link UkrainianLightStemFilter}.
     */
    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            "en",
            new MemoizingAnalyzer(in -> new PorterStemFilter(new LowerCaseFilter(new EnglishPossessiveFilter(in)))),
            "de", new MemoizingAnalyzer(
                    in -> new GermanLightStemFilter(new GermanNormalizationFilter(new LowerCaseFilter(in)))),
            "fr", new MemoizingAnalyzer(in -> new FrenchLightStemFilter(
                    new LowerCaseFilter(new ElisionFilter(in, FrenchAnalyzer.DEFAULT_ARTICLES)))),
            "ru", new MemoizingAnalyzer(in -> new SnowballFilter(new LowerCaseFilter(in), new RussianStemmer())),
            "uk", new MemoizingAnalyzer(in -> new UkrainianLightStemFilter(new LowerCaseFilter(in))));

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
}
