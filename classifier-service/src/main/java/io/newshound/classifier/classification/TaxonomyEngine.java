package io.newshound.classifier.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.newshound.classifier.classification.RuleCompiler.CompiledRule;
import io.newshound.classifier.classification.RuleCompiler.LanguageRules;
import io.newshound.classifier.classification.RuleSource.Interval;
import io.newshound.classifier.event.ArticleClassified.Decision;
import io.newshound.classifier.event.ArticleClassified.Evidence;
import io.newshound.classifier.event.ArticleClassified.Topic;
import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomyException;

/**
 * A taxonomy compiled for matching ({@link RuleCompiler}), and the decision which of the topics it finds an article is
 * about. Matching analyses each field once with the language's Lucene analyser into a table of terms and their tokens
 * ({@link AnalysedText}), skips every rule whose words are not all in that table (the presearch), evaluates the rest on
 * the token positions, and keeps the hits. Immutable and thread-safe; a reload compiles a new engine and swaps it in.
 *
 * <p>
 * Evidence: each hit weighs {@code rule weight x place x negation}, where place is 1.0 in the title, 0.85 in the lead
 * and falls linearly to 0.45 at the end of the body, and negation is the taxonomy's {@code negatedWeight} when a
 * negation cue governs the hit in the body ({@link NegationCues}). A topic's rule score is the noisy-or
 * {@code 1 - prod(1 - w)} of its distinct hits.
 *
 * <p>
 * Decision: with a {@link DecisionModel}, a topic with evidence is raised when the model's calibrated score over its
 * {@link CentralityFeatures} reaches the topic's threshold in that language; the score reported is that probability.
 * Without a model, the rule score is reported and compared with the taxonomy's threshold.
 */
public final class TaxonomyEngine {

    static final String TITLE = "title";
    static final String BODY = "body";
    /** Version reported in the explanation of decisions taken by the rule score alone. */
    static final String RULES_ONLY = "rules";
    private static final int MAX_EVIDENCE = 5;

    /** Evidence by weight, the title's before the body's, then by offset. */
    private static final Comparator<WeighedHit> STRONGEST_FIRST = Comparator
            .comparingDouble((WeighedHit e) -> -e.weight())
            .thenComparing(WeighedHit::field, Comparator.reverseOrder())
            .thenComparingInt(WeighedHit::start);
    private static final Comparator<Topic> BEST_FIRST = Comparator.comparingDouble((Topic t) -> -t.score())
            .thenComparing(Topic::slug);

    private final Taxonomy taxonomy;
    private final Map<String, LanguageRules> languages;
    private final DecisionModel model;

    private TaxonomyEngine(Taxonomy taxonomy, Map<String, LanguageRules> languages, DecisionModel model) {
        this.taxonomy = taxonomy;
        this.languages = languages;
        this.model = model;
    }

    /**
     * Compiles a validated taxonomy, to decide with the bundled decision model when there is one.
     *
     * @throws TaxonomyException
     *             when a phrase analyses to nothing or a prefix is not a single word
     */
    public static TaxonomyEngine compile(Taxonomy taxonomy) {
        return compile(taxonomy, DecisionModel.bundled().orElse(null));
    }

    /**
     * Compiles a validated taxonomy.
     *
     * @param model
     *            the decision model; {@code null} to decide by the rule score and the taxonomy's thresholds
     * @throws TaxonomyException
     *             when a phrase analyses to nothing or a prefix is not a single word
     */
    public static TaxonomyEngine compile(Taxonomy taxonomy, DecisionModel model) {
        return new TaxonomyEngine(taxonomy, RuleCompiler.compile(taxonomy), model);
    }

    /** @return the taxonomy this engine was compiled from */
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** @return the decision model, or null when the rule score decides */
    public DecisionModel model() {
        return model;
    }

    /** @return the number of compiled rules over all languages */
    public int ruleCount() {
        return languages.values().stream().mapToInt(l -> l.rules().size()).sum();
    }

    /** @return the set of languages that have rules */
    public Set<String> languages() {
        return languages.keySet();
    }

    /**
     * Finds the topics of an article.
     *
     * @param language
     *            a supported language code; a language without rules yields no topics
     * @return topics over their threshold, best first, each with its evidence and decision
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
        List<Topic> topics = new ArrayList<>();
        for (Candidate c : candidates(title, body, language)) {
            if (belowThreshold || c.raised()) {
                topics.add(c.topic());
            }
        }
        topics.sort(BEST_FIRST);
        return topics;
    }

    /**
     * Every topic with some evidence in an article, with its centrality features and the decision on it: what the
     * decision model is trained and evaluated on.
     */
    public List<TopicCandidate> candidates(String title, String body, String language, boolean explain) {
        List<TopicCandidate> out = new ArrayList<>();
        for (Candidate c : candidates(title, body, language)) {
            out.add(new TopicCandidate(c.slug(), c.ruleScore, c.features, c.score, c.threshold,
                    explain ? c.topic() : null));
        }
        return out;
    }

    /** A topic with evidence; its evidence and explanation are only built when asked for. */
    private final class Candidate {
        final Taxonomy.Topic topic;
        final List<WeighedHit> hits;
        final double ruleScore;
        final double[] features;
        final double score;
        final double threshold;
        final String language;

        Candidate(Taxonomy.Topic topic, List<WeighedHit> hits, double ruleScore, double[] features, String language) {
            this.topic = topic;
            this.hits = hits;
            this.ruleScore = ruleScore;
            this.features = features;
            this.language = language;
            if (model == null) {
                this.score = ruleScore;
                this.threshold = topic.thresholdOrDefault();
            } else {
                this.score = Math.round(model.score(topic.slug(), features) * 100.0) / 100.0;
                this.threshold = model.threshold(topic.slug(), language);
            }
        }

