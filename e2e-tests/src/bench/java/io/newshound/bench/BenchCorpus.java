package io.newshound.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Articles as newsrooms send them, for benchmarks of the whole pipeline: the project's labelled evaluation sets (wire
 * reports, analysis, live blogs, newsletters, one-line RSS items in five languages, at the lengths and topic rates of
 * real coverage), each posted under a fresh URL with its own sign-off line, so that every copy is a new article (as
 * when many outlets run the same wire story).
 */
final class BenchCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SOURCES = {"Example Wire", "Kyiv Desk", "Baltic Monitor", "Rhein Zeitung",
            "Le Quotidien", "Moscow Ledger", "Gulf Courier", "Levant Post", "Pacific Herald", "Danube News"};

    /** One article text with its language. */
    record Text(String language, String title, String body) {
        int length() {
            return title.length() + 1 + body.length();
        }
    }

    private final List<Text> texts;

    private BenchCorpus(List<Text> texts) {
        this.texts = texts;
    }

    /** Reads every {@code *.jsonl} evaluation file of classifier-service under {@code root}. */
    static BenchCorpus load(Path root) {
        Path eval = root.resolve("classifier-service/src/test/resources/eval");
        List<Text> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(eval)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        JsonNode n = JSON.readTree(line);
                        texts.add(new Text(n.path("language").asText("en"), n.path("title").asText(),
                                n.path("body").asText()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the evaluation sets under " + eval, e);
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("no articles under " + eval);
        }
        return new BenchCorpus(texts);
    }

    int size() {
        return texts.size();
    }

    /** @return the median length of the texts in characters */
    int medianLength() {
        return texts.stream().mapToInt(Text::length).sorted().skip(texts.size() / 2).findFirst().orElse(0);
    }

    /** @return how many texts there are per language, e.g. {@code en=160 de=75} */
    String languageMix() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        texts.forEach(t -> counts.merge(t.language(), 1L, Long::sum));
        return counts.toString();
    }

    /**
     * @return a JSON article for {@code POST /api/v1/articles}: a random text of the corpus under the URL
     *         {@code https://bench.example.org/<run>/<id>}, published now
     */
    ObjectNode article(Random random, String run, String id) {
        Text t = texts.get(random.nextInt(texts.size()));
        ObjectNode a = JSON.createObjectNode();
        a.put("url", "https://bench.example.org/" + run + "/" + id);
        a.put("title", t.title());
        String source = SOURCES[random.nextInt(SOURCES.length)];
        // a syndicated copy with its own sign-off line: ingest would drop an identical body as a duplicate
        a.put("body", t.body() + "\n\n(" + source + ", ref. " + id.substring(0, 8) + ")");
        a.put("source", source);
        a.put("language", t.language());
        a.put("publishedAt", java.time.Instant.now().toString());
        return a;
    }
}
