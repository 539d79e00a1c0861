package io.newshound.classifier.classification;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

import io.newshound.classifier.event.ArticleClassified.Evidence;
import io.newshound.classifier.event.ArticleClassified.Topic;
import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomyException;
import io.newshound.classifier.taxonomy.TaxonomyException.Violation;

/**
 * A taxonomy compiled for matching: per language one Lucene {@link Monitor} holding every rule as an interval query
 * over the {@code title} and {@code body} fields. Matching an article builds one in-memory index of it (the monitor's
 * MemoryIndex), lets the monitor's presearcher pick the rules that can match, and reads the hits with their character
 * offsets. Immutable and thread-safe; a reload compiles a new engine and swaps it in.
 *
 * <p>
 * Scoring: each hit weighs {@code rule weight x place x negation}, where place is 1.0 in the title, 0.85 in the lead
 * (first {@value #LEAD_CHARS} characters of the body) and falls linearly to 0.45 at the end of the body, and negation
 * is the taxonomy's {@code negatedWeight} when a negation cue stands right before or after a hit in the body, in the
 * same sentence (a headline is about its subject whatever its polarity). A topic's score is the noisy-or
 * {@code 1 - prod(1 - w)} of its hits; it is reported when the score reaches the topic's threshold.
 */
public final class TaxonomyEngine implements Closeable {

