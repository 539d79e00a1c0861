package io.newshound.alert.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.newshound.alert.matching.InvalidKeywordQueryException;
import io.newshound.alert.matching.KeywordQueryParser;
import io.newshound.alert.matching.SubscriptionCriteria;
import io.newshound.alert.matching.TopicMode;
import io.newshound.alert.subscription.CreateSubscriptionRequest;
import io.newshound.alert.subscription.SubscriptionSettings;
import io.newshound.alert.subscription.SubscriptionView;
import io.newshound.alert.thread.UpdatePolicy;
import io.newshound.platform.problem.Problem;

/**
 * The subscription form as posted and as shown again: lists are typed as comma-separated text, topics are picked from
 * the catalogue (or typed, for slugs the catalogue does not describe).
 *
 * @param updates
 *            {@code every-article}, {@code new-topics-only} or {@code at-most-every} (with {@code updateMinutes})
 */
public record SubscriptionForm(String name, List<String> topics, String otherTopics, String match, String query,
        String languages, String sources, String excludeSources, String minScore, String updates,
        String updateMinutes, String webhookUrl, boolean paused) {

    /** @return an empty form */
    public static SubscriptionForm blank() {
        return new SubscriptionForm("", List.of(), "", "any", "", "", "", "", "", "every-article", "", "", false);
    }

    /** @return the form showing a subscription's current settings, topics the catalogue lacks as typed ones */
    public static SubscriptionForm of(SubscriptionView v, TopicCatalogue catalogue) {
        List<String> known = v.topics().stream().filter(t -> catalogue.get(t).isPresent()).toList();
        List<String> other = v.topics().stream().filter(t -> catalogue.get(t).isEmpty()).toList();
        UpdatePolicy policy = v.updates();
        return new SubscriptionForm(v.name(), known, String.join(", ", other), v.match(),
                v.query() == null ? "" : v.query(), String.join(", ", v.languages()), String.join(", ", v.sources()),
                String.join(", ", v.excludeSources()), v.minScore() == null ? "" : v.minScore().toString(),
                policy.kind().wire(), policy.minutes() == null ? "" : policy.minutes().toString(), v.webhookUrl(),
                v.paused());
    }

    /** @return every topic slug: picked and typed */
    public List<String> allTopics() {
        Set<String> all = new LinkedHashSet<>(topics == null ? List.of() : topics);
        all.addAll(words(otherTopics));
        return List.copyOf(all);
    }

    /** @return whether a catalogue topic is picked (for the template) */
    public boolean picked(String slug) {
        return topics != null && topics.contains(slug);
    }

    /** @return the settings for the service, or the fields the form itself cannot turn into settings */
    public SubscriptionSettings settings(Map<String, String> errors) {
        return new SubscriptionSettings(name, allTopics(), match, blankToNull(query), words(languages),
                split(sources), split(excludeSources), score(errors), paused, updatePolicy(errors));
    }

    /** @return the creation request for the service */
    public CreateSubscriptionRequest creation(Map<String, String> errors) {
        SubscriptionSettings s = settings(errors);
        return new CreateSubscriptionRequest(s.name(), s.topics(), s.match(), s.query(), s.languages(), s.sources(),
                s.excludeSources(), s.minScore(), s.paused(), s.updates(), webhookUrl);
    }

    /**
     * The form as the matching engine's subscription, for the preview.
     *
     * @param errors
     *            gets the problems that keep it from being one (the query's parse error with its position)
     * @return null when there are such problems
     */
    public SubscriptionCriteria forPreview(Map<String, String> errors) {
        List<String> slugs = allTopics();
        String q = blankToNull(query);
        if (q != null) {
            try {
                KeywordQueryParser.parse(q);
            } catch (InvalidKeywordQueryException e) {
                errors.put("query", e.reason() + " (at position " + e.position() + ")");
            }
        }
        if (slugs.isEmpty() && q == null) {
            errors.put("topics", "pick at least one topic or write a keyword query");
        }
        Double min = score(errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new SubscriptionCriteria(UUID.randomUUID(), Set.copyOf(slugs),
                "all".equals(match) ? TopicMode.ALL_OF : TopicMode.ANY_OF, q,
                Set.copyOf(words(languages).stream().map(String::toLowerCase).toList()), Set.copyOf(split(sources)),
                Set.copyOf(split(excludeSources)), min == null ? 0 : Math.max(0, Math.min(1, min)), false);
    }

    /** @return the service's field problems keyed by form field ({@code topics[2]} belongs to {@code topics}) */
    public static Map<String, String> byField(List<Problem.FieldError> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem.FieldError f : problems) {
            String field = f.field().replaceAll("\\[.*$", "");
            errors.merge(field, f.message(), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private Double score(Map<String, String> errors) {
        if (minScore == null || minScore.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(minScore.strip());
        } catch (NumberFormatException e) {
            errors.put("minScore", "must be a number between 0 and 1, such as 0.6");
            return null;
        }
    }

    private JsonNode updatePolicy(Map<String, String> errors) {
        if (!"at-most-every".equals(updates)) {
            return JsonNodeFactory.instance.textNode(updates == null ? "every-article" : updates);
        }
        try {
            return JsonNodeFactory.instance.objectNode().put("atMostEveryMinutes",
                    Integer.parseInt(updateMinutes == null ? "" : updateMinutes.strip()));
        } catch (NumberFormatException e) {
            errors.put("updates", "give the minutes between updates as a whole number");
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** @return the comma-separated entries (source names may have spaces) */
    static List<String> split(String csv) {
        return cut(csv, ",");
    }

    /** @return the entries separated by commas or spaces (slugs and language codes) */
    static List<String> words(String text) {
        return cut(text, "[,\\s]+");
    }

    private static List<String> cut(String csv, String separator) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(csv.split(separator)).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList());
    }
}
