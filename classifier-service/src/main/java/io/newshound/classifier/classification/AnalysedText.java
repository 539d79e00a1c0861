package io.newshound.classifier.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import io.newshound.classifier.classification.RuleSource.Interval;

/**
 * One field of an article after analysis, reduced to what the rules can ask about: for each word of the taxonomy's
 * vocabulary ({@link Vocabulary}: analysed terms, and marked prefixes {@code prefix*} standing for every term that
 * starts with them), the tokens that carry it, with their positions and character offsets. Tokens of words no rule
 * names are counted for positions and otherwise dropped, so an article of a few KB keeps a few dozen tokens. Each
 * token's term is looked up by walking the vocabulary's trie over its characters, which finds its exact term and every
 * prefix it starts with in one pass and gives up at the first character no taxonomy word continues with.
 */
final class AnalysedText {

    /** Position or offset of no token; also what exhausted interval cursors report. */
    static final int NONE = Integer.MAX_VALUE;

    final String text;
    private final Vocabulary vocabulary;
    private final Occurrences[] occurrences;
    /** Each word's one-token intervals, made on first use: many rules share a word ("de", "the"). */
    private final List<Interval>[] intervals;
    /** Intervals of phrases and alternatives that several rules share (see {@link #shared}). */
    private Map<RuleSource, List<Interval>> shared;
    private int count;
    private int[] positions;
    private int[] starts;
    private int[] ends;

    private AnalysedText(String text, Vocabulary vocabulary) {
        this.text = text;
        this.vocabulary = vocabulary;
        // in articles dense with hits about one token in 15 characters of running text is a taxonomy word: sized so
        // the arrays rarely grow
        int capacity = Math.max(16, text.length() / 16);
        this.positions = new int[capacity];
        this.starts = new int[capacity];
        this.ends = new int[capacity];
        this.occurrences = new Occurrences[vocabulary.size()];
        @SuppressWarnings("unchecked")
        List<Interval>[] none = new List[vocabulary.size()];
        this.intervals = none;
    }

    /** Analyses a text with a language's analyser, keeping the tokens of the vocabulary's words. */
    static AnalysedText analyse(Analyzer analyzer, String text, Vocabulary vocabulary) {
        AnalysedText a = new AnalysedText(text, vocabulary);
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
                a.add(term.buffer(), term.length(), position, offset);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return a;
    }

    private void add(char[] buffer, int length, int position, OffsetAttribute offset) {
        int token = -1;
        int node = Vocabulary.ROOT;
        for (int i = 0; i < length; i++) {
            node = vocabulary.child(node, buffer[i]);
            if (node < 0) {
                return;
            }
            int prefix = vocabulary.prefix(node);
            if (prefix >= 0) {
                token = token < 0 ? token(position, offset) : token;
                occurrence(prefix, token);
            }
        }
        int exact = vocabulary.exact(node);
        if (exact >= 0) {
            occurrence(exact, token < 0 ? token(position, offset) : token);
        }
    }

    private int token(int position, OffsetAttribute offset) {
        if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        positions[count] = position;
        starts[count] = offset.startOffset();
        ends[count] = offset.endOffset();
        return count++;
    }

    private void occurrence(int word, int token) {
        Occurrences o = occurrences[word];
        if (o == null) {
            o = new Occurrences();
            occurrences[word] = o;
        }
        o.add(token);
    }

    /** @return whether a word of the vocabulary (a term or a marked prefix) occurs in the field */
    boolean has(int word) {
        return occurrences[word] != null;
    }

    /** @return the one-token intervals of a word of the vocabulary, in text order; not to be modified */
    List<Interval> intervals(int word) {
        Occurrences o = occurrences[word];
        if (o == null) {
            return List.of();
        }
        List<Interval> list = intervals[word];
        if (list == null) {
            Interval[] out = new Interval[o.size()];
            for (int i = 0; i < out.length; i++) {
                int token = o.token(i);
                out[i] = new Interval(positions[token], positions[token], 0, new int[]{token});
            }
            list = Arrays.asList(out);
            intervals[word] = list;
        }
        return list;
    }

    /**
     * @return the intervals of a phrase or list of alternatives found before in this field, or null. Rules of one
     *         language that use the same words share one instance of them (the engine interns them), and the two orders
     *         of a proximity rule use the same two sides, so each is evaluated once per field.
     */
    List<Interval> shared(RuleSource source) {
        return shared == null ? null : shared.get(source);
    }

