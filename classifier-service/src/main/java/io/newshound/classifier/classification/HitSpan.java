package io.newshound.classifier.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run of hits of one rule in text order, {@code hits[from, to)}, and the offsets and last position it covers: the
 * words of one phrase, or the two sides of a proximity rule. Its terms and snippet are only built for the few hits a
 * topic reports.
 */
final class HitSpan {
    final AnalysedText analysed;
    final int[] hits;
    final int from;
    int to;
    int start;
    int end;
    int endPosition;

    HitSpan(AnalysedText analysed, int[] hits, int from) {
        this.analysed = analysed;
        this.hits = hits;
        this.from = from;
        this.to = from + 1;
        start = analysed.start(hits[from]);
        end = analysed.end(hits[from]);
        endPosition = analysed.position(hits[from]);
    }

    void add(int position, int startOffset, int endOffset) {
        to++;
        start = Math.min(start, startOffset);
        end = Math.max(end, endOffset);
        endPosition = Math.max(endPosition, position);
    }

    /**
     * Surface words of the span, adjacent words (separated by a space or hyphen) joined into one term. Tokens in text
     * order have non-decreasing start offsets.
     */
    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        int termStart = -1;
        int termEnd = -1;
        for (int k = from; k < to; k++) {
            int s = analysed.start(hits[k]);
            int e = analysed.end(hits[k]);
            if (termStart >= 0 && s <= termEnd) {
                termEnd = Math.max(termEnd, e);
            } else if (termStart >= 0 && s - termEnd <= 2 && !hasLetterOrDigit(text, termEnd, s)) {
                termEnd = e;
            } else {
                if (termStart >= 0) {
                    terms.add(text.substring(termStart, termEnd).toLowerCase(Locale.ROOT));
                }
                termStart = s;
                termEnd = e;
            }
        }
        if (termStart >= 0) {
            terms.add(text.substring(termStart, termEnd).toLowerCase(Locale.ROOT));
        }
        return terms;
    }

    /** Joins hits that belong together (the words of one phrase, the two sides of a proximity rule). */
    static List<HitSpan> spans(AnalysedText text, int[] hits, int gap) {
        List<HitSpan> spans = new ArrayList<>();
        HitSpan current = null;
        for (int k = 0; k < hits.length; k++) {
            int token = hits[k];
            int position = text.position(token);
            if (current != null && position <= current.endPosition + gap) {
                current.add(position, text.start(token), text.end(token));
            } else {
                current = new HitSpan(text, hits, k);
                spans.add(current);
            }
        }
        return spans;
    }

    static String snippet(String text, int start, int end) {
        int from = Math.max(0, start - 40);
        int to = Math.min(text.length(), end + 40);
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                from = i + 1;
                break;
            }
        }
        for (int i = end; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                to = i;
                break;
            }
        }
        if (from > 0 && from < start && !Character.isWhitespace(text.charAt(from - 1))) {
            while (from < start && !Character.isWhitespace(text.charAt(from))) {
                from++;
            }
        }
        if (to < text.length() && to > end && Character.isLetterOrDigit(text.charAt(to))) {
            while (to > end && !Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
        }
        return text.substring(from, to).strip();
    }

    private static boolean hasLetterOrDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
