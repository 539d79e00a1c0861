package io.newshound.classifier.classification;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.newshound.classifier.taxonomy.Taxonomy;

/**
 * The sentence cues of one language (see {@link Taxonomy.SentenceCues}): which kinds of cue a sentence holds. Only the
 * few sentences that carry a hit are read, each once per article.
 */
final class ContextCues {

    /** Bit of a sentence that speaks of the past ("since the 2022 truce"). */
    static final int BACKGROUND = 1;
    /** Bit of a sentence that speaks of a condition or possibility ("if talks resume"). */
    static final int HYPOTHETICAL = 2;
    /** Bit of a sentence that speaks of sport, trade, courts or business. */
    static final int OTHER_SENSE = 4;

    private static final String YEAR = "#";
    /** A year this far back or further counts as background: articles of this year and last report the present. */
    private static final int YEARS_BACK = 2;

    /** Kinds of each cue that is one plain word, looked up once per word of a sentence. */
    private final Map<String, Integer> singleWords = new HashMap<>();
    /** Per kind, the cues of several words, prefixes and years, matched word by word. */
    private final String[][][] sequences;
    private final int lastBackgroundYear;

    private ContextCues(String[][][] cues) {
        this.lastBackgroundYear = Year.now().getValue() - YEARS_BACK;
        this.sequences = new String[cues.length][][];
        for (int k = 0; k < cues.length; k++) {
            List<String[]> rest = new ArrayList<>();
            for (String[] cue : cues[k]) {
                if (cue.length == 1 && !YEAR.equals(cue[0]) && !cue[0].endsWith(RuleCompiler.PREFIX_MARK)) {
                    singleWords.merge(cue[0], 1 << k, (a, b) -> a | b);
                } else {
                    rest.add(cue);
                }
            }
            sequences[k] = rest.toArray(String[][]::new);
        }
    }

    /** @return the cues of a language; none when the taxonomy gives none */
    static ContextCues of(Map<String, Taxonomy.SentenceCues> all, String language) {
        Taxonomy.SentenceCues c = all == null ? null : all.get(language);
        return new ContextCues(new String[][][]{words(c == null ? null : c.background()),
                words(c == null ? null : c.hypothetical()), words(c == null ? null : c.otherSense())});
    }

    private static String[][] words(List<String> cues) {
        if (cues == null) {
            return new String[0][];
        }
        return cues.stream().map(c -> c.toLowerCase(Locale.ROOT).trim().split("\\s+")).toArray(String[][]::new);
    }

    /** @return the kinds of cue ({@link #BACKGROUND}, ...) that {@code text[start, end)} holds, as bits */
    int kinds(String text, int start, int end) {
        List<String> sentence = words(text, start, end);
        int kinds = 0;
        for (String w : sentence) {
            kinds |= singleWords.getOrDefault(w, 0);
        }
        for (int k = 0; k < sequences.length; k++) {
            if ((kinds & (1 << k)) == 0 && holdsAny(sentence, sequences[k])) {
                kinds |= 1 << k;
            }
        }
        return kinds;
    }

    private boolean holdsAny(List<String> words, String[][] kind) {
        for (String[] cue : kind) {
            for (int i = 0; i + cue.length <= words.size(); i++) {
                int j = 0;
                while (j < cue.length && matches(cue[j], words.get(i + j))) {
                    j++;
                }
                if (j == cue.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matches(String cue, String word) {
        if (YEAR.equals(cue)) {
            if (word.length() != 4 || !Character.isDigit(word.charAt(0))
                    || !word.chars().allMatch(Character::isDigit)) {
                return false;
            }
            int year = Integer.parseInt(word);
            return year >= 1900 && year <= lastBackgroundYear;
        }
        if (cue.endsWith(RuleCompiler.PREFIX_MARK)) {
            return word.startsWith(cue.substring(0, cue.length() - 1));
        }
        return cue.equals(word);
    }

    /** @return the lower-case words of {@code text[start, end)}: letters, digits and apostrophes */
    static List<String> words(String text, int start, int end) {
        List<String> words = new ArrayList<>();
        int i = start;
        while (i < end) {
            while (i < end && !isWordChar(text.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < end && isWordChar(text.charAt(i))) {
                i++;
            }
            if (i > from) {
                words.add(text.substring(from, i).toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '’';
    }
}
