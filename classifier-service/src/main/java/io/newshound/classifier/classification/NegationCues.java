package io.newshound.classifier.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.newshound.classifier.taxonomy.Taxonomy;

/**
 * The negation cues of one language and the test whether one governs a hit: a cue among the last {@value #WINDOW_WORDS}
 * words before the hit or the first {@value #WINDOW_WORDS} after it, in the same sentence ("no ceasefire yet", "after a
 * ceasefire"). The words of a window are read as bounds into the original text and compared with the cues one
 * lower-cased character at a time, so nothing is allocated unless a window holds 'İ'.
 */
final class NegationCues {

    /** How many words on each side of a hit a cue may stand in. */
    static final int WINDOW_WORDS = 3;
    /** How far a negation window reaches for a sentence boundary, in characters. */
    private static final int SENTENCE_REACH = 120;

    private final Cues before;
    private final Cues after;

    private NegationCues(Cues before, Cues after) {
        this.before = before;
        this.after = after;
    }

    /** @return the cues of one language; none when the taxonomy gives none */
    static NegationCues of(Taxonomy.NegationCues cues) {
        return new NegationCues(cues(cues, true), cues(cues, false));
    }

    /** @return scratch space for {@link #negated}, one per thread of work */
    static int[] window() {
        return new int[2 * WINDOW_WORDS];
    }

    /**
     * @param window
     *            scratch space for the word bounds of a window, {@code 2 x} {@value #WINDOW_WORDS} long
     */
    boolean negated(String text, int start, int end, int[] window) {
        if (!before.isEmpty()) {
            int words = lastWords(text, Math.max(0, start - SENTENCE_REACH), start, window);
            if (words < 0) {
                String lower = text.substring(sentenceStart(text, start), start).toLowerCase(Locale.ROOT);
                words = lastWords(lower, 0, lower.length(), window);
                if (before.foundIn(lower, window, words)) {
                    return true;
                }
            } else if (before.foundIn(text, window, words)) {
                return true;
            }
        }
        if (after.isEmpty()) {
            return false;
        }
        int words = firstWords(text, end, Math.min(text.length(), end + SENTENCE_REACH), window);
        if (words < 0) {
            String lower = text.substring(end, sentenceEnd(text, end)).toLowerCase(Locale.ROOT);
            return after.foundIn(lower, window, firstWords(lower, 0, lower.length(), window));
        }
        return after.foundIn(text, window, words);
    }

    /**
     * Finds the last {@value #WINDOW_WORDS} words of the sentence before {@code to}, looking back no further than
     * {@code from}.
     *
     * @param window
     *            receives start and end of each word, in text order
     * @return how many words were found, or -1 when one of them holds 'İ' (see {@link #DOTTED_CAPITAL_I})
     */
    private static int lastWords(String text, int from, int to, int[] window) {
        int n = 0;
        int i = to;
        while (i > from && n < WINDOW_WORDS) {
            int c = codePointBefore(text, i, from);
            if (isSentenceBreak(c)) {
                break;
            }
            if (!isWordChar(c)) {
                i -= Character.charCount(c);
                continue;
            }
            int wordEnd = i;
            while (i > from && isWordChar(c = codePointBefore(text, i, from))) {
                if (c == DOTTED_CAPITAL_I) {
                    return -1;
                }
                i -= Character.charCount(c);
            }
            window[2 * n] = i;
            window[2 * n + 1] = wordEnd;
            n++;
        }
        // found from the end backwards: turn them into text order
        for (int k = 0; k < n / 2; k++) {
            int j = n - 1 - k;
            int s0 = window[2 * k];
            int e0 = window[2 * k + 1];
            window[2 * k] = window[2 * j];
            window[2 * k + 1] = window[2 * j + 1];
            window[2 * j] = s0;
            window[2 * j + 1] = e0;
        }
        return n;
    }

