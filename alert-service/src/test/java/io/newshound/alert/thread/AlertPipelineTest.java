package io.newshound.alert.thread;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WebhookReceiver;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** From a classified article on the real broker to a signed webhook on a real HTTP receiver. */
@QuarkusTest
class AlertPipelineTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Test
    void deliversOneSignedAlertWithTheMatchingTopics() throws Exception {
        String wanted = ClassifiedArticles.uniqueSlug("security-guarantees");
        String other = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), "any", null, wanted);
        ObjectNode event = ClassifiedArticles.sample(wanted, other);

        ClassifiedArticles.publish(event);

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        WebhookReceiver.Request request = receiver.requests().get(0);
        assertThatCode(() -> new Webhook(sub.secret()).verify(request.body(), request.headers()))
                .doesNotThrowAnyException();
        assertThat(request.header("content-type")).isEqualTo("application/json");

        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("alert.raised");
        assertThat(body.path("timestamp").asText()).isNotBlank();
        JsonNode data = body.path("data");
        assertThat(data.path("subscriptionId").asText()).isEqualTo(sub.id());
        assertThat(data.path("revision").asInt()).isEqualTo(1);
        assertThat(data.path("articles")).hasSize(1);
        JsonNode article = data.path("articles").get(0);
        assertThat(article.path("id").asText()).isEqualTo(event.get("articleId").asText());
        assertThat(article.path("url").asText()).isEqualTo(event.at("/article/url").asText());
        assertThat(article.path("title").asText()).isEqualTo(event.at("/article/title").asText());
        assertThat(article.path("source").asText()).isEqualTo("Example Wire");
        assertThat(article.path("language").asText()).isEqualTo("en");
        assertThat(article.path("publishedAt").asText()).isEqualTo("2026-08-15T17:58:00Z");
        assertThat(article.has("body")).isFalse();
        assertThat(data.at("/story/id").asText()).isNotBlank();
        assertThat(data.at("/story/sources").get(0).asText()).isEqualTo("Example Wire");
        assertThat(data.at("/changes/newArticles").asInt()).isEqualTo(1);
        assertThat(data.at("/changes/newTopics").get(0).asText()).isEqualTo(wanted);
        assertThat(data.path("topics").findValuesAsText("slug")).containsExactly(wanted);
        JsonNode evidence = data.path("topics").get(0).path("evidence").get(0);
        JsonNode sampleEvidence = event.at("/topics/0/evidence/0");
        assertThat(evidence.path("ruleId").asText()).isEqualTo(sampleEvidence.path("ruleId").asText());
        assertThat(evidence.path("start").asInt()).isEqualTo(sampleEvidence.path("start").asInt());

        String deliveryId = request.header("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(deliveryId)));
        assertThat(attemptStatuses(deliveryId)).containsExactly(204);
    }

    @Test
    void honoursAllTopicsAndMinimumScore() {
        String a = ClassifiedArticles.uniqueSlug("security-guarantees");
        String b = ClassifiedArticles.uniqueSlug("land-swap");
        // the sample scores a at 0.93 and b at 0.55
        var both = Subscriptions.create(receiver.url(), "all", 0.5, a, b);
        var tooStrict = Subscriptions.create(receiver.url(), "all", 0.6, a, b);
        var missingTopic = Subscriptions.create(receiver.url(), "all", null, a, ClassifiedArticles.uniqueSlug("x"));
        var anyAboveScore = Subscriptions.create(receiver.url(), "any", 0.9, a, b);

        ClassifiedArticles.publish(ClassifiedArticles.sample(a, b));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        List<String> alerted = receiver.requests().stream()
                .map(r -> readTree(r.body()).at("/data/subscriptionId").asText()).toList();
        assertThat(alerted).containsExactlyInAnyOrder(both.id(), anyAboveScore.id());
        assertThat(alertCount(tooStrict.id()) + alertCount(missingTopic.id())).isZero();
        JsonNode anyAlert = receiver.requests().stream().map(r -> readTree(r.body()))
                .filter(n -> n.at("/data/subscriptionId").asText().equals(anyAboveScore.id())).findFirst()
                .orElseThrow();
        assertThat(anyAlert.at("/data/topics").findValuesAsText("slug")).containsExactly(a);
    }

    @Test
    void keepsWebhookBodiesSmallWhateverTheArticleCarries() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode event = ClassifiedArticles.sample(slug);
        ((ObjectNode) event.get("article")).put("title", "t".repeat(5000)).put("body", "b".repeat(200_000));
        ObjectNode evidence = (ObjectNode) event.at("/topics/0/evidence/0");
        evidence.put("snippet", "s".repeat(2000));
        var all = (ArrayNode) event.at("/topics/0/evidence");
        for (int i = 0; i < 40; i++) {
            all.add(evidence.deepCopy());
        }

        ClassifiedArticles.publish(event);

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        String body = receiver.requests().get(0).body();
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThan(20_000);
        JsonNode data = readTree(body).path("data");
        assertThat(data.at("/articles/0/title").asText()).hasSize(1000);
        assertThat(data.at("/topics/0/evidence")).hasSize(5);
        assertThat(data.at("/topics/0/evidence/0/snippet").asText()).hasSize(300);
    }

    @Test
    void sameEventTwiceAndALaterRevisionOfTheSameArticleAlertOnce() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode event = ClassifiedArticles.sample(slug);
        String articleId = event.get("articleId").asText();
        ObjectNode nextRevision = event.deepCopy();
        nextRevision.put("eventId", UUID.randomUUID().toString());
        nextRevision.put("revision", 2);

        // same key, same partition: once revision 2 is processed, both copies of revision 1 have been consumed
        ClassifiedArticles.publish(articleId, event.toString(), event.toString(), nextRevision.toString());

        await().atMost(PATIENCE).until(() -> processed(nextRevision.get("eventId").asText())
                && receiver.requests().size() == 1);
        // the article is already on the subscription's alert: its revision is no news about the story
        assertThat(alertCount(sub.id())).isEqualTo(1);
        assertThat(readTree(receiver.requests().get(0).body()).at("/data/revision").asInt()).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests().size() == 1);
    }

    @Test
    void redeliversWithTheSameWebhookIdAfterTheReceiverRecovers() {
        receiver.answer(500);
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        WebhookReceiver.Request failed = receiver.requests().get(0);
        WebhookReceiver.Request retried = receiver.requests().get(1);
        assertThat(retried.header("webhook-id")).isEqualTo(failed.header("webhook-id"));
        assertThat(retried.body()).isEqualTo(failed.body());
        assertThatCode(() -> new Webhook(sub.secret()).verify(retried.body(), retried.headers()))
                .doesNotThrowAnyException();
        String deliveryId = retried.header("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(deliveryId)));
        assertThat(attemptStatuses(deliveryId)).containsExactly(500, 204);
    }

    @Test
    void givesUpAfterTheLastScheduledAttempt() {
        receiver.answer(503, 503, 503, 503);
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        Subscriptions.create(receiver.url(), null, null, slug);

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        // the test schedule has three entries
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 3);
        String deliveryId = receiver.requests().get(0).header("webhook-id");
        await().atMost(PATIENCE).until(() -> "dead".equals(deliveryStatus(deliveryId)));
        assertThat(attemptStatuses(deliveryId)).containsExactly(503, 503, 503);
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndConsumptionContinues() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode good = ClassifiedArticles.sample(slug);
        String poison = "{\"type\":\"article.classified.v1\",\"eventId\":\"not-a-uuid " + UUID.randomUUID() + "\"";

        ClassifiedArticles.publish(good.get("articleId").asText(), poison, good.toString());

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        assertThat(readTree(receiver.requests().get(0).body()).at("/data/articles/0/id").asText())
                .isEqualTo(good.get("articleId").asText());
        try (KafkaConsumer<String, String> dlq = deadLetterConsumer()) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (poison.equals(r.value())) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    private static KafkaConsumer<String, String> deadLetterConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        c.subscribe(List.of(ClassifiedArticles.TOPIC + ".dlq"));
        return c;
    }

    private String deliveryStatus(String deliveryId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (String) em.createNativeQuery("select status from delivery where id = ?1")
                        .setParameter(1, UUID.fromString(deliveryId)).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    private List<Integer> attemptStatuses(String deliveryId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery(
                        "select http_status from delivery_attempt where delivery_id = ?1 order by attempt_no")
                .setParameter(1, UUID.fromString(deliveryId)).getResultList());
    }

    private boolean processed(String eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from inbox where event_id = ?1")
                        .setParameter(1, UUID.fromString(eventId)).getSingleResult()).longValue() == 1);
    }

    private long alertCount(String subscriptionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from alert where subscription_id = ?1")
                        .setParameter(1, UUID.fromString(subscriptionId)).getSingleResult()).longValue());
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
