package io.newshound.classifier.classification;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How central a topic is to an article, as numbers the decision model weighs: where its hits are (title, lead, item
 * heads), how many distinct rules and sentences carry it and how far they spread, what share of the text it takes,
 * whether its sentences are negated, hypothetical, background or about another sense of the word, and the shape of the
 * article (length, paragraphs, list-like items as in live blogs and roundups, how many other topics it touches). A
 * roundup's items are judged one by one through the paragraph features: a topic that fills one item counts, one that is
 * touched once in a list of many does not. Every value lies in [0, 1.25].
 */
final class CentralityFeatures {

    /** Feature names, in the order of the vectors and of the decision model's weights. */
    static final List<String> NAMES = List.of("title", "lead", "rules", "sentences", "share", "spread", "ruleScore",
            "negated", "background", "hypothetical", "otherSense", "length", "short", "otherTopics", "dominance",
            "paragraphs", "listLike", "itemDepth", "itemShare", "itemHead", "articleOtherSense");

    private static final int TITLE = 0;
    private static final int LEAD = 1;
    private static final int RULES = 2;
    private static final int SENTENCES = 3;
    private static final int SHARE = 4;
    private static final int SPREAD = 5;
    private static final int RULE_SCORE = 6;
    private static final int NEGATED = 7;
    private static final int BACKGROUND = 8;
    private static final int HYPOTHETICAL = 9;
    private static final int OTHER_SENSE = 10;
    private static final int LENGTH = 11;
    private static final int SHORT = 12;
    private static final int OTHER_TOPICS = 13;
    private static final int DOMINANCE = 14;
    private static final int PARAGRAPHS = 15;
    private static final int LIST_LIKE = 16;
    private static final int ITEM_DEPTH = 17;
    private static final int ITEM_SHARE = 18;
    private static final int ITEM_HEAD = 19;
    private static final int ARTICLE_OTHER_SENSE = 20;
    /** Sentences of the body that, with the title, say what the article is about. */
    private static final int OPENING_SENTENCES = 2;

    /** The lead: hits this close to the start of the body count as the article's opening. */
    static final int LEAD_CHARS = 320;
    /** Under this many characters (title and body) an article is a one-line item. */
    private static final int SHORT_CHARS = 300;

    private CentralityFeatures() {
    }

    /** What all topics of one article share: its layout and shape. */
    record Article(String title, String body, BodyLayout layout, ContextCues cues, int topicsWithEvidence,
            int hitSentences, double listLike, boolean otherSense, int[] sentenceKinds) {

        /** @return the kinds of cue a body sentence holds, read once however many topics it carries */
        int kinds(int sentence) {
            int k = sentenceKinds[sentence];
            if (k < 0) {
                k = cues.kinds(body, layout.sentenceStart(sentence), layout.sentenceEnd(sentence));
                sentenceKinds[sentence] = k;
            }
            return k;
        }

        static Article of(String title, String body, BodyLayout layout, ContextCues cues, int topicsWithEvidence,
                int hitSentences) {
            int opening = layout.sentences() == 0
                    ? 0
                    : layout.sentenceEnd(Math.min(layout.sentences(), OPENING_SENTENCES) - 1);
            boolean otherSense = ((cues.kinds(title, 0, title.length()) | cues.kinds(body, 0, opening))
                    & ContextCues.OTHER_SENSE) != 0;
            return new Article(title, body, layout, cues, topicsWithEvidence, hitSentences,
                    CentralityFeatures.listLike(body, layout), otherSense, unread(layout.sentences()));
        }
    }

    private static int[] unread(int sentences) {
        int[] kinds = new int[sentences];
        Arrays.fill(kinds, -1);
        return kinds;
    }

    /** @return the distinct body sentences that hold a hit, in text order */
    static int[] hitSentences(List<WeighedHit> hits, BodyLayout layout) {
        int[] s = new int[hits.size()];
        int n = 0;
        for (WeighedHit h : hits) {
            if (!h.inTitle()) {
                s[n++] = layout.sentenceAt(h.start());
            }
        }
        return Arrays.stream(s, 0, n).sorted().distinct().toArray();
    }

