package io.newshound.alert.thread;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How often a subscription hears about later articles of a story it was alerted about. On the wire:
 * {@code "every-article"} (the default), {@code "new-topics-only"} or {@code {"atMostEveryMinutes": N}}.
 *
 * @param minutes
 *            for {@link Kind#AT_MOST_EVERY}: the least time between two updates of one alert; null otherwise
 */
public record UpdatePolicy(Kind kind, Integer minutes) {

    /** The longest interval accepted: a week. */
    public static final int MAX_MINUTES = 7 * 24 * 60;

    public static final UpdatePolicy EVERY_ARTICLE = new UpdatePolicy(Kind.EVERY_ARTICLE, null);

    public enum Kind {
        /** Every later article is an update. */
        EVERY_ARTICLE("every-article"),
        /** Only an article that brings a topic the alert has not mentioned yet sends an update. */
        NEW_TOPICS_ONLY("new-topics-only"),
        /** Updates at most every N minutes; what arrives in between goes out together in the next one. */
        AT_MOST_EVERY("at-most-every");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** @return the database spelling */
        public String wire() {
            return wire;
        }

        /** @return the kind with that database spelling */
        public static Kind of(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown update policy " + wire);
        }
    }

    /** @return the policy stored as these two subscription columns */
    public static UpdatePolicy of(String kind, Integer minutes) {
        return kind == null ? EVERY_ARTICLE : new UpdatePolicy(Kind.of(kind), minutes);
    }

    /**
     * @param json
     *            the request's {@code updates} field; null or JSON null mean the default
     * @return the policy, or empty when the field is not one of the three accepted forms
     */
    public static Optional<UpdatePolicy> parse(JsonNode json) {
        if (json == null || json.isNull()) {
            return Optional.of(EVERY_ARTICLE);
        }
        if (json.isTextual()) {
            return switch (json.asText()) {
                case "every-article" -> Optional.of(EVERY_ARTICLE);
                case "new-topics-only" -> Optional.of(new UpdatePolicy(Kind.NEW_TOPICS_ONLY, null));
                default -> Optional.empty();
            };
        }
        JsonNode minutes = json.get("atMostEveryMinutes");
        if (json.isObject() && json.size() == 1 && minutes != null && minutes.canConvertToInt()
                && minutes.isIntegralNumber() && minutes.asInt() >= 1 && minutes.asInt() <= MAX_MINUTES) {
            return Optional.of(new UpdatePolicy(Kind.AT_MOST_EVERY, minutes.asInt()));
        }
        return Optional.empty();
    }

    /** The wire form. */
    @JsonValue
    Object json() {
        return kind == Kind.AT_MOST_EVERY ? Map.of("atMostEveryMinutes", minutes) : kind.wire;
    }
}
