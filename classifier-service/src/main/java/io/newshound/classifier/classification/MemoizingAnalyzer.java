package io.newshound.classifier.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Lucene's standard tokenizer followed by a language's token filters, where the filters run once per distinct token and
 * their result is remembered. News text repeats its words, and the filters after the tokenizer (lower case, elision,
 * possessives, normalisation, stemming) look at one token at a time, so the result for a token's characters is always
 * the same: looking it up costs a hash, while the stemmers cost 30-150 ns a token (Russian's Snowball stemmer the
 * most). The filters themselves are Lucene's stock ones, in the stock analysers' order; the result is the same token
 * stream, token for token, as the stock analyser gives (checked by a test against all labelled articles).
 * <p>
 * Each thread's reused components hold their own table, so lookups need no locking; a table that reaches its bound is
 * emptied and fills again with the words in use.
 */
final class MemoizingAnalyzer extends Analyzer {

    /** Distinct tokens remembered per language and thread: about 2 MB at most, and a day of news fits. */
    static final int MAX_REMEMBERED = 20_000;

    private final UnaryOperator<TokenStream> perTokenFilters;

    /**
     * @param perTokenFilters
     *            puts the language's filters over a token stream; each must read and change one token at a time,
     *            without state across tokens, and may drop a token
     */
    MemoizingAnalyzer(UnaryOperator<TokenStream> perTokenFilters) {
        this.perTokenFilters = perTokenFilters;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new Remembering(source, perTokenFilters));
    }

    /** Gives each token the filters' result for its characters, from the table or by running the filters once. */
    static final class Remembering extends TokenFilter {
        /** the result for a token the filters drop */
        private static final char[] DROPPED = new char[0];

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final TypeAttribute type = addAttribute(TypeAttribute.class);
        private final CharArrayMap<char[]> remembered = new CharArrayMap<>(1024, false);
        private final OneToken one = new OneToken();
        private final TokenStream filtered;
        private final CharTermAttribute filteredTerm;

        Remembering(TokenStream input, UnaryOperator<TokenStream> perTokenFilters) {
            super(input);
            this.filtered = perTokenFilters.apply(one);
            this.filteredTerm = filtered.getAttribute(CharTermAttribute.class);
            try {
                filtered.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean incrementToken() throws IOException {
            int skipped = 0;
            while (input.incrementToken()) {
                char[] result = remembered.get(term.buffer(), 0, term.length());
                if (result == null) {
                    result = filter();
                }
                if (result != DROPPED) {
                    term.copyBuffer(result, 0, result.length);
                    increment.setPositionIncrement(increment.getPositionIncrement() + skipped);
                    return true;
                }
                skipped += increment.getPositionIncrement();
            }
            return false;
        }

        /** Runs the filters over the current token alone and remembers what they made of it. */
        private char[] filter() throws IOException {
            char[] key = new char[term.length()];
            System.arraycopy(term.buffer(), 0, key, 0, key.length);
            one.set(key, type.type());
            char[] result = filtered.incrementToken()
                    ? java.util.Arrays.copyOf(filteredTerm.buffer(), filteredTerm.length())
                    : DROPPED;
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, result);
            return result;
        }
    }

    /** A token stream of the one token it was last given, for the filters to work on. */
    static final class OneToken extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final TypeAttribute type = addAttribute(TypeAttribute.class);
        private boolean pending;

        void set(char[] chars, String tokenType) {
            clearAttributes();
            term.copyBuffer(chars, 0, chars.length);
            type.setType(tokenType);
            pending = true;
        }

        @Override
        public boolean incrementToken() {
            boolean next = pending;
            pending = false;
            return next;
        }
    }
}
