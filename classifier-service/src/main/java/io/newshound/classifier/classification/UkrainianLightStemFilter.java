package io.newshound.classifier.classification;

import java.io.IOException;

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
            String stem = stem(term.toString());
            term.setEmpty().append(stem);
        }
        return true;
    }

    /** @return the stem of a lower-cased word */
    static String stem(String word) {
        StringBuilder w = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c != '\'' && c != '’' && c != 'ʼ' && c != '`') {
                w.append(c);
            }
        }
        if (w.length() <= MIN_STEM) {
            return w.toString();
        }
        if (endsWith(w, "ся") || endsWith(w, "сь")) {
            if (w.length() - 2 >= MIN_STEM) {
                w.setLength(w.length() - 2);
            }
        }
        for (String ending : ENDINGS) {
            if (endsWith(w, ending) && w.length() - ending.length() >= MIN_STEM) {
                w.setLength(w.length() - ending.length());
                break;
            }
        }
        while (w.length() > MIN_STEM && VOWELS.indexOf(w.charAt(w.length() - 1)) >= 0) {
            w.setLength(w.length() - 1);
        }
        return w.toString();
    }

    private static boolean endsWith(StringBuilder w, String suffix) {
        int n = w.length();
        int k = suffix.length();
        if (k > n) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (w.charAt(n - k + i) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