    /** Keeps the intervals of a shared source for the rules after; they are not to be modified. */
    List<Interval> share(RuleSource source, List<Interval> found) {
        if (shared == null) {
            shared = new IdentityHashMap<>();
        }
        shared.put(source, found);
        return found;
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

        int size() {
            return size;
        }

        int token(int i) {
            return tokens[i];
        }
    }

    /**
     * The words one language's rules use: analysed terms, and prefixes marked {@code prefix*}. Each has a number, and a
     * trie over their characters finds the numbers of a term (its own, and those of the prefixes it starts with). The
     * trie's edges from the root are a table indexed by character (Latin and Cyrillic letters all fall inside it); the
     * deeper ones are one open-addressing hash table keyed by node and character, a multiply and an array read per
     * character.
     */
    static final class Vocabulary {
        static final int ROOT = 0;
        private static final int DIRECT = 0x500;
        private static final long FREE = -1L;

        private final Map<String, Integer> ids = new HashMap<>();
        private final int[] rootChildren = new int[DIRECT];
        private final long[] edgeKeys;
        private final int[] edgeChildren;
        private final int[] exact;
        private final int[] prefix;

        /**
         * @param words
         *            analysed terms and marked prefixes ({@code prefix*}), each once; a word's number is its index
         */
        Vocabulary(List<String> words) {
            List<Map<Character, Integer>> trie = new ArrayList<>();
            List<int[]> ends = new ArrayList<>(); // per node: exact id, prefix id
            trie.add(new HashMap<>());
            ends.add(new int[]{-1, -1});
            for (String w : words) {
                boolean marked = w.endsWith(RuleCompiler.PREFIX_MARK);
                String chars = marked ? w.substring(0, w.length() - RuleCompiler.PREFIX_MARK.length()) : w;
                int id = ids.size();
                if (chars.isEmpty() || ids.putIfAbsent(w, id) != null) {
                    throw new IllegalArgumentException("empty or repeated word '" + w + "'");
                }
                int node = ROOT;
                for (int i = 0; i < chars.length(); i++) {
                    Integer next = trie.get(node).get(chars.charAt(i));
                    if (next == null) {
                        next = trie.size();
                        trie.get(node).put(chars.charAt(i), next);
                        trie.add(new HashMap<>());
                        ends.add(new int[]{-1, -1});
                    }
                    node = next;
                }
                ends.get(node)[marked ? 1 : 0] = id;
            }
            exact = ends.stream().mapToInt(e -> e[0]).toArray();
            prefix = ends.stream().mapToInt(e -> e[1]).toArray();
            int slots = Integer.highestOneBit(Math.max(8, trie.size() * 4) - 1) << 1;
            edgeKeys = new long[slots];
            edgeChildren = new int[slots];
            Arrays.fill(edgeKeys, FREE);
            Arrays.fill(rootChildren, -1);
            for (int node = 0; node < trie.size(); node++) {
                for (Map.Entry<Character, Integer> e : trie.get(node).entrySet()) {
                    char c = e.getKey();
                    if (node == ROOT && c < DIRECT) {
                        rootChildren[c] = e.getValue();
                        continue;
                    }
                    long key = edge(node, c);
                    int slot = slot(key);
                    while (edgeKeys[slot] != FREE) {
                        slot = (slot + 1) & (slots - 1);
                    }
                    edgeKeys[slot] = key;
                    edgeChildren[slot] = e.getValue();
                }
            }
        }

        /** @return how many words there are; their numbers run from 0 */
        int size() {
            return ids.size();
        }

        /** @return the number of a term or marked prefix, or -1 when no rule uses it */
        int id(String word) {
            Integer id = ids.get(word);
            return id == null ? -1 : id;
        }

        /** @return the node reached from {@code node} by {@code c}, or -1 */
        int child(int node, char c) {
            if (node == ROOT && c < DIRECT) {
                return rootChildren[c];
            }
            long key = edge(node, c);
            int mask = edgeKeys.length - 1;
            for (int slot = slot(key);; slot = (slot + 1) & mask) {
                long k = edgeKeys[slot];
                if (k == key) {
                    return edgeChildren[slot];
                }
                if (k == FREE) {
                    return -1;
                }
            }
        }

        /** @return the number of the term that ends at the node, or -1 */
        int exact(int node) {
            return exact[node];
        }

        /** @return the number of the prefix that ends at the node, or -1 */
        int prefix(int node) {
            return prefix[node];
        }

        private static long edge(int node, char c) {
            return ((long) node << 16) | c;
        }

        /** Fibonacci hashing: the multiply spreads node and character over the high bits. */
        private int slot(long key) {
            return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & (edgeKeys.length - 1);
        }
    }
}
