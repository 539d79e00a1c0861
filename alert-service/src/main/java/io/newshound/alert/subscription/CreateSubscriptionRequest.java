package io.newshound.alert.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.newshound.platform.problem.Problem.FieldError;

/**
 * Body of {@code POST /api/v1/subscriptions}.
 *
 * @param match
 *            {@code any} (default) or {@code all} of the topics
 * @param minScore
 *            a topic counts only with at least this score, in [0, 1]; absent = any score
 * @param updates
 *            how often later articles of an alerted story are sent, see {@link UpdatePolicy}; absent = every article
 */
public record CreateSubscriptionRequest(String name, List<String> topics, String match, String webhookUrl,
        Double minScore, JsonNode updates) {

    static final int MAX_TOPICS = 100;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** @return every field problem that does not need the network to find */
    List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (topics == null || topics.isEmpty()) {
            errors.add(new FieldError("topics", "must list at least one topic slug"));
        } else if (topics.size() > MAX_TOPICS) {
            errors.add(new FieldError("topics", "must list at most " + MAX_TOPICS + " topic slugs"));
        } else {
            for (int i = 0; i < topics.size(); i++) {
                String t = topics.get(i);
                if (t == null || t.length() > 100 || !SLUG.matcher(t).matches()) {
                    errors.add(new FieldError("topics[" + i + "]",
                            "must be a topic slug: lowercase letters and digits separated by single hyphens"));
                }
            }
        }
        if (match != null && MatchMode.parse(match).isEmpty()) {
            errors.add(new FieldError("match", "must be 'any' or 'all'"));
        }
        if (webhookUrl == null || webhookUrl.isBlank()) {
            errors.add(new FieldError("webhookUrl", "must not be blank"));
        } else if (webhookUrl.length() > 2000) {
            errors.add(new FieldError("webhookUrl", "must be at most 2000 characters"));
        }
        if (minScore != null && (minScore.isNaN() || minScore < 0 || minScore > 1)) {
            errors.add(new FieldError("minScore", "must be between 0 and 1"));
        }
        if (UpdatePolicy.parse(updates).isEmpty()) {
            errors.add(new FieldError("updates", "must be \"every-article\", \"new-topics-only\" or"
                    + " {\"atMostEveryMinutes\": N} with N from 1 to " + UpdatePolicy.MAX_MINUTES));
        }
        return errors;
    }
}
