package io.newshound.classifier.classification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import io.newshound.classifier.classification.RuleSource.Interval;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule sources must find the same words as Lucene's interval queries did when every rule ran as one over a
 * MemoryIndex of the article: the evidence (which words, which offsets) is built from them. Lucene's implementation is
 * the reference here.
 */
class RuleSourceTest {

    static final Analyzer WHITESPACE = new WhitespaceAnalyzer();
    static final String[] WORDS = {"alpha", "alps", "bravo", "delta", "echo", "echoes", "golf", "hotel", "kilo"};
    static final String[] PREFIXES = {"al", "ech"};
    /** The two sides of a proximity rule have words of their own, as in the taxonomy (see {@link RuleSource}). */
    static final String[] LEFT = {"alpha", "alps", "bravo", "delta", "al"};
    static final String[] RIGHT = {"echo", "echoes", "golf", "hotel", "kilo", "ech"};
    /** Every word and prefix the random rules use, and those of the rules written out below. */
    static final AnalysedText.Vocabulary VOCABULARY = new AnalysedText.Vocabulary(
            Stream.of(Stream.of(WORDS), Stream.of(PREFIXES).map(p -> p + RuleCompiler.PREFIX_MARK),
                    Stream.of("truce", "energy", "land", "swap", "trade")).flatMap(s -> s).distinct().toList());

    /** A rule source and the Lucene interval source it stands for. */
    record Pair(RuleSource ours, IntervalsSource lucene, String shape) {
    }

    @Test
    void skipsALongerAlternativeThatContainsAWordAlreadyFound() throws IOException {
        Pair energyTruce = anyOf(List.of(term("truce"), phrase(List.of(term("energy"), term("truce")))));
        assertThat(hits(energyTruce.ours(), "an energy truce")).containsExactly(2);
        assertThat(luceneHits(energyTruce.lucene(), "an energy truce")).containsExactly(2);
    }

    @Test
    void shrinksAProximityMatchToItsNarrowestForm() throws IOException {
        Pair near = near(term("land"), term("swap"), 4);
        assertThat(hits(near.ours(), "land for land swap")).containsExactly(2, 3);
        assertThat(luceneHits(near.lucene(), "land for land swap")).containsExactly(2, 3);
    }

    @Test
    void dropsAHitWithinTheExclusionWindowOnly() throws IOException {
        Pair truce = notWithin(term("truce"), 2, term("trade"));
        assertThat(hits(truce.ours(), "trade war truce then a real truce")).containsExactly(6);
        assertThat(luceneHits(truce.lucene(), "trade war truce then a real truce")).containsExactly(6);
    }

    @Test
    void findsTheSameWordsAsLuceneIntervalQueriesOnRandomRulesAndTexts() throws IOException {
        Random random = new Random(20261126);
        int matched = 0;
        for (int i = 0; i < 4000; i++) {
            Pair rule = rule(random);
            String text = text(random);
            Set<Integer> expected = luceneHits(rule.lucene(), text);
            assertThat(hits(rule.ours(), text)).as("%s on '%s'", rule.shape(), text).isEqualTo(expected);
            matched += expected.isEmpty() ? 0 : 1;
        }
        // the comparison is only worth something if the random rules match often enough
        assertThat(matched).isGreaterThan(1000);
    }

    static Set<Integer> hits(RuleSource source, String text) {
        AnalysedText field = AnalysedText.analyse(WHITESPACE, text, VOCABULARY);
        Set<Integer> positions = new TreeSet<>();
        if (!source.possible(field)) {
            return positions;
        }
        for (Interval interval : source.intervals(field)) {
            for (int token : interval.hits()) {
                positions.add(field.position(token));
            }
        }
        return positions;
    }