    /**
     * @param hits
     *            the topic's distinct hits
     * @param sentences
     *            its {@link #hitSentences}
     */
    static double[] of(List<WeighedHit> hits, int[] sentences, double ruleScore, Article a) {
        double[] x = new double[NAMES.size()];
        BodyLayout layout = a.layout();
        Set<String> rules = new HashSet<>();
        int negated = 0;
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (WeighedHit h : hits) {
            rules.add(h.ruleId());
            if (h.negated()) {
                negated++;
            }
            if (h.inTitle()) {
                x[TITLE] = 1;
                continue;
            }
            if (h.start() < LEAD_CHARS && !h.negated()) {
                x[LEAD] = 1;
            }
            first = Math.min(first, h.start());
            last = Math.max(last, h.start());
        }
        x[RULES] = Math.min(rules.size(), 3) / 3.0;
        int n = sentences.length;
        x[SENTENCES] = Math.min(1.0, Math.log(1 + n) / Math.log(9));
        x[SHARE] = layout.sentences() == 0 ? 0 : (double) n / layout.sentences();
        x[SPREAD] = last < 0 || layout.length() == 0 ? 0 : (double) (last - first) / layout.length();
        x[RULE_SCORE] = ruleScore;
        x[NEGATED] = hits.isEmpty() ? 0 : (double) negated / hits.size();
        int background = 0;
        int hypothetical = 0;
        int otherSense = 0;
        int deepest = 0;
        double itemShare = 0;
        int run = 0;
        for (int i = 0; i < n; i++) {
            int s = sentences[i];
            int kinds = a.kinds(s);
            background += (kinds & ContextCues.BACKGROUND) != 0 ? 1 : 0;
            hypothetical += (kinds & ContextCues.HYPOTHETICAL) != 0 ? 1 : 0;
            otherSense += (kinds & ContextCues.OTHER_SENSE) != 0 ? 1 : 0;
            if (layout.opensParagraph(s)) {
                x[ITEM_HEAD] = 1;
            }
            int paragraph = layout.paragraphOf(s);
            run = i > 0 && layout.paragraphOf(sentences[i - 1]) == paragraph ? run + 1 : 1;
            if (i + 1 == n || layout.paragraphOf(sentences[i + 1]) != paragraph) {
                deepest = Math.max(deepest, run);
                itemShare = Math.max(itemShare, (double) run / layout.sentencesIn(paragraph));
            }
        }
        if (a.title() != null && x[TITLE] == 1) {
            otherSense += (a.cues().kinds(a.title(), 0, a.title().length()) & ContextCues.OTHER_SENSE) != 0 ? 1 : 0;
        }
        int cued = Math.max(1, n);
        x[BACKGROUND] = (double) background / cued;
        x[HYPOTHETICAL] = (double) hypothetical / cued;
        x[OTHER_SENSE] = Math.min(1.0, (double) otherSense / cued);
        int chars = a.body().length() + (a.title() == null ? 0 : a.title().length());
        x[LENGTH] = Math.min(1.25, Math.log10(1 + a.body().length()) / 4);
        x[SHORT] = chars < SHORT_CHARS ? 1 : 0;
        x[OTHER_TOPICS] = Math.min(1.0, (a.topicsWithEvidence() - 1) / 6.0);
        // a topic only in the title of an article whose body is about others is one item of a roundup's headline
        x[DOMINANCE] = a.hitSentences() == 0 ? 1 : (double) n / a.hitSentences();
        x[PARAGRAPHS] = Math.min(layout.paragraphs(), 30) / 30.0;
        x[LIST_LIKE] = a.listLike();
        x[ITEM_DEPTH] = Math.min(deepest, 4) / 4.0;
        x[ITEM_SHARE] = itemShare;
        x[ARTICLE_OTHER_SENSE] = a.otherSense() ? 1 : 0;
        return x;
    }

    /**
     * @return the share of paragraphs that open like the items of a live blog, briefing or roundup: a time stamp
     *         ("10:45", "09.30 GMT") or a bullet
     */
    static double listLike(String body, BodyLayout layout) {
        if (layout.paragraphs() == 0) {
            return 0;
        }
        int items = 0;
        for (int p = 0; p < layout.paragraphs(); p++) {
            int i = layout.paragraphStart(p);
            char c = body.charAt(i);
            // not dashes: Russian and Ukrainian interviews open every answer with one
            if (c == '•' || c == '*' || c == '·' || c == '▪' || c == '■' || c == '►') {
                items++;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < body.length() && j < i + 2 && Character.isDigit(body.charAt(j))) {
                    j++;
                }
                if (j + 2 < body.length() && (body.charAt(j) == ':' || body.charAt(j) == '.')
                        && Character.isDigit(body.charAt(j + 1)) && Character.isDigit(body.charAt(j + 2))) {
                    items++;
                }
            }
        }
        return (double) items / layout.paragraphs();
    }
}
