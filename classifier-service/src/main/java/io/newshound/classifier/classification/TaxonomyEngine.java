package io.newshound.classifier.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import io.newshound.classifier.classification.RuleSource.Interval;
import io.newshound.classifier.event.ArticleClassified.Evidence;
import io.newshound.classifier.event.ArticleClassified.Topic;
import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomyException;
import io.newshound.classifier.taxonomy.TaxonomyException.Violation;

/**
 * A taxonomy compiled for matching: per language the rules as interval sources ({@link RuleSource}) over the
 * {@code title} and {@code body} fields. Matching an article analyses each field once with the language's Lucene
 * analyser into a table of terms and their tokens ({@link AnalysedText}), skips every rule whose words are not all in
 * that table (the presearch), evaluates the rest on the token positions, and builds evidence only for the rules that
 * matched. Immutable and thread-safe; a reload compiles a new engine and swaps it in.
 *
 * <p>
 * Scoring: each hit weighs {@code rule weight x place x negation}, where place is 1.0 in the title, 0.85 in the lead
 * (first {@value #LEAD_CHARS} characters of the body) and falls linearly to 0.45 at the end of the body, and negation
 * is the taxonomy's {@code negatedWeight} when a negation cue stands right before or after a hit in the body, in the
 * same sentence (a headline is about its subject whatever its polarity). A topic's score is the noisy-or
 * {@code 1 - prod(1 - w)} of its hits; it is reported when the score reaches the topic's threshold.
 */
public final class TaxonomyEngine {

    static final String TITLE = "title";
    static final String BODY = "body";
    static final int LEAD_CHARS = 320;
    /** Marks a taxonomy word as a prefix of the stem ({@code перемир*}). The analysers never emit it in a term. */
    static final String PREFIX_MARK = "*";
    private static final int MAX_EVIDENCE = 5;
    private static final int NEGATION_WINDOW_WORDS = 3;
    /** How far a negation window reaches for a sentence boundary, in characters. */
    private static final int SENTENCE_REACH = 120;

    /** Evidence by weight, the title's before the body's, then by offset. */
    private static final Comparator<ScoredEvidence> STRONGEST_FIRST = Comparator
            .comparingDouble((ScoredEvidence e) -> -e.weight)
            .thenComparing(ScoredEvidence::field, Comparator.reverseOrder())
            .thenComparingInt(ScoredEvidence::start);
    private static final Comparator<Topic> BEST_FIRST = Comparator.comparingDouble((Topic t) -> -t.score())
            .thenComparing(Topic::slug);

    private final Taxonomy taxonomy;
    private final Map<String, LanguageRules> languages;

    private TaxonomyEngine(Taxonomy taxonomy, Map<String, LanguageRules> languages) {
        this.taxonomy = taxonomy;
        this.languages = languages;
    }

    /** @return the taxonomy this engine was compiled from */
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** @return the number of compiled rules over all languages */
    public int ruleCount() {
        return languages.values().stream().mapToInt(l -> l.rules.size()).sum();
    }

