package io.newshound.classifier.classification;

import java.util.Arrays;

/**
 * Where the sentences and paragraphs of a body start, found in one pass over its characters: a sentence ends at one of
 * {@code .!?;} followed by white space or at a line break, a paragraph at a line break. Only built for articles with
 * some evidence.
 */
final class BodyLayout {

    private final int[] sentenceStarts;
    private final int[] paragraphStarts;
    /** Paragraph of each sentence. */
    private final int[] paragraphOf;
    private final int length;

    private BodyLayout(int[] sentenceStarts, int[] paragraphStarts, int[] paragraphOf, int length) {
        this.sentenceStarts = sentenceStarts;
        this.paragraphStarts = paragraphStarts;
        this.paragraphOf = paragraphOf;
        this.length = length;
    }

    static BodyLayout of(String text) {
        int[] sentences = new int[16];
        int[] paragraphs = new int[8];
        int[] paragraphOf = new int[16];
        int s = 0;
        int p = 0;
        boolean open = false; // a sentence has begun and not ended
        boolean newParagraph = true;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                open = false;
                newParagraph = true;
                continue;
            }
            if (!open) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                if (newParagraph) {
                    paragraphs = grow(paragraphs, p);
                    paragraphs[p++] = i;
                    newParagraph = false;
                }
                sentences = grow(sentences, s);
                paragraphOf = grow(paragraphOf, s);
                paragraphOf[s] = p - 1;
                sentences[s++] = i;
                open = true;
            }
            if ((c == '.' || c == '!' || c == '?' || c == ';') && i + 1 < n
                    && Character.isWhitespace(text.charAt(i + 1))) {
                open = false;
            }
        }
        return new BodyLayout(Arrays.copyOf(sentences, s), Arrays.copyOf(paragraphs, p), Arrays.copyOf(paragraphOf, s),
                text.length());
    }

    private static int[] grow(int[] a, int size) {
        return size < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    int sentences() {
        return sentenceStarts.length;
    }

    int paragraphs() {
        return paragraphStarts.length;
    }

    int length() {
        return length;
    }

    /** @return the sentence an offset falls in (0 when the body is empty) */
    int sentenceAt(int offset) {
        int i = Arrays.binarySearch(sentenceStarts, offset);
        return Math.max(0, i >= 0 ? i : -i - 2);
    }

    int sentenceStart(int sentence) {
        return sentenceStarts[sentence];
    }

    int sentenceEnd(int sentence) {
        return sentence + 1 < sentenceStarts.length ? sentenceStarts[sentence + 1] : length;
    }

    int paragraphOf(int sentence) {
        return sentenceStarts.length == 0 ? 0 : paragraphOf[sentence];
    }

    /** @return whether the sentence is the first of its paragraph */
    boolean opensParagraph(int sentence) {
        return sentence == 0 || paragraphOf[sentence] != paragraphOf[sentence - 1];
    }

    /** @return how many sentences a paragraph has */
    int sentencesIn(int paragraph) {
        int n = 0;
        for (int p : paragraphOf) {
            if (p == paragraph) {
                n++;
            }
        }
        return n;
    }

    int paragraphStart(int paragraph) {
        return paragraphStarts[paragraph];
    }
}