    static final String TITLE = "title";
    static final String BODY = "body";
    static final int LEAD_CHARS = 320;
    private static final String CONTEXT_SUFFIX = "#context";
    private static final int MAX_EVIDENCE = 5;
    private static final int NEGATION_WINDOW_WORDS = 3;
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}'’]+");
    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?;]\\s");

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
        Map<String, List<MonitorQuery>> queries = new HashMap<>();
        Map<String, Map<String, CompiledRule>> rules = new HashMap<>();
        Map<String, Set<String>> prefixes = new HashMap<>();
        for (int i = 0; i < taxonomy.topics().size(); i++) {
            Taxonomy.Topic topic = taxonomy.topics().get(i);
            for (Map.Entry<String, List<Taxonomy.Rule>> e : topic.rules().entrySet()) {
                String lang = e.getKey();
                Analyzer analyzer = LanguageAnalyzers.of(lang);
                Set<String> langPrefixes = prefixes.computeIfAbsent(lang, k -> new HashSet<>());
                for (int r = 0; r < e.getValue().size(); r++) {
                    Taxonomy.Rule rule = e.getValue().get(r);
                    String at = "topics[" + i + "].rules." + lang + "[" + r + "]";
                    String ruleId = topic.slug() + "." + lang + "." + rule.id();
                    Terms terms = new Terms(analyzer, langPrefixes, violations);
                    IntervalsSource source = ruleSource(rule, terms, at);
                    IntervalsSource context = rule.context() == null
                            ? null
                            : terms.anyOf(rule.context(), at + ".context");
                    if (source == null || (rule.context() != null && context == null)) {
                        continue;
                    }
                    queries.computeIfAbsent(lang, k -> new ArrayList<>())
                            .add(new MonitorQuery(ruleId, bothFields(source)));
                    if (context != null) {
                        queries.get(lang).add(new MonitorQuery(ruleId + CONTEXT_SUFFIX, bothFields(context)));
                    }
                    int gap = rule.near() == null ? 1 : rule.near().withinOrDefault() + 1;
                    rules.computeIfAbsent(lang, k -> new HashMap<>()).put(ruleId,
                            new CompiledRule(ruleId, topic, rule.weightOrDefault(), context != null, gap));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new TaxonomyException("Taxonomy rules do not compile", violations);
        }
        Map<String, LanguageRules> languages = new HashMap<>();
        try {
            for (Map.Entry<String, List<MonitorQuery>> e : queries.entrySet()) {
                Monitor monitor = new Monitor(
                        PrefixMarkFilter.wrap(LanguageAnalyzers.of(e.getKey()), prefixes.get(e.getKey())));
                monitor.register(e.getValue());
                Taxonomy.NegationCues cues = taxonomy.negation() == null ? null : taxonomy.negation().get(e.getKey());
                languages.put(e.getKey(), new LanguageRules(monitor, rules.get(e.getKey()), cues(cues, true),
                        cues(cues, false)));
            }
        } catch (IOException e) {
            languages.values().forEach(LanguageRules::close);
            throw new UncheckedIOException(e);
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
        Document doc = new Document();
        doc.add(new TextField(TITLE, safeTitle, Field.Store.NO));
        doc.add(new TextField(BODY, safeBody, Field.Store.NO));
        MatchingQueries<HighlightsMatch> matches;
        try {
            matches = rules.monitor.match(doc, HighlightsMatch.MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<ScoredEvidence>> byTopic = new HashMap<>();
        for (HighlightsMatch match : matches.getMatches()) {
            CompiledRule rule = rules.rules.get(match.getQueryId());
            if (rule == null || (rule.needsContext && matches.matches(rule.ruleId + CONTEXT_SUFFIX) == null)) {
                continue;
            }
            for (String field : match.getFields()) {
                String text = TITLE.equals(field) ? safeTitle : safeBody;
                for (Span span : spans(match.getHits(field), rule.gap)) {
                    if (rule.gap > 1 && SENTENCE_BREAK.matcher(text.substring(span.start, span.end)).find()) {
                        continue; // proximity does not reach across sentences
                    }
                    // a headline is about its subject whatever the polarity ("No Easter truce, Kremlin says")
                    boolean negated = BODY.equals(field) && rules.negated(text, span.start, span.end);
                    double w = rule.weight * place(field, span.start, text.length())
                            * (negated ? taxonomy.negatedWeightOrDefault() : 1.0);
                    List<String> terms = new ArrayList<>(new LinkedHashSet<>(span.terms(text)));
                    byTopic.computeIfAbsent(rule.topic.slug(), k -> new ArrayList<>())
                            .add(new ScoredEvidence(rule.topic, w, new Evidence(rule.ruleId, field, terms,
                                    span.start, span.end, snippet(text, span.start, span.end))));
                }
            }
        }
        List<Topic> topics = new ArrayList<>();
        for (List<ScoredEvidence> evidence : byTopic.values()) {
            Taxonomy.Topic topic = evidence.get(0).topic;
            evidence.sort(Comparator.comparingDouble((ScoredEvidence e) -> -e.weight)
                    .thenComparing(e -> e.evidence.field(), Comparator.reverseOrder())
                    .thenComparingInt(e -> e.evidence.start()));
            // two rules matching the same words are one piece of evidence, counted at the stronger rule's weight
            List<ScoredEvidence> distinct = new ArrayList<>();
            double miss = 1.0;
            for (ScoredEvidence e : evidence) {
                if (distinct.stream().noneMatch(d -> d.overlaps(e))) {
                    distinct.add(e);
                    miss *= 1.0 - e.weight;
                }
            }
            double score = Math.round((1.0 - miss) * 100.0) / 100.0;
            if (belowThreshold || score >= topic.thresholdOrDefault()) {
                topics.add(new Topic(topic.slug(), topic.label(), score, distinct.stream().limit(MAX_EVIDENCE)
                        .map(ScoredEvidence::evidence).toList()));
            }
        }
        topics.sort(Comparator.comparingDouble((Topic t) -> -t.score()).thenComparing(Topic::slug));
        return topics;
    }

    /** Weight of a hit by where it is: title, lead, or further down the body. */
    static double place(String field, int start, int length) {
        if (TITLE.equals(field) || start < LEAD_CHARS) {
            return TITLE.equals(field) ? 1.0 : 0.85;
        }
        double rest = Math.max(1, length - LEAD_CHARS);
        return 0.85 - 0.4 * Math.min(1.0, (start - LEAD_CHARS) / rest);
    }

    @Override
    public void close() {
        languages.values().forEach(LanguageRules::close);
    }

    private static Query bothFields(IntervalsSource source) {
        return new BooleanQuery.Builder().add(new IntervalQuery(TITLE, source), Occur.SHOULD)
                .add(new IntervalQuery(BODY, source), Occur.SHOULD).build();
    }

    private static IntervalsSource ruleSource(Taxonomy.Rule rule, Terms terms, String at) {
        IntervalsSource source;
        if (rule.near() != null) {
            IntervalsSource left = terms.anyOf(rule.near().left(), at + ".near.left");
            IntervalsSource right = terms.anyOf(rule.near().right(), at + ".near.right");
            if (left == null || right == null) {
                return null;
            }
            source = Intervals.maxgaps(rule.near().withinOrDefault(), Intervals.unorderedNoOverlaps(left, right));
        } else {
            source = terms.anyOf(rule.phrases(), at + ".phrases");
        }
        if (source != null && rule.exclude() != null) {
            IntervalsSource exclude = terms.anyOf(rule.exclude(), at + ".exclude");
            if (exclude == null) {
                return null;
            }
            source = Intervals.notWithin(source, rule.excludeWithinOrDefault(), exclude);
        }
        return source;
    }

    /** Turns the taxonomy's words into interval sources of one language, collecting the prefixes it uses. */
    private record Terms(Analyzer analyzer, Set<String> prefixes, List<Violation> violations) {

        IntervalsSource anyOf(List<String> phrases, String at) {
            List<IntervalsSource> sources = new ArrayList<>();
            for (int i = 0; i < phrases.size(); i++) {
                IntervalsSource s = phrase(phrases.get(i), at + "[" + i + "]");
                if (s != null) {
                    sources.add(s);
                }
            }
            if (sources.size() != phrases.size()) {
                return null;
            }
            return sources.size() == 1 ? sources.get(0) : Intervals.or(sources);
        }

        private IntervalsSource phrase(String phrase, String at) {
            List<IntervalsSource> parts = new ArrayList<>();
            for (String word : phrase.trim().split("\\s+")) {
                boolean prefix = word.endsWith(PrefixMarkFilter.MARK);
                List<String> tokens = analyse(analyzer, prefix ? word.substring(0, word.length() - 1) : word);
                if (tokens.isEmpty() || (prefix && tokens.size() != 1)) {
                    violations.add(new Violation(at, "'" + word + "' in '" + phrase + "' "
                            + (tokens.isEmpty() ? "has no searchable word" : "is a prefix of more than one word")));
                    return null;
                }
                for (String token : tokens) {
                    if (prefix) {
                        prefixes.add(token);
                        parts.add(Intervals.term(token + PrefixMarkFilter.MARK));
                    } else {
                        parts.add(Intervals.term(token));
                    }
                }
            }
            return parts.size() == 1 ? parts.get(0) : Intervals.phrase(parts.toArray(IntervalsSource[]::new));
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

    private static List<List<String>> cues(Taxonomy.NegationCues cues, boolean before) {
        List<String> list = cues == null ? null : before ? cues.before() : cues.after();
        if (list == null) {
            return List.of();
        }
        return list.stream().map(c -> List.of(c.toLowerCase(Locale.ROOT).trim().split("\\s+"))).toList();
    }

    /** Joins hits that belong together (the words of one phrase, the two sides of a proximity rule). */
    private static List<Span> spans(Collection<HighlightsMatch.Hit> hits, int gap) {
        List<HighlightsMatch.Hit> sorted = new ArrayList<>(hits);
        sorted.sort(null);
        List<Span> spans = new ArrayList<>();
        Span current = null;
        for (HighlightsMatch.Hit hit : sorted) {
            if (current != null && hit.startPosition <= current.endPosition + gap) {
                current.add(hit);
            } else {
                current = new Span(hit);
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

    private record CompiledRule(String ruleId, Taxonomy.Topic topic, double weight, boolean needsContext, int gap) {
    }

    private record ScoredEvidence(Taxonomy.Topic topic, double weight, Evidence evidence) {
        boolean overlaps(ScoredEvidence o) {
            return evidence.field().equals(o.evidence.field()) && evidence.start() < o.evidence.end()
                    && o.evidence.start() < evidence.end();
        }
    }

    private static final class Span {
        int start;
        int end;
        int endPosition;
        final List<int[]> parts = new ArrayList<>();

        Span(HighlightsMatch.Hit hit) {
            start = hit.startOffset;
            end = hit.endOffset;
            endPosition = hit.endPosition;
            parts.add(new int[]{hit.startOffset, hit.endOffset});
        }

        void add(HighlightsMatch.Hit hit) {
            start = Math.min(start, hit.startOffset);
            end = Math.max(end, hit.endOffset);
            endPosition = Math.max(endPosition, hit.endPosition);
            parts.add(new int[]{hit.startOffset, hit.endOffset});
        }

        /** Surface words of the span, adjacent words (separated by a space or hyphen) joined into one term. */
        List<String> terms(String text) {
            parts.sort(Comparator.comparingInt((int[] p) -> p[0]));
            List<String> terms = new ArrayList<>();
            int termStart = -1;
            int termEnd = -1;
            for (int[] p : parts) {
                if (termStart >= 0 && p[0] <= termEnd) {
                    termEnd = Math.max(termEnd, p[1]);
                } else if (termStart >= 0 && p[0] - termEnd <= 2
                        && text.substring(termEnd, p[0]).chars().noneMatch(Character::isLetterOrDigit)) {
                    termEnd = p[1];
                } else {
                    if (termStart >= 0) {
                        terms.add(text.substring(termStart, termEnd).toLowerCase(Locale.ROOT));
                    }
                    termStart = p[0];
                    termEnd = p[1];
                }
            }
            if (termStart >= 0) {
                terms.add(text.substring(termStart, termEnd).toLowerCase(Locale.ROOT));
            }
            return terms;
        }
    }

    private static final class LanguageRules {
        final Monitor monitor;
        final Map<String, CompiledRule> rules;
        final List<List<String>> before;
        final List<List<String>> after;

        LanguageRules(Monitor monitor, Map<String, CompiledRule> rules, List<List<String>> before,
                List<List<String>> after) {
            this.monitor = monitor;
            this.rules = rules;
            this.before = before;
            this.after = after;
        }

        boolean negated(String text, int start, int end) {
            if (!before.isEmpty()) {
                List<String> words = words(text.substring(sentenceStart(text, start), start));
                List<String> window = words.subList(Math.max(0, words.size() - NEGATION_WINDOW_WORDS), words.size());
                if (containsCue(window, before)) {
                    return true;
                }
            }
            if (!after.isEmpty()) {
                List<String> words = words(text.substring(end, sentenceEnd(text, end)));
                if (containsCue(words.subList(0, Math.min(words.size(), NEGATION_WINDOW_WORDS)), after)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean containsCue(List<String> window, List<List<String>> cues) {
            for (List<String> cue : cues) {
                for (int i = 0; i + cue.size() <= window.size(); i++) {
                    if (window.subList(i, i + cue.size()).equals(cue)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static int sentenceStart(String text, int start) {
            int from = Math.max(0, start - 120);
            for (int i = start - 1; i >= from; i--) {
                char c = text.charAt(i);
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') {
                    return i + 1;
                }
            }
            return from;
        }

        private static int sentenceEnd(String text, int end) {
            int to = Math.min(text.length(), end + 120);
            for (int i = end; i < to; i++) {
                char c = text.charAt(i);
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ';') {
                    return i;
                }
            }
            return to;
        }

        private static List<String> words(String s) {
            List<String> words = new ArrayList<>();
            for (String w : NON_WORD.split(s.toLowerCase(Locale.ROOT))) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            return words;
        }

        void close() {
            try {
                monitor.close();
            } catch (IOException e) {
                // closing an in-memory index only stops its purge thread
            }
        }
    }

    /** @return the set of languages that have rules */
    public Set<String> languages() {
        return languages.keySet();
    }
}
