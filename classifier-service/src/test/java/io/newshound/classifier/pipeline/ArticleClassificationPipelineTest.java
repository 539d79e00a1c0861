package io.newshound.classifier.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class ArticleClassificationPipelineTest {

    static final String IN = "news.articles.v1";
    static final String OUT = "news.articles.classified.v1";
    static final String DLQ = "news.articles.v1.dlq";
    static final ObjectMapper JSON = new ObjectMapper();

    KafkaProducer<String, String> producer;
    KafkaConsumer<String, String> consumer;
    final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "pipeline-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(c);
        consumer.subscribe(List.of(OUT, DLQ));
    }

    @AfterEach
    void disconnect() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }

    @Test
    void publishesTheClassifiedArticleWithItsTopicsAndEventHeaders() throws Exception {
        ObjectNode article = ingested("Ceasefire takes hold in Gaza as hostages are released",
                "A ceasefire between Israel and Hamas took hold on Sunday morning. Three hostages were released "
                        + "in exchange for Palestinian prisoners, mediators said.");
        send(article);

        ConsumerRecord<String, String> record = awaitRecord(OUT, article.get("articleId").asText(), 1).get(0);
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("type").asText()).isEqualTo("article.classified.v1");
        assertThat(event.get("sourceEventId").asText()).isEqualTo(article.get("eventId").asText());
        assertThat(event.get("taxonomyVersion").asText()).isEqualTo("2026.11.0");
        assertThat(event.get("language").asText()).isEqualTo("en");
        List<String> slugs = new ArrayList<>();
        event.get("topics").forEach(t -> slugs.add(t.get("slug").asText()));
        assertThat(slugs).contains("ceasefire", "prisoner-exchange").doesNotContain("sanctions", "energy-strikes");
        assertThat(header(record, "event-type")).isEqualTo("article.classified.v1");
        assertThat(header(record, "event-id")).isEqualTo(event.get("eventId").asText());
    }

    @Test
    void publishesAnArticleWithoutTopicsWithAnEmptyTopicList() throws Exception {
        ObjectNode article = ingested("Local bakery wins regional bread award",
                "The bakery on Main Street won the regional award for its sourdough on Saturday.");
        send(article);

        JsonNode event = JSON.readTree(awaitRecord(OUT, article.get("articleId").asText(), 1).get(0).value());
        assertThat(event.get("topics").isArray()).isTrue();
        assertThat(event.get("topics")).isEmpty();
    }

    @Test
    void deadLettersPoisonRecordsAndKeepsClassifyingTheNextOnes() throws Exception {
        String poisonKey = UUID.randomUUID().toString();
        producer.send(new ProducerRecord<>(IN, poisonKey, "{not json")).get();
        ObjectNode noTitle = ingested("x", "body");
        noTitle.remove("title");
        send(noTitle);
        ObjectNode good = ingested("EU adopts new sanctions package against Russia",
                "The European Union adopted its twentieth sanctions package on Thursday.");
        send(good);

        ConsumerRecord<String, String> dead = awaitRecord(DLQ, poisonKey, 1).get(0);
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(header(dead, "dead-letter-reason")).contains("not an article.ingested.v1 JSON document");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(IN);
        ConsumerRecord<String, String> missing = awaitRecord(DLQ, noTitle.get("articleId").asText(), 1).get(0);
        assertThat(header(missing, "dead-letter-reason")).contains("title");
        JsonNode event = JSON.readTree(awaitRecord(OUT, good.get("articleId").asText(), 1).get(0).value());
        assertThat(event.get("topics").get(0).get("slug").asText()).isEqualTo("sanctions");
    }

    @Test
    void givesARedeliveredArticleTheSameEventId() throws Exception {
        ObjectNode article = ingested("Kyiv and Moscow swap 150 prisoners of war",
                "Ukraine and Russia exchanged 150 prisoners of war each on Friday, the third swap this month.");
        send(article);
        send(article);

        List<ConsumerRecord<String, String>> records = awaitRecord(OUT, article.get("articleId").asText(), 2);
        String first = JSON.readTree(records.get(0).value()).get("eventId").asText();
        String second = JSON.readTree(records.get(1).value()).get("eventId").asText();
        assertThat(second).isEqualTo(first);
    }

    private ObjectNode ingested(String title, String body) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "article.ingested.v1");
        n.put("eventId", UUID.randomUUID().toString());
        n.put("occurredAt", "2026-08-15T18:04:05.123Z");
        n.put("articleId", UUID.randomUUID().toString());
        n.put("revision", 1);
        n.put("url", "https://wire.example.com/" + UUID.randomUUID());
        n.put("title", title);
        n.put("body", body);
        n.put("source", "Example Wire");
        n.put("language", "en");
        n.put("publishedAt", "2026-08-15T17:58:00Z");
        return n;
    }

    private void send(ObjectNode article) throws Exception {
        ProducerRecord<String, String> r = new ProducerRecord<>(IN, article.get("articleId").asText(),
                JSON.writeValueAsString(article));
        r.headers().add("event-type", "article.ingested.v1".getBytes(StandardCharsets.UTF_8));
        r.headers().add("event-id", article.get("eventId").asText().getBytes(StandardCharsets.UTF_8));
        producer.send(r).get();
    }

    private List<ConsumerRecord<String, String>> awaitRecord(String topic, String key, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return matching(topic, key).size() >= count;
        });
        return matching(topic, key);
    }

    private List<ConsumerRecord<String, String>> matching(String topic, String key) {
        return received.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
