package io.newshound.classifier.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One article of a labelled evaluation set under {@code src/test/resources/eval/}: the written-for-purpose splits
 * ({@code dev}, {@code heldout}) or the journalism splits ({@code journalism/dev}, {@code journalism/heldout}), whose
 * articles also name their genre.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LabelledArticle(String id, String language, String genre, Set<String> topics, String title,
        String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the articles of a split ({@code dev}, {@code heldout}, {@code journalism/dev}, ...) */
    public static List<LabelledArticle> load(String split) {
        String resource = "eval/" + split + ".jsonl";
        var in = LabelledArticle.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no evaluation split " + resource);
        }
        List<LabelledArticle> articles = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    articles.add(JSON.readValue(line, LabelledArticle.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return articles;
    }
}
