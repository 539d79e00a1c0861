package io.newshound.classifier.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * One field of an article after analysis: its tokens in order (position and character offsets of each) and, per
 * analysed term, the tokens that carry it. Terms are looked up without building strings (the table is keyed by the
 * term's characters), and every prefix of the taxonomy that a term starts with is a term of its own, {@code prefix*},
 * listing the tokens of all terms that start with it. This is the whole per-article index the rules run on: an article
 * of a few KB has some hundred distinct terms, so building it costs little more than the analysis itself.
 */
final class AnalysedText {

    /** Position or offset of no token; also what exhausted interval cursors report. */
    static final int NONE = Integer.MAX_VALUE;

    final String text;
    private final CharArrayMap<Occurrences> terms;
    private final List<char[]> distinct = new ArrayList<>();
    private final List<Occurrences> distinctOccurrences = new ArrayList<>();
    private int count;
    private int[] positions = new int[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];

    private AnalysedText(String text) {
        this.text = text;
        // about one distinct term per 12 characters of running text: sized so the table rarely grows
        this.terms = new CharArrayMap<>(Math.max(16, text.length() / 12), false);
    }

    /**
     * Analyses a text with a language's analyser and marks the taxonomy's prefixes.
     *
     * @param prefixes
     *            prefix (as analysed) to its marked term {@code prefix*}
     */
    static AnalysedText analyse(Analyzer analyzer, String text, Prefixes prefixes) {
        AnalysedText a = new AnalysedText(text);
        if (text.isEmpty()) {
            return a;
        }
        try (TokenStream ts = analyzer.tokenStream(TaxonomyEngine.BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += increment.getPositionIncrement();
                a.add(term.buffer(), term.length(), position, offset.startOffset(), offset.endOffset());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        a.markPrefixes(prefixes);
        return a;
    }

    private void add(char[] buffer, int length, int position, int start, int end) {
        if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        int token = count++;
        positions[token] = position;
        starts[token] = start;
        ends[token] = end;
        Occurrences o = terms.get(buffer, 0, length);
        if (o == null) {
            char[] key = Arrays.copyOf(buffer, length);
            o = new Occurrences();
            terms.put(key, o);
            distinct.add(key);
            distinctOccurrences.add(o);
        }
        o.add(token);
    }

    private void markPrefixes(Prefixes prefixes) {
        if (prefixes.isEmpty()) {
            return;
        }
        List<Occurrences> marked = null;
        for (int t = 0, n = distinct.size(); t < n; t++) {
            char[] term = distinct.get(t);
            int longest = Math.min(term.length, prefixes.maxLength);
            for (int k = prefixes.minLength; k <= longest; k++) {
                String mark = prefixes.marks.get(term, 0, k);
                if (mark != null) {
                    Occurrences o = terms.get(mark);
                    if (o == null) {
                        o = new Occurrences();
                        terms.put(mark, o);
                        if (marked == null) {
                            marked = new ArrayList<>();
                        }
                        marked.add(o);
                    }
                    o.addAll(distinctOccurrences.get(t));
                }
            }
        }
        if (marked != null) {
            // a prefix collects the tokens of several terms; cursors need them in text order
            marked.forEach(Occurrences::sort);
        }
    }

    /** @return the tokens carrying an analysed term or a marked prefix ({@code prefix*}), or null */
    Occurrences occurrences(String term) {
        return terms.get(term);
    }

    int position(int token) {
        return positions[token];
    }

    int start(int token) {
        return starts[token];
    }

    int end(int token) {
        return ends[token];
    }

    /** Token indices of one term, in text order. */
    static final class Occurrences {
        private int[] tokens = new int[4];
        private int size;

        void add(int token) {
            if (size == tokens.length) {
                tokens = Arrays.copyOf(tokens, size * 2);
            }
            tokens[size++] = token;
        }

        void addAll(Occurrences other) {
            if (size + other.size > tokens.length) {
                tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, size + other.size));
            }
            System.arraycopy(other.tokens, 0, tokens, size, other.size);
            size += other.size;
        }

        void sort() {
            Arrays.sort(tokens, 0, size);
        }

        int size() {
            return size;
        }

        int token(int i) {
            return tokens[i];
        }
    }

    /** The prefixes of one language's rules, compiled for lookups by a term's leading characters. */
    static final class Prefixes {
        final CharArrayMap<String> marks;
        final int minLength;
        final int maxLength;

        Prefixes(java.util.Set<String> prefixes) {
            marks = new CharArrayMap<>(Math.max(1, prefixes.size()), false);
            prefixes.forEach(p -> marks.put(p, p + TaxonomyEngine.PREFIX_MARK));
            minLength = prefixes.stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
            maxLength = prefixes.stream().mapToInt(String::length).max().orElse(0);
        }

        boolean isEmpty() {
            return marks.isEmpty();
        }
    }
}
