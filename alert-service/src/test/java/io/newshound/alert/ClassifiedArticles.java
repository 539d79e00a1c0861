package io.newshound.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.alert.story.StoryArticle;
import io.newshound.alert.story.eval.LabelledArticle;
import io.newshound.devkit.quarkus.KafkaTestResource;

/** Builds {@code article.classified.v1} records from the producer's golden sample and publishes them for real. */
public final class ClassifiedArticles {

    public static final String TOPIC = "news.articles.classified.v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ClassifiedArticles() {
    }

    /** @return the golden sample, exactly as classifier-service keeps it */
    public static String goldenSample() {
        Path p = Path.of(System.getProperty("newshound.root"),
                "classifier-service/src/test/resources/contracts/article.classified.v1.json");
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param slugs
     *            topic slugs to give the sample's two topics (so tests do not see each other's alerts)
     * @return the golden sample with a fresh event id, article id and these topic slugs
     */
    /** Scores of the first, second and further topics of {@link #sample}. */
    public static final double[] SCORES = {0.93, 0.55};

    /**
     * @return the golden sample as a new event (fresh event and article ids) whose topics are {@code slugs}, scored
     *         {@link #SCORES}, each with the evidence of the sample's first topic
     */
    public static ObjectNode sample(String... slugs) {
        try {
            ObjectNode e = (ObjectNode) MAPPER.readTree(goldenSample());
            e.put("eventId", UUID.randomUUID().toString());
            e.put("articleId", UUID.randomUUID().toString());
            ArrayNode golden = (ArrayNode) e.get("topics");
            ArrayNode topics = e.putArray("topics");
            // the tests' own scores, so a retuned classifier sample changes nothing here
            for (int i = 0; i < slugs.length; i++) {
                ObjectNode topic = ((ObjectNode) golden.get(i % golden.size())).deepCopy();
                topic.put("slug", slugs[i]);
                topic.put("score", SCORES[Math.min(i, SCORES.length - 1)]);
                topics.add(topic);
            }
            return e;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the golden sample as a new event carrying a labelled article's text, outlet and language (see
     *         {@code src/test/resources/stories/}), published at {@code publishedAt}, with the topics {@code slugs}
     */
    public static ObjectNode labelled(LabelledArticle labelled, Instant publishedAt, String... slugs) {
        ObjectNode e = sample(slugs);
        StoryArticle a = labelled.article();
        ((ObjectNode) e.get("article")).put("title", a.title()).put("body", a.body()).put("source", a.source())
                .put("url", a.url() + "-" + e.get("articleId").asText()).put("publishedAt", publishedAt.toString());
        e.put("language", a.language());
        return e;
    }

    /** @return the labelled development article with that short id ({@code d001}) */
    public static LabelledArticle labelled(String name) {
        return LabelledArticle.read("stories/dev.txt").stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** @return a topic slug no other test uses */
    public static String uniqueSlug(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes records to {@link #TOPIC}, keyed as the classifier keys them, and waits for the broker's ack. */
    public static void publish(String key, String... values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(TOPIC, key, v)).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    /** Publishes an event keyed by its article id. */
    public static void publish(ObjectNode event) {
        publish(event.get("articleId").asText(), event.toString());
    }

    public static List<String> slugsOf(ObjectNode event) {
        return ((ArrayNode) event.get("topics")).findValuesAsText("slug");
    }
}
