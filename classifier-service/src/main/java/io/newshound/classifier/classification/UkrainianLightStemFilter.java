package io.newshound.classifier.classification;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * A light Ukrainian stemmer in the spirit of Lucene's light stemmers for other languages (it removes inflection, not
 * derivation): drops apostrophes ({@code перемир'я} and {@code перемир’я} become {@code перемиря}), the reflexive
 * {@code -ся/-сь}, the longest matching case or verb ending, then trailing vowels and the soft sign, always keeping at
 * least three letters. analysis-common has no Ukrainian stemmer; this one is deliberately aggressive because the
 * taxonomy terms go through the same filter, so both sides meet at the same stem.
 */
public final class UkrainianLightStemFilter extends TokenFilter {

    private static final String[] ENDINGS = {
            // verbs
            "ються", "ують", "юють", "ають", "яють", "ували", "ував", "ували", "ати", "яти", "ити", "іти", "ала",
            "али", "ало", "ила", "или", "ило", "ють", "уть", "ать", "ять", "ить", "іть", "ав", "ив", "ла", "ли", "ло",
            // nouns and adjectives
            "ями", "ами", "ові", "еві", "єві", "ого", "ому", "ими", "іми", "ої", "ою", "ею", "єю", "ій", "ий", "их",
            "іх", "ях", "ах", "ям", "ам", "ів", "їв", "ом", "ем", "єм", "ія", "ії", "ію", "ти", "ть"};
    private static final String[] NO_ENDINGS = {};
    /** The Cyrillic block, where every ending's last letter lies. */
    private static final char CYRILLIC = '\u0400';
    /**
     * {@link #ENDINGS} by their last letter (its offset in the Cyrillic block), each list in the order above (the first
     * ending that fits is cut). An array rather than a map: it is read for every token.
     */
    private static final String[][] ENDINGS_BY_LAST_LETTER = new String[256][];

    static {
        Arrays.fill(ENDINGS_BY_LAST_LETTER, NO_ENDINGS);
        Arrays.stream(ENDINGS).collect(Collectors.groupingBy(e -> e.charAt(e.length() - 1)))
                .forEach((last, endings) -> ENDINGS_BY_LAST_LETTER[last - CYRILLIC] = endings.toArray(String[]::new));
    }

    private static final String VOWELS = "аеєиіїоуюяь";
    private static final int MIN_STEM = 3;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);

    public UkrainianLightStemFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (!keyword.isKeyword()) {
            term.setLength(stem(term.buffer(), term.length()));
        }
        return true;
    }

    /** @return the stem of a lower-cased word */
    static String stem(String word) {
        char[] buffer = word.toCharArray();
        return new String(buffer, 0, stem(buffer, buffer.length));
    }

    /**
     * Stems a lower-cased word in place, without allocating: this runs on every token of every Ukrainian article.
     *
     * @return the length of the stem at the start of the buffer
     */
    static int stem(char[] w, int length) {
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = w[i];
            if (c != '\'' && c != '’' && c != 'ʼ' && c != '`') {
                w[n++] = c;
            }
        }
        if (n <= MIN_STEM) {
            return n;
        }
        if (endsWith(w, n, "ся") || endsWith(w, n, "сь")) {
            if (n - 2 >= MIN_STEM) {
                n -= 2;
            }
        }
        int last = w[n - 1] - CYRILLIC;
        String[] endings = last >= 0 && last < ENDINGS_BY_LAST_LETTER.length
                ? ENDINGS_BY_LAST_LETTER[last]
                : NO_ENDINGS;
        for (String ending : endings) {
            if (endsWith(w, n, ending) && n - ending.length() >= MIN_STEM) {
                n -= ending.length();
                break;
            }
        }
        while (n > MIN_STEM && VOWELS.indexOf(w[n - 1]) >= 0) {
            n--;
        }
        return n;
    }

    private static boolean endsWith(char[] w, int n, String suffix) {
        int k = suffix.length();
        if (k > n) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w[n - k + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