    /**
     * Finds the first {@value #WINDOW_WORDS} words of the sentence from {@code from} on, looking no further than
     * {@code to}.
     *
     * @param window
     *            receives start and end of each word, in text order
     * @return how many words were found, or -1 when one of them holds 'İ' (see {@link #DOTTED_CAPITAL_I})
     */
    private static int firstWords(String text, int from, int to, int[] window) {
        int n = 0;
        int i = from;
        while (i < to && n < WINDOW_WORDS) {
            int c = codePointAt(text, i, to);
            if (isSentenceBreak(c)) {
                break;
            }
            if (!isWordChar(c)) {
                i += Character.charCount(c);
                continue;
            }
            int wordStart = i;
            while (i < to && isWordChar(c = codePointAt(text, i, to))) {
                if (c == DOTTED_CAPITAL_I) {
                    return -1;
                }
                i += Character.charCount(c);
            }
            window[2 * n] = wordStart;
            window[2 * n + 1] = i;
            n++;
        }
        return n;
    }

    private static boolean isSentenceBreak(int c) {
        return c == '.' || c == '!' || c == '?' || c == '\n' || c == ';';
    }

    private static int codePointBefore(String text, int i, int limit) {
        char c = text.charAt(i - 1);
        if (Character.isLowSurrogate(c) && i - 2 >= limit && Character.isHighSurrogate(text.charAt(i - 2))) {
            return Character.toCodePoint(text.charAt(i - 2), c);
        }
        return c;
    }

    private static int codePointAt(String text, int i, int limit) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < limit && Character.isLowSurrogate(text.charAt(i + 1))) {
            return Character.toCodePoint(c, text.charAt(i + 1));
        }
        return c;
    }

    /**
     * Lower-casing 'İ' yields two characters, the second not a letter, which splits the word it is in; a window with it
     * is cut from the sentence lower-cased as a whole. Every other character lower-cases in place, so a window can be
     * compared word by word with the original, one lower-cased character at a time.
     */
    private static final char DOTTED_CAPITAL_I = '\u0130';

    private static int sentenceStart(String text, int start) {
        int from = Math.max(0, start - SENTENCE_REACH);
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') {
                return i + 1;
            }
        }
        return from;
    }

    private static int sentenceEnd(String text, int end) {
        int to = Math.min(text.length(), end + SENTENCE_REACH);
        for (int i = end; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') {
                return i;
            }
        }
        return to;
    }

    private static boolean isWordChar(int c) {
        if (c == '\'' || c == '’' || Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static Cues cues(Taxonomy.NegationCues cues, boolean before) {
        List<String> list = cues == null ? null : before ? cues.before() : cues.after();
        return new Cues(list == null
                ? List.of()
                : list.stream().map(c -> List.of(c.toLowerCase(Locale.ROOT).trim().split("\\s+"))).toList());
    }

    /** Negation cues of one side, each a sequence of lower-case words, grouped by the length of their first word. */
    static final class Cues {
        private final String[][][] byFirstLength;
        private final boolean empty;

        Cues(List<List<String>> cues) {
            empty = cues.isEmpty();
            int longest = cues.stream().mapToInt(c -> c.get(0).length()).max().orElse(0);
            List<List<String[]>> groups = new ArrayList<>();
            for (int i = 0; i <= longest; i++) {
                groups.add(new ArrayList<>());
            }
            cues.forEach(c -> groups.get(c.get(0).length()).add(c.toArray(String[]::new)));
            byFirstLength = groups.stream().map(g -> g.toArray(String[][]::new)).toArray(String[][][]::new);
        }

        boolean isEmpty() {
            return empty;
        }

        /** @return whether the words of the window, read as lower case, contain one of the cues word for word */
        boolean foundIn(String text, int[] window, int words) {
            for (int i = 0; i < words; i++) {
                int length = window[2 * i + 1] - window[2 * i];
                if (length >= byFirstLength.length) {
                    continue;
                }
                for (String[] cue : byFirstLength[length]) {
                    int j = 0;
                    while (j < cue.length && i + j < words
                            && sameWord(text, window[2 * (i + j)], window[2 * (i + j) + 1], cue[j])) {
                        j++;
                    }
                    if (j == cue.length) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** @return whether {@code text[start, end)} lower-cased is the (lower-case) word */
        private static boolean sameWord(String text, int start, int end, String word) {
            if (end - start != word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (Character.toLowerCase(text.charAt(start + i)) != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