        String slug() {
            return topic.slug();
        }

        boolean raised() {
            return score >= threshold;
        }

        Topic topic() {
            List<Evidence> shown = new ArrayList<>(MAX_EVIDENCE);
            for (int i = 0; i < Math.min(MAX_EVIDENCE, hits.size()); i++) {
                shown.add(hits.get(i).evidence());
            }
            Decision decision = model == null
                    ? new Decision(RULES_ONLY, threshold, ruleScore, List.of())
                    : model.explain(topic.slug(), features, ruleScore, threshold);
            return new Topic(topic.slug(), topic.label(), score, List.copyOf(shown), decision);
        }
    }

    private List<Candidate> candidates(String title, String body, String language) {
        LanguageRules rules = languages.get(language);
        String safeTitle = title == null ? "" : title;
        String safeBody = body == null ? "" : body;
        if (rules == null || (safeTitle.isBlank() && safeBody.isBlank())) {
            return List.of();
        }
        Map<String, List<WeighedHit>> byTopic = match(safeTitle, safeBody, rules);
        if (byTopic.isEmpty()) {
            return List.of();
        }
        List<Taxonomy.Topic> topics = new ArrayList<>();
        List<List<WeighedHit>> distinctHits = new ArrayList<>();
        List<Double> ruleScores = new ArrayList<>();
        for (List<WeighedHit> evidence : byTopic.values()) {
            evidence.sort(STRONGEST_FIRST);
            // two rules matching the same words are one piece of evidence, counted at the stronger rule's weight
            List<WeighedHit> distinct = new ArrayList<>();
            double miss = 1.0;
            for (WeighedHit e : evidence) {
                if (!overlapsAny(distinct, e)) {
                    distinct.add(e);
                    miss *= 1.0 - e.weight();
                }
            }
            topics.add(evidence.get(0).topic());
            distinctHits.add(distinct);
            ruleScores.add(Math.round((1.0 - miss) * 100.0) / 100.0);
        }
        BodyLayout layout = BodyLayout.of(safeBody);
        List<int[]> sentences = new ArrayList<>();
        int[] any = new int[0];
        for (List<WeighedHit> hits : distinctHits) {
            int[] s = CentralityFeatures.hitSentences(hits, layout);
            sentences.add(s);
            any = union(any, s);
        }
        CentralityFeatures.Article article = CentralityFeatures.Article.of(safeTitle, safeBody, layout,
                rules.context(), topics.size(), any.length);
        List<Candidate> out = new ArrayList<>(topics.size());
        for (int i = 0; i < topics.size(); i++) {
            double[] x = CentralityFeatures.of(distinctHits.get(i), sentences.get(i), ruleScores.get(i), article);
            out.add(new Candidate(topics.get(i), distinctHits.get(i), ruleScores.get(i), x, language));
        }
        return out;
    }

    private static int[] union(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    /** @return the hits of each topic with evidence, by slug */
    private Map<String, List<WeighedHit>> match(String title, String body, LanguageRules rules) {
        AnalysedText titleText = AnalysedText.analyse(rules.analyzer(), title, rules.vocabulary());
        AnalysedText bodyText = AnalysedText.analyse(rules.analyzer(), body, rules.vocabulary());
        Map<String, List<WeighedHit>> byTopic = new HashMap<>();
        int[] window = NegationCues.window();
        for (CompiledRule rule : rules.rules()) {
            boolean inBody = rule.source().possible(bodyText);
            boolean inTitle = rule.source().possible(titleText);
            if ((!inBody && !inTitle) || (rule.context() != null && !occurs(rule.context(), titleText, bodyText))) {
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
        return byTopic;
    }

    private static boolean overlapsAny(List<WeighedHit> kept, WeighedHit e) {
        for (int i = 0, n = kept.size(); i < n; i++) {
            if (kept.get(i).overlaps(e)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the evidence of one rule in one field: its hits joined into spans, each weighed by place and negation. */
    private void evidence(CompiledRule rule, String field, AnalysedText analysed, LanguageRules rules,
            Map<String, List<WeighedHit>> byTopic, int[] window) {
        List<Interval> intervals = rule.source().intervals(analysed);
        if (intervals.isEmpty()) {
            return;
        }
        String text = analysed.text;
        for (HitSpan span : HitSpan.spans(analysed, hits(intervals), rule.gap())) {
            if (rule.gap() > 1 && hasSentenceBreak(text, span.start, span.end)) {
                continue; // proximity does not reach across sentences
            }
            // a headline is about its subject whatever the polarity ("No Easter truce, Kremlin says")
            boolean negated = BODY.equals(field) && rules.negation().negated(text, span.start, span.end, window);
            double w = rule.weight() * place(field, span.start, text.length())
                    * (negated ? taxonomy.negatedWeightOrDefault() : 1.0);
            byTopic.computeIfAbsent(rule.topic().slug(), k -> new ArrayList<>())
                    .add(new WeighedHit(rule.topic(), w, negated, rule.ruleId(), field, text, span));
        }
    }

    private static boolean occurs(RuleSource source, AnalysedText title, AnalysedText body) {
        return (source.possible(title) && !source.intervals(title).isEmpty())
                || (source.possible(body) && !source.intervals(body).isEmpty());
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
        if (TITLE.equals(field) || start < CentralityFeatures.LEAD_CHARS) {
            return TITLE.equals(field) ? 1.0 : 0.85;
        }
        double rest = Math.max(1, length - CentralityFeatures.LEAD_CHARS);
        return 0.85 - 0.4 * Math.min(1.0, (start - CentralityFeatures.LEAD_CHARS) / rest);
    }
}
