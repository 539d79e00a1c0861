package io.newshound.alert.subscription;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newshound.alert.matching.InvalidKeywordQueryException;
import io.newshound.alert.matching.KeywordQueryParser;
import io.newshound.alert.matching.MatchMode;
import io.newshound.alert.thread.UpdatePolicy;
import io.newshound.platform.problem.Problem.FieldError;

/**
 * What a subscription wants: the body of {@code PUT /api/v1/subscriptions/{id}}, and the part of a creation request
 * that can change later (the webhook URL cannot).
 *
 * @param topics
 *            topic slugs; may be empty when {@code query} is given
 * @param match
 *            {@code any} (default) or {@code all} of the topics
 * @param query
 *            keyword query (see the README for the syntax); null for none
 * @param languages
 *            ISO 639-1 codes of the article languages to accept; empty = all
 * @param sources
 *            source names or domains to accept (a domain covers its subdomains); empty = all
 * @param excludeSources
 *            source names or domains never to accept
 * @param minScore
 *            a topic counts only with at least this score, in [0, 1]; absent = any score
 * @param paused
 *            a paused subscription is kept but raises no alerts
 * @param updates
 *            how often later articles of an alerted story are sent, see {@link UpdatePolicy}; absent = every article
 */
@Schema(name = "SubscriptionSettings")
public record SubscriptionSettings(String name, List<String> topics, String match, String query,
        List<String> languages, List<String> sources, List<String> excludeSources, Double minScore, Boolean paused,
        JsonNode updates) {

    /** Most topic slugs in one subscription. */
    public static final int MAX_TOPICS = 100;
    /** Longest keyword query, in characters (the parser's own limit). */
    public static final int MAX_QUERY_LENGTH = KeywordQueryParser.MAX_LENGTH;
    /** Most languages in one subscription. */
    public static final int MAX_LANGUAGES = 20;
    /** Most entries in {@code sources} and in {@code excludeSources} each. */
    public static final int MAX_SOURCES = 50;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    /** @return every field problem, the keyword query compiled to find its own */
    List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        boolean hasQuery = query != null && !query.isBlank();
        List<String> slugs = topics == null ? List.of() : topics;
        if (slugs.isEmpty() && !hasQuery) {
            errors.add(new FieldError("topics", "must list at least one topic slug unless a query is given"));
        } else if (slugs.size() > MAX_TOPICS) {
            errors.add(new FieldError("topics", "must list at most " + MAX_TOPICS + " topic slugs"));
        } else {
            for (int i = 0; i < slugs.size(); i++) {
                String t = slugs.get(i);
                if (t == null || t.length() > 100 || !SLUG.matcher(t).matches()) {
                    errors.add(new FieldError("topics[" + i + "]",
                            "must be a topic slug: lowercase letters and digits separated by single hyphens"));
                }
            }
        }
        if (match != null && MatchMode.parse(match).isEmpty()) {
            errors.add(new FieldError("match", "must be 'any' or 'all'"));
        }
        if (hasQuery) {
            if (query.length() > MAX_QUERY_LENGTH) {
                errors.add(new FieldError("query", "must be at most " + MAX_QUERY_LENGTH + " characters"));
            } else {
                try {
                    KeywordQueryParser.parse(query);
                } catch (InvalidKeywordQueryException e) {
                    errors.add(new FieldError("query", e.reason() + " (at position " + e.position() + ")"));
                }
            }
        }
        List<String> langs = languages == null ? List.of() : languages;
        if (langs.size() > MAX_LANGUAGES) {
            errors.add(new FieldError("languages", "must list at most " + MAX_LANGUAGES + " languages"));
        } else {
            for (int i = 0; i < langs.size(); i++) {
                String l = langs.get(i);
                if (l == null || !ISO_639_1.contains(l.toLowerCase(Locale.ROOT)) || l.length() != 2) {
                    errors.add(new FieldError("languages[" + i + "]", "must be an ISO 639-1 code such as 'en'"));
                }
            }
        }
        checkSources("sources", sources, errors);
        checkSources("excludeSources", excludeSources, errors);
        if (minScore != null && (minScore.isNaN() || minScore < 0 || minScore > 1)) {
            errors.add(new FieldError("minScore", "must be between 0 and 1"));
        }
        if (UpdatePolicy.parse(updates).isEmpty()) {
            errors.add(new FieldError("updates", "must be \"every-article\", \"new-topics-only\" or"
                    + " {\"atMostEveryMinutes\": N} with N from 1 to " + UpdatePolicy.MAX_MINUTES));
        }
        return errors;
    }

    /** Writes these (valid) settings onto a subscription. */
    void applyTo(Subscription s) {
        s.name = name.strip();
        s.topics = topics == null ? List.of() : topics.stream().distinct().toList();
        s.matchMode = MatchMode.parse(match == null ? "any" : match).orElseThrow().wire();
        s.query = query == null || query.isBlank() ? null : query.strip();
        s.languages = languages == null
                ? List.of()
                : languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).distinct().toList();
        s.sources = cleaned(sources);
        s.excludeSources = cleaned(excludeSources);
        s.minScore = minScore;
        s.paused = paused != null && paused;
        UpdatePolicy policy = UpdatePolicy.parse(updates).orElseThrow();
        s.updatePolicy = policy.kind().wire();
        s.updateIntervalMinutes = policy.minutes();
    }

    /** @return the settings a subscription has now */
    static SubscriptionSettings of(Subscription s) {
        return new SubscriptionSettings(s.name, s.topics, s.matchMode, s.query, s.languages, s.sources,
                s.excludeSources, s.minScore, s.paused,
                JSON.valueToTree(UpdatePolicy.of(s.updatePolicy, s.updateIntervalMinutes)));
    }

    private static void checkSources(String field, List<String> values, List<FieldError> errors) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_SOURCES) {
            errors.add(new FieldError(field, "must list at most " + MAX_SOURCES + " sources"));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank() || v.length() > 200) {
                errors.add(new FieldError(field + "[" + i + "]",
                        "must be a source name or domain of 1 to 200 characters"));
            }
        }
    }

    private static List<String> cleaned(List<String> values) {
        return values == null
                ? List.of()
                : List.copyOf(new LinkedHashSet<>(values.stream().map(String::strip).toList()));
    }
}
