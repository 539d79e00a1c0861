package io.newshound.alert.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a text into plain and highlighted pieces for the templates, which escape every piece: the article text never
 * reaches the page as markup.
 */
public final class Highlights {

    /** A piece of text; {@code hit} pieces are shown marked. */
    public record Piece(String text, boolean hit) {
    }

    /** A highlighted stretch, {@code [start, end)}. */
    public record Span(int start, int end) {
    }

    private Highlights() {
    }

    /** @return the text cut at the spans (overlapping or out-of-range spans are merged or clipped) */
    public static List<Piece> of(String text, List<Span> spans) {
        String t = text == null ? "" : text;
        List<Span> sorted = spans.stream().filter(s -> s.start() < s.end() && s.start() >= 0 && s.start() < t.length())
                .sorted(Comparator.comparingInt(Span::start)).toList();
        List<Piece> pieces = new ArrayList<>();
        int at = 0;
        for (Span s : sorted) {
            int start = Math.max(s.start(), at);
            int end = Math.min(s.end(), t.length());
            if (start >= end) {
                continue;
            }
            if (start > at) {
                pieces.add(new Piece(t.substring(at, start), false));
            }
            pieces.add(new Piece(t.substring(start, end), true));
            at = end;
        }
        if (at < t.length()) {
            pieces.add(new Piece(t.substring(at), false));
        }
        return pieces;
    }

    /**
     * @return the text with every case-insensitive occurrence of the words marked; for evidence snippets, whose offsets
     *         are relative to an article body the service does not keep
     */
    public static List<Piece> words(String text, List<String> words) {
        String t = text == null ? "" : text;
        String lower = t.toLowerCase(Locale.ROOT);
        List<Span> spans = new ArrayList<>();
        for (String w : words == null ? List.<String>of() : words) {
            if (w == null || w.isBlank()) {
                continue;
            }
            String needle = w.toLowerCase(Locale.ROOT).replace("*", "");
            for (int i = lower.indexOf(needle); i >= 0 && !needle.isEmpty(); i = lower.indexOf(needle, i + 1)) {
                spans.add(new Span(i, i + needle.length()));
            }
        }
        return of(t, spans);
    }
}
