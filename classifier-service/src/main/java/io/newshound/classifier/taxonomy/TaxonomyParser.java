package io.newshound.classifier.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.newshound.classifier.taxonomy.TaxonomyException.Violation;

/** Reads a taxonomy YAML document and checks it, reporting every problem at once. */
public final class TaxonomyParser {

    /** Languages the engine has analysers for. */
    public static final Set<String> LANGUAGES = Set.of("en", "uk", "ru", "de", "fr");

    private static final Pattern VERSION = Pattern.compile("\\d{4}\\.\\d{1,2}\\.\\d+");
    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private TaxonomyParser() {
    }

    /**
     * Parses and validates a taxonomy.
     *
     * @throws TaxonomyException
     *             naming every problem when the document is not a usable taxonomy
     */
    public static Taxonomy parse(InputStream yaml) {
        Taxonomy taxonomy;
        try {
            taxonomy = YAML.readValue(yaml, Taxonomy.class);
        } catch (UnrecognizedPropertyException e) {
            throw new TaxonomyException("Taxonomy is not valid", List.of(new Violation(path(e),
                    "unknown property '" + e.getPropertyName() + "', expected one of " + e.getKnownPropertyIds())));
        } catch (JsonProcessingException e) {
            throw new TaxonomyException("Taxonomy is not valid YAML of the expected shape",
                    List.of(new Violation(path(e), e.getOriginalMessage())));
        } catch (IOException e) {
            throw new TaxonomyException("Taxonomy could not be read", List.of(new Violation("", e.getMessage())));
        }
        List<Violation> violations = validate(taxonomy);
        if (!violations.isEmpty()) {
            throw new TaxonomyException("Taxonomy is not valid", violations);
        }
        return taxonomy;
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            if (e.getLocation() != null) {
                sb.append(" (line ").append(e.getLocation().getLineNr()).append(')');
            }
            return sb.toString();
        }
        return e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr();
    }

    static List<Violation> validate(Taxonomy t) {
        List<Violation> v = new ArrayList<>();
        if (t == null) {
            v.add(new Violation("", "document is empty"));
            return v;
        }
        if (t.version() == null || !VERSION.matcher(t.version()).matches()) {
            v.add(new Violation("version", "must look like 2026.11.0, was " + t.version()));
        }
        if (t.negatedWeight() != null && (t.negatedWeight() < 0 || t.negatedWeight() > 1)) {
            v.add(new Violation("negatedWeight", "must be in [0,1]"));
        }
        if (t.negation() != null) {
            for (String lang : t.negation().keySet()) {
                if (!LANGUAGES.contains(lang)) {
                    v.add(new Violation("negation." + lang, "unsupported language, expected one of " + LANGUAGES));
                }
            }
        }
        if (t.cues() != null) {
            for (String lang : t.cues().keySet()) {
                if (!LANGUAGES.contains(lang)) {
                    v.add(new Violation("cues." + lang, "unsupported language, expected one of " + LANGUAGES));
                }
            }
        }
        if (t.topics() == null || t.topics().isEmpty()) {
            v.add(new Violation("topics", "at least one topic is required"));
            return v;
        }
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < t.topics().size(); i++) {
            Taxonomy.Topic topic = t.topics().get(i);
            String at = "topics[" + i + "]";
            if (topic == null) {
                v.add(new Violation(at, "topic is empty"));
                continue;
            }
            if (topic.slug() == null || !SLUG.matcher(topic.slug()).matches()) {
                v.add(new Violation(at + ".slug", "must be lower-case words joined by '-', was " + topic.slug()));
            } else if (!slugs.add(topic.slug())) {
                v.add(new Violation(at + ".slug", "duplicate slug " + topic.slug()));
            }
            if (topic.label() == null || topic.label().isBlank()) {
                v.add(new Violation(at + ".label", "must not be blank"));
            }
            if (topic.threshold() != null && (topic.threshold() <= 0 || topic.threshold() > 1)) {
                v.add(new Violation(at + ".threshold", "must be in (0,1], was " + topic.threshold()));
            }
            if (topic.rules() == null || topic.rules().isEmpty()) {
                v.add(new Violation(at + ".rules", "at least one language with rules is required"));
                continue;
            }
            for (Map.Entry<String, List<Taxonomy.Rule>> e : topic.rules().entrySet()) {
                String lang = e.getKey();
                String langAt = at + ".rules." + lang;
                if (!LANGUAGES.contains(lang)) {
                    v.add(new Violation(langAt, "unsupported language, expected one of " + LANGUAGES));
                    continue;
                }
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    v.add(new Violation(langAt, "at least one rule is required"));
                    continue;
                }
                Set<String> ids = new HashSet<>();
                for (int r = 0; r < e.getValue().size(); r++) {
                    validateRule(e.getValue().get(r), langAt + "[" + r + "]", ids, v);
                }
            }
        }
        return v;
    }

    private static void validateRule(Taxonomy.Rule rule, String at, Set<String> ids, List<Violation> v) {
        if (rule == null) {
            v.add(new Violation(at, "rule is empty"));
            return;
        }
        if (rule.id() == null || !RULE_ID.matcher(rule.id()).matches()) {
            v.add(new Violation(at + ".id", "must be lower-case letters, digits and '-', was " + rule.id()));
        } else if (!ids.add(rule.id())) {
            v.add(new Violation(at + ".id", "duplicate rule id " + rule.id()));
        }
        if (rule.weight() != null && (rule.weight() <= 0 || rule.weight() > 1)) {
            v.add(new Violation(at + ".weight", "must be in (0,1], was " + rule.weight()));
        }
        boolean hasPhrases = rule.phrases() != null && !rule.phrases().isEmpty();
        if (hasPhrases == (rule.near() != null)) {
            v.add(new Violation(at, "needs exactly one of 'phrases' or 'near'"));
        }
        if (hasPhrases) {
            words(rule.phrases(), at + ".phrases", v);
        }
        if (rule.near() != null) {
            words(rule.near().left(), at + ".near.left", v);
            words(rule.near().right(), at + ".near.right", v);
            if (rule.near().within() != null && (rule.near().within() < 0 || rule.near().within() > 20)) {
                v.add(new Violation(at + ".near.within", "must be in [0,20]"));
            }
        }
        if (rule.context() != null) {
            words(rule.context(), at + ".context", v);
        }
        if (rule.exclude() != null) {
            words(rule.exclude(), at + ".exclude", v);
        }
        if (rule.excludeWithin() != null && (rule.excludeWithin() < 0 || rule.excludeWithin() > 20)) {
            v.add(new Violation(at + ".excludeWithin", "must be in [0,20]"));
        }
    }

    private static void words(List<String> list, String at, List<Violation> v) {
        if (list == null || list.isEmpty()) {
            v.add(new Violation(at, "must list at least one phrase"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String s = list.get(i);
            if (s == null || s.isBlank()) {
                v.add(new Violation(at + "[" + i + "]", "must not be blank"));
            } else {
                for (String word : s.trim().split("\\s+")) {
                    int star = word.indexOf('*');
                    if (star >= 0 && (star != word.length() - 1 || star < 3)) {
                        v.add(new Violation(at + "[" + i + "]",
                                "a '*' may only end a word of at least 3 letters, was '" + word + "'"));
                    }
                }
            }
        }
    }
}
