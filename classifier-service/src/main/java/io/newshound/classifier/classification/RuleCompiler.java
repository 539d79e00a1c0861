package io.newshound.classifier.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import io.newshound.classifier.taxonomy.Taxonomy;
import io.newshound.classifier.taxonomy.TaxonomyException;
import io.newshound.classifier.taxonomy.TaxonomyException.Violation;

/**
 * Compiles a taxonomy's rules, per language, into interval sources ({@link RuleSource}) over the words of one
 * vocabulary: equal phrases and word lists become one interned instance per language, so a field evaluates each once.
 */
final class RuleCompiler {

    /** Marks a taxonomy word as a prefix of the stem ({@code перемир*}). The analysers never emit it in a term. */
    static final String PREFIX_MARK = "*";

    private RuleCompiler() {
    }

    /** A rule ready to run: its source, the context that must also occur, and how far its hits may stand apart. */
    record CompiledRule(String ruleId, Taxonomy.Topic topic, double weight, RuleSource source, RuleSource context,
            int gap) {
    }

    /** What one language needs to match an article: analyser, vocabulary, rules and cues. */
    record LanguageRules(Analyzer analyzer, AnalysedText.Vocabulary vocabulary, List<CompiledRule> rules,
            NegationCues negation, ContextCues context) {
    }

    /**
     * Compiles a validated taxonomy.
     *
     * @return the rules per language
     * @throws TaxonomyException
     *             when a phrase analyses to nothing or a prefix is not a single word
     */
    static Map<String, LanguageRules> compile(Taxonomy taxonomy) {
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
                    NegationCues.of(cues), ContextCues.of(taxonomy.cues(), e.getKey())));
        }
        return Map.copyOf(languages);
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
        try (TokenStream ts = analyzer.tokenStream(TaxonomyEngine.BODY, text)) {
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
}
