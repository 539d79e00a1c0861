package io.newshound.classifier.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

/** One article of the labelled evaluation set under {@code src/test/resources/eval/}. */
public record LabelledArticle(String id, String language, Set<String> topics, String title, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the articles of a split ({@code dev} or {@code heldout}) */
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
