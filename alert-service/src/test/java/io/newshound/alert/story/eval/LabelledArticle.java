package io.newshound.alert.story.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.newshound.alert.story.StoryArticle;

/**
 * One article of the labelled story set under {@code src/test/resources/stories/} with the story it belongs to.
 *
 * @param group
 *            the labelled story
 * @param name
 *            the short id in the file
 * @param article
 *            the article as the grouper sees it
 */
public record LabelledArticle(String group, String name, StoryArticle article) {

    /** Reads a labelled file from the test class path, in publication order (file order breaks ties). */
    public static List<LabelledArticle> read(String resource) {
        InputStream in = LabelledArticle.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no such resource: " + resource);
        }
        List<LabelledArticle> articles = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                articles.add(parse(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        articles.sort(Comparator.comparing(a -> a.article().publishedAt()));
        return articles;
    }

    private static LabelledArticle parse(String line) {
        String[] f = line.split("\\|", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("expected 8 fields: " + line);
        }
        Map<String, Double> topics = new LinkedHashMap<>();
        for (String pair : f[5].split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split(":");
                topics.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
            }
        }
        UUID id = UUID.nameUUIDFromBytes(f[1].getBytes(StandardCharsets.UTF_8));
        String url = "https://example.com/" + f[1];
        return new LabelledArticle(f[0], f[1],
                new StoryArticle(id, f[6], f[7], f[3], url, f[2], Instant.parse(f[4]), topics));
    }
}