    /**
     * Compiles a validated taxonomy.
     *
     * @throws TaxonomyException
     *             when a phrase analyses to nothing or a prefix is not a single word
     */
    public static TaxonomyEngine compile(Taxonomy taxonomy) {
        List<Violation> violations = new ArrayList<>();
        Map<String, List<CompiledRule>> rules = new HashMap<>();
        Map<String, Map<String, Integer>> vocabularies = new HashMap<>();
        Map<String, Map<RuleSource, RuleSource>> interned = new HashMap<>();
        for (int i = 0; i < taxonomy.topics().size(); i++) {
            Taxonomy.Topic topic = taxonomy.topics().get(i);
            for (Map.Entry<String, List<Taxonomy.Rule>> e : topic.rules().entrySet()) {
                String lang = e.getKey();
                Analyzer analyzer = LanguageAnalyzers.of(lang);
                Map<String, Integer> vocabulary = vocabularies.computeIfAbsent(lang, k -> new LinkedHashMap<>());
                for (int r = 0; r < e.getValue().size(); r++) {
                    Taxonomy.Rule rule = e.getValue().get(r);
                    String at = "topics[" + i + "].rules." + lang + "[" + r + "]";
                    String ruleId = topic.slug() + "." + lang + "." + rule.id();
                    Terms terms = new Terms(analyzer, vocabulary,
                            interned.computeIfAbsent(lang, k -> new HashMap<>()), violations);
                    RuleSource source = ruleSource(rule, terms, at);
                    RuleSource context = rule.context() == null ? null : terms.anyOf(rule.context(), at + ".context");
                    if (source == null || (rule.context() != null && context == null)) {
                        continue;
                    }
                    int gap = rule.near() == null ? 1 : rule.near().withinOrDefault() + 1;
                    rules.computeIfAbsent(lang, k -> new ArrayList<>())
                            .add(new CompiledRule(ruleId, topic, rule.weightOrDefault(), source, context, gap));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new TaxonomyException("Taxonomy rules do not compile", violations);
        }
        Map<String, LanguageRules> languages = new HashMap<>();
        for (Map.Entry<String, List<CompiledRule>> e : rules.entrySet()) {
            Taxonomy.NegationCues cues = taxonomy.negation() == null ? null : taxonomy.negation().get(e.getKey());
            languages.put(e.getKey(), new LanguageRules(LanguageAnalyzers.of(e.getKey()),
                    new AnalysedText.Vocabulary(List.copyOf(vocabularies.get(e.getKey()).keySet())),
                    List.copyOf(e.getValue()),
                    cues(cues, true),
                    cues(cues, false)));
        }
        return new TaxonomyEngine(taxonomy, languages);
    }

    /**
     * Finds the topics of an article.
     *
     * @param language
     *            a supported language code; a language without rules yields no topics
     * @return topics over their threshold, best first
     */
    public List<Topic> classify(String title, String body, String language) {
        return classify(title, body, language, false);
    }

    /**
     * Finds the topics of an article, optionally with those under their threshold (for evaluation of near misses).
     *
     * @param belowThreshold
     *            also return topics with some evidence but a score under their threshold
     */
    public List<Topic> classify(String title, String body, String language, boolean belowThreshold) {
        LanguageRules rules = languages.get(language);
        String safeTitle = title == null ? "" : title;
        String safeBody = body == null ? "" : body;
        if (rules == null || (safeTitle.isBlank() && safeBody.isBlank())) {
            return List.of();
        }
        AnalysedText titleText = AnalysedText.analyse(rules.analyzer, safeTitle, rules.vocabulary);
        AnalysedText bodyText = AnalysedText.analyse(rules.analyzer, safeBody, rules.vocabulary);
        Map<String, List<ScoredEvidence>> byTopic = new HashMap<>();
        int[] window = new int[2 * NEGATION_WINDOW_WORDS];
        for (CompiledRule rule : rules.rules) {
            boolean inBody = rule.source.possible(bodyText);
            boolean inTitle = rule.source.possible(titleText);
            if ((!inBody && !inTitle) || (rule.context != null && !occurs(rule.context, titleText, bodyText))) {
                continue;
            }
            // body before title: the order the evidence of equal weight and offset was always listed in
            if (inBody) {
                evidence(rule, BODY, bodyText, rules, byTopic, window);
            }
            if (inTitle) {
                evidence(rule, TITLE, titleText, rules, byTopic, window);
            }
        }
        List<Topic> topics = new ArrayList<>();
        for (List<ScoredEvidence> evidence : byTopic.values()) {
            Taxonomy.Topic topic = evidence.get(0).topic;
            evidence.sort(STRONGEST_FIRST);
            // two rules matching the same words are one piece of evidence, counted at the stronger rule's weight
            List<ScoredEvidence> distinct = new ArrayList<>();
            double miss = 1.0;
            for (ScoredEvidence e : evidence) {
                if (!overlapsAny(distinct, e)) {
                    distinct.add(e);
                    miss *= 1.0 - e.weight;
                }
            }
            double score = Math.round((1.0 - miss) * 100.0) / 100.0;
            if (belowThreshold || score >= topic.thresholdOrDefault()) {
                List<Evidence> shown = new ArrayList<>(MAX_EVIDENCE);
                for (int i = 0; i < Math.min(MAX_EVIDENCE, distinct.size()); i++) {
                    shown.add(distinct.get(i).evidence());
                }
                topics.add(new Topic(topic.slug(), topic.label(), score, List.copyOf(shown)));
            }
        }
        topics.sort(BEST_FIRST);
        return topics;
    }

    private static boolean overlapsAny(List<ScoredEvidence> kept, ScoredEvidence e) {
        for (int i = 0, n = kept.size(); i < n; i++) {
            if (kept.get(i).overlaps(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean occurs(RuleSource source, AnalysedText title, AnalysedText body) {
        return (source.possible(title) && !source.intervals(title).isEmpty())
                || (source.possible(body) && !source.intervals(body).isEmpty());
    }

    /** Adds the evidence of one rule in one field: its hits joined into spans, each weighed by place and negation. */
    private void evidence(CompiledRule rule, String field, AnalysedText analysed, LanguageRules rules,
            Map<String, List<ScoredEvidence>> byTopic, int[] window) {
        List<Interval> intervals = rule.source.intervals(analysed);
        if (intervals.isEmpty()) {
            return;
        }
        String text = analysed.text;
        for (Span span : spans(analysed, hits(intervals), rule.gap)) {
            if (rule.gap > 1 && hasSentenceBreak(text, span.start, span.end)) {
                continue; // proximity does not reach across sentences
            }
            // a headline is about its subject whatever the polarity ("No Easter truce, Kremlin says")
            boolean negated = BODY.equals(field) && rules.negated(text, span.start, span.end, window);
            double w = rule.weight * place(field, span.start, text.length())
                    * (negated ? taxonomy.negatedWeightOrDefault() : 1.0);
            byTopic.computeIfAbsent(rule.topic.slug(), k -> new ArrayList<>())
                    .add(new ScoredEvidence(rule.topic, w, rule.ruleId, field, text, span));
        }
    }

    /** @return whether {@code text[start, end)} holds a sentence break: one of {@code .!?;} followed by white space */
    static boolean hasSentenceBreak(String text, int start, int end) {
        for (int i = start; i < end - 1; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == ';') && isSpace(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** White space as a regular expression's {@code \\s} reads it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** @return the distinct tokens of the words of all intervals, in text order */
    private static int[] hits(List<Interval> intervals) {
        int n = 0;
        for (Interval i : intervals) {
            n += i.hits().length;
        }
        int[] all = new int[n];
        int k = 0;
        for (Interval i : intervals) {
            System.arraycopy(i.hits(), 0, all, k, i.hits().length);
            k += i.hits().length;
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int j = 0; j < all.length; j++) {
            if (j == 0 || all[j] != all[j - 1]) {
                all[distinct++] = all[j];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    /** Weight of a hit by where it is: title, lead, or further down the body. */
    static double place(String field, int start, int length) {
        if (TITLE.equals(field) || start < LEAD_CHARS) {
            return TITLE.equals(field) ? 1.0 : 0.85;
        }
        double rest = Math.max(1, length - LEAD_CHARS);
        return 0.85 - 0.4 * Math.min(1.0, (start - LEAD_CHARS) / rest);
    }

    private static RuleSource ruleSource(Taxonomy.Rule rule, Terms terms, String at) {
        RuleSource source;
        if (rule.near() != null) {
            RuleSource left = terms.anyOf(rule.near().left(), at + ".near.left");
            RuleSource right = terms.anyOf(rule.near().right(), at + ".near.right");
            if (left == null || right == null) {
                return null;
            }
            // a word of either side within the window of the other, in either order, without sharing a word
            int within = rule.near().withinOrDefault();
            source = new RuleSource.AnyOf(List.of(
                    new RuleSource.MaxGaps(within, new RuleSource.Ordered(List.of(left, right))),
                    new RuleSource.MaxGaps(within, new RuleSource.Ordered(List.of(right, left)))));
        } else {
            source = terms.anyOf(rule.phrases(), at + ".phrases");
        }
        if (source != null && rule.exclude() != null) {
            RuleSource exclude = terms.anyOf(rule.exclude(), at + ".exclude");
            if (exclude == null) {
                return null;
            }
            source = new RuleSource.NotWithin(source, rule.excludeWithinOrDefault(), exclude);
        }
        return source;
    }

    /** Turns the taxonomy's words into rule sources of one language, collecting its vocabulary. */
    private record Terms(Analyzer analyzer, Map<String, Integer> vocabulary, Map<RuleSource, RuleSource> interned,
            List<Violation> violations) {

        /** @return the one instance of an equal source in this language, so that its intervals are shared */
        private RuleSource intern(RuleSource source) {
            return interned.computeIfAbsent(source, s -> s);
        }

        RuleSource anyOf(List<String> phrases, String at) {
            List<RuleSource> sources = new ArrayList<>();
            for (int i = 0; i < phrases.size(); i++) {
                RuleSource s = phrase(phrases.get(i), at + "[" + i + "]");
                if (s != null) {
                    sources.add(s);
                }
            }
            if (sources.size() != phrases.size()) {
                return null;
            }
            return sources.size() == 1 ? sources.get(0) : intern(new RuleSource.AnyOf(List.copyOf(sources)));
        }

        private RuleSource phrase(String phrase, String at) {
            List<RuleSource.Term> parts = new ArrayList<>();
            for (String word : phrase.trim().split("\\s+")) {
                boolean prefix = word.endsWith(PREFIX_MARK);
                List<String> tokens = analyse(analyzer, prefix ? word.substring(0, word.length() - 1) : word);
                if (tokens.isEmpty() || (prefix && tokens.size() != 1)) {
                    violations.add(new Violation(at, "'" + word + "' in '" + phrase + "' "
                            + (tokens.isEmpty() ? "has no searchable word" : "is a prefix of more than one word")));
                    return null;
                }
                for (String token : tokens) {
                    String term = prefix ? token + PREFIX_MARK : token;
                    // numbered in order of first use, as the vocabulary built from the keys numbers them
                    parts.add(new RuleSource.Term(term, vocabulary.computeIfAbsent(term, k -> vocabulary.size())));
                }
            }
            return parts.size() == 1 ? parts.get(0) : intern(new RuleSource.Phrase(List.copyOf(parts)));
        }
    }

    static List<String> analyse(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                tokens.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
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

    /** Joins hits that belong together (the words of one phrase, the two sides of a proximity rule). */
    private static List<Span> spans(AnalysedText text, int[] hits, int gap) {
        List<Span> spans = new ArrayList<>();
        Span current = null;
        for (int k = 0; k < hits.length; k++) {
            int token = hits[k];
            int position = text.position(token);
            if (current != null && position <= current.endPosition + gap) {
                current.add(position, text.start(token), text.end(token));
            } else {
                current = new Span(text, hits, k);
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

    private record CompiledRule(String ruleId, Taxonomy.Topic topic, double weight, RuleSource source,
            RuleSource context, int gap) {
    }

    /** A weighed hit; its terms and snippet are only read for the few hits a topic reports. */
    private record ScoredEvidence(Taxonomy.Topic topic, double weight, String ruleId, String field, String text,
            Span span) {

        int start() {
            return span.start;
        }

        boolean overlaps(ScoredEvidence o) {
            return field.equals(o.field) && span.start < o.span.end && o.span.start < span.end;
        }

        Evidence evidence() {
            List<String> terms = new ArrayList<>(new LinkedHashSet<>(span.terms(text)));
            return new Evidence(ruleId, field, terms, span.start, span.end, snippet(text, span.start, span.end));
        }
    }

    private static boolean hasLetterOrDigit(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A run of hits in text order, {@code hits[from, to)}, and the offsets and last position it covers. */
    private static final class Span {
        final AnalysedText analysed;
        final int[] hits;
        final int from;
        int to;
        int start;
        int end;
        int endPosition;

        Span(AnalysedText analysed, int[] hits, int from) {
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
         * Surface words of the span, adjacent words (separated by a space or hyphen) joined into one term. Tokens in
         * text order have non-decreasing start offsets.
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
    }

    private static final class LanguageRules {
        final Analyzer analyzer;
        final AnalysedText.Vocabulary vocabulary;
        final List<CompiledRule> rules;
        final Cues before;
        final Cues after;

        LanguageRules(Analyzer analyzer, AnalysedText.Vocabulary vocabulary, List<CompiledRule> rules,
                Cues before, Cues after) {
            this.analyzer = analyzer;
            this.vocabulary = vocabulary;
            this.rules = rules;
            this.before = before;
            this.after = after;
        }

        /**
         * @param window
         *            scratch space for the word bounds of a window, {@code 2 x} {@value #NEGATION_WINDOW_WORDS} long
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
         * Finds the last {@value #NEGATION_WINDOW_WORDS} words of the sentence before {@code to}, looking back no
         * further than {@code from}.
         *
         * @param window
         *            receives start and end of each word, in text order
         * @return how many words were found, or -1 when one of them holds 'İ' (see {@link #DOTTED_CAPITAL_I})
         */
        private static int lastWords(String text, int from, int to, int[] window) {
            int n = 0;
            int i = to;
            while (i > from && n < NEGATION_WINDOW_WORDS) {
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
         * Finds the first {@value #NEGATION_WINDOW_WORDS} words of the sentence from {@code from} on, looking no
         * further than {@code to}.
         *
         * @param window
         *            receives start and end of each word, in text order
         * @return how many words were found, or -1 when one of them holds 'İ' (see {@link #DOTTED_CAPITAL_I})
         */
        private static int firstWords(String text, int from, int to, int[] window) {
            int n = 0;
            int i = from;
            while (i < to && n < NEGATION_WINDOW_WORDS) {
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
         * Lower-casing 'İ' yields two characters, the second not a letter, which splits the word it is in; a window
         * with it is cut from the sentence lower-cased as a whole. Every other character lower-cases in place, so a
         * window can be compared word by word with the original, one lower-cased character at a time.
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
    }

    /** @return the set of languages that have rules */
    public Set<String> languages() {
        return languages.keySet();
    }
}