    /** The hits as lucene-monitor's highlighter collected them: the leaf matches of every interval. */
    static Set<Integer> luceneHits(IntervalsSource source, String text) throws IOException {
        MemoryIndex index = new MemoryIndex(true, true);
        index.addField("f", text, WHITESPACE);
        IndexSearcher searcher = index.createSearcher();
        IntervalQuery query = new IntervalQuery("f", source);
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
        Matches matches = weight.matches(searcher.getIndexReader().leaves().get(0), 0);
        Set<Integer> positions = new TreeSet<>();
        if (matches == null) {
            return positions;
        }
        MatchesIterator it = matches.getMatches("f");
        while (it != null && it.next()) {
            MatchesIterator sub = it.getSubMatches();
            if (sub == null) {
                positions.add(it.startPosition());
            } else {
                while (sub.next()) {
                    for (int p = sub.startPosition(); p <= sub.endPosition(); p++) {
                        positions.add(p);
                    }
                }
            }
        }
        return positions;
    }

    static String text(Random random) {
        int n = 1 + random.nextInt(30);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    /** A random rule of the shapes the taxonomy compiles to. */
    static Pair rule(Random random) {
        Pair source = random.nextBoolean()
                ? anyOf(random, 1 + random.nextInt(4), WORDS, PREFIXES)
                : near(anyOf(random, 1 + random.nextInt(3), LEFT, new String[]{"al"}),
                        anyOf(random, 1 + random.nextInt(3), RIGHT, new String[]{"ech"}), random.nextInt(5));
        return random.nextInt(3) == 0
                ? notWithin(source, random.nextInt(4), anyOf(random, 1 + random.nextInt(2), WORDS, PREFIXES))
                : source;
    }

    static Pair anyOf(Random random, int n, String[] words, String[] prefixes) {
        List<Pair> alternatives = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                List<Pair> phrase = new ArrayList<>();
                for (int k = 0, len = 2 + random.nextInt(2); k < len; k++) {
                    phrase.add(word(random, words, prefixes));
                }
                alternatives.add(phrase(phrase));
            } else {
                alternatives.add(word(random, words, prefixes));
            }
        }
        return alternatives.size() == 1 ? alternatives.get(0) : anyOf(alternatives);
    }

    static Pair word(Random random, String[] words, String[] prefixes) {
        if (random.nextInt(4) == 0) {
            String prefix = prefixes[random.nextInt(prefixes.length)];
            return new Pair(ruleTerm(prefix + RuleCompiler.PREFIX_MARK),
                    Intervals.prefix(new BytesRef(prefix)), prefix + "*");
        }
        String word;
        do {
            word = words[random.nextInt(words.length)];
        } while (List.of(prefixes).contains(word));
        return term(word);
    }

    static Pair term(String word) {
        return new Pair(ruleTerm(word), Intervals.term(word), word);
    }

    static RuleSource.Term ruleTerm(String word) {
        return new RuleSource.Term(word, VOCABULARY.id(word));
    }

    static Pair phrase(List<Pair> words) {
        return new Pair(new RuleSource.Phrase(words.stream().map(p -> (RuleSource.Term) p.ours()).toList()),
                Intervals.phrase(words.stream().map(Pair::lucene).toArray(IntervalsSource[]::new)),
                "\"" + String.join(" ", words.stream().map(Pair::shape).toList()) + "\"");
    }

    static Pair anyOf(List<Pair> alternatives) {
        return new Pair(new RuleSource.AnyOf(alternatives.stream().map(Pair::ours).toList()),
                Intervals.or(alternatives.stream().map(Pair::lucene).toList()),
                "or(" + String.join(", ", alternatives.stream().map(Pair::shape).toList()) + ")");
    }

    static Pair near(Pair left, Pair right, int within) {
        return new Pair(
                new RuleSource.AnyOf(List.of(
                        new RuleSource.MaxGaps(within, new RuleSource.Ordered(List.of(left.ours(), right.ours()))),
                        new RuleSource.MaxGaps(within, new RuleSource.Ordered(List.of(right.ours(), left.ours()))))),
                Intervals.maxgaps(within, Intervals.unorderedNoOverlaps(left.lucene(), right.lucene())),
                "near(" + left.shape() + ", " + right.shape() + ", " + within + ")");
    }

    static Pair notWithin(Pair source, int positions, Pair exclude) {
        return new Pair(new RuleSource.NotWithin(source.ours(), positions, exclude.ours()),
                Intervals.notWithin(source.lucene(), positions, exclude.lucene()),
                "notWithin(" + source.shape() + ", " + positions + ", " + exclude.shape() + ")");
    }
}
