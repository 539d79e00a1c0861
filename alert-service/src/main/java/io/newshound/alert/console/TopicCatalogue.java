package io.newshound.alert.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The topics the classifier raises, with what each means and its CAMEO codes and GDELT themes, for the topic picker and
 * the alert thread. Read from {@code topics.json} next to this class: the labels, descriptions and codes of
 * classifier-service's {@code taxonomy.yaml} (a test keeps the two equal).
 */
@ApplicationScoped
public class TopicCatalogue {

    /** One topic as the console describes it. */
    public record Topic(String slug, String label, String description, List<String> cameo, List<String> gdeltThemes) {
    }

    private final List<Topic> topics;
    private final Map<String, Topic> bySlug;

    public TopicCatalogue(ObjectMapper mapper) {
        try (InputStream in = TopicCatalogue.class.getResourceAsStream("topics.json")) {
            topics = List.copyOf(mapper.readValue(in, new TypeReference<List<Topic>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("console topic catalogue unreadable", e);
        }
        bySlug = topics.stream().collect(Collectors.toMap(Topic::slug, Function.identity()));
    }

    /** @return every topic, in the taxonomy's order */
    public List<Topic> all() {
        return topics;
    }

    /** @return the topic with that slug, if the taxonomy has it */
    public Optional<Topic> get(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }
}
