package io.newshound.classifier.classification;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Marks every token that starts with one of the taxonomy's prefixes by adding, at the same position and offsets, a
 * token {@code <prefix>*}. Rules then match prefixes with plain term queries instead of expanding them against each
 * article's vocabulary, which is what makes prefix-heavy rules (Russian, Ukrainian, German compounds) cheap and lets
 * the monitor's presearcher skip rules whose words are absent.
 */
final class PrefixMarkFilter extends TokenFilter {

    /** Suffix that marks a prefix token. The standard tokenizer never emits it, so marks cannot collide with words. */
    static final String MARK = "*";

    private final Set<String> prefixes;
    private final int minLength;
    private final int maxLength;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();
    private AttributeSource.State state;

    PrefixMarkFilter(TokenStream input, Set<String> prefixes) {
        super(input);
        this.prefixes = prefixes;
        this.minLength = prefixes.stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
        this.maxLength = prefixes.stream().mapToInt(String::length).max().orElse(0);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(state);
            term.setEmpty().append(pending.pop()).append(MARK);
            posInc.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        int length = term.length();
        for (int k = minLength; k <= Math.min(length, maxLength); k++) {
            String candidate = new String(term.buffer(), 0, k);
            if (prefixes.contains(candidate)) {
                pending.push(candidate);
            }
        }
        if (!pending.isEmpty()) {
            state = captureState();
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        state = null;
    }

    /** @return the analyser with every token checked against the prefixes */
    static Analyzer wrap(Analyzer analyzer, Set<String> prefixes) {
        if (prefixes.isEmpty()) {
            return analyzer;
        }
        return new AnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return analyzer;
            }

            @Override
            protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
                return new TokenStreamComponents(components.getSource(),
                        new PrefixMarkFilter(components.getTokenStream(), prefixes));
            }
        };
    }
}
