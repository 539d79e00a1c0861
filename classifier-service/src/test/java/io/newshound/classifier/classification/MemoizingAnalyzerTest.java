package io.newshound.classifier.classification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

import io.newshound.classifier.eval.LabelledArticle;

import static org.assertj.core.api.Assertions.assertThat;

class MemoizingAnalyzerTest {

    @Test
    void givesTheStockAnalysersTokensForEveryLabelledArticleTwice() throws IOException {
        List<LabelledArticle> articles = Stream.of("dev", "heldout").flatMap(s -> LabelledArticle.load(s).stream())
                .filter(a -> StockAnalyzers.has(a.language())).toList();
        assertThat(articles).hasSizeGreaterThan(200);
        long tokens = 0;
        // the second pass reads every token from the table the first one filled
        for (int pass = 0; pass < 2; pass++) {
            for (LabelledArticle a : articles) {
                String text = a.title() + "\n\n" + a.body();
                List<String> expected = tokens(StockAnalyzers.of(a.language()), text);
                assertThat(tokens(LanguageAnalyzers.of(a.language()), text)).as(a.id()).isEqualTo(expected);
                tokens += expected.size();
            }
        }
        assertThat(tokens).isGreaterThan(5_000);
    }

    @Test
    void givesTheStockTokensForPossessivesElisionsUmlautsAndMixedScripts() throws IOException {
        Map<String, String> texts = Map.of(
                "en", "Ukraine's allies' guarantees. NATO's Article 5-like pledge; U.S. talks 2026 ceasefire-ceasefire",
                "de",
                "Gespräche über Waffenstillstand; GEBIETSABTRETUNGEN, Straße, Sicherheitsgarantien für die Ukraine",
                "fr", "L'accord d'échange aujourd'hui: qu'il y ait un cessez-le-feu, L'OTAN l'a dit",
                "uk", "Перемир'я, ПЕРЕГОВОРИ про припинення вогню; обмін територіями, Ґанок, їжак",
                "ru", "Перемирие, ПЕРЕГОВОРЫ о прекращении огня; обмен территориями и ёлка, Ёж");
        for (Map.Entry<String, String> e : texts.entrySet()) {
            List<String> expected = tokens(StockAnalyzers.of(e.getKey()), e.getValue());
            assertThat(tokens(LanguageAnalyzers.of(e.getKey()), e.getValue())).as(e.getKey()).isEqualTo(expected);
            assertThat(tokens(LanguageAnalyzers.of(e.getKey()), e.getValue())).as(e.getKey()).isEqualTo(expected);
        }
    }

    @Test
    void keepsPositionsRightAroundTokensTheFiltersDrop() throws IOException {
        CharArraySet stop = new CharArraySet(List.of("the", "of"), true);
        Analyzer dropping = new MemoizingAnalyzer(in -> new StopFilter(in, stop));
        for (int pass = 0; pass < 2; pass++) {
            assertThat(tokens(dropping, "The end of the war")).containsExactly("end@1[4,7]", "war@4[15,18]");
        }
    }

    @Test
    void startsAgainWithAnEmptyTableOnceItIsFull() throws IOException {
        Analyzer english = LanguageAnalyzers.of("en");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < MemoizingAnalyzer.MAX_REMEMBERED + 10; i++) {
            words.add("talks" + Integer.toString(i, 26).replaceAll("[0-9]", "q"));
        }
        String text = String.join(" ", words);
        List<String> expected = tokens(StockAnalyzers.of("en"), text);
        assertThat(tokens(english, text)).isEqualTo(expected);
        assertThat(tokens(english, text)).isEqualTo(expected);
    }

    /** @return each token as {@code term@position[start,end]} */
    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += increment.getPositionIncrement();
                out.add(term + "@" + position + "[" + offset.startOffset() + "," + offset.endOffset() + "]");
            }
            ts.end();
        }
        return out;
    }
}
