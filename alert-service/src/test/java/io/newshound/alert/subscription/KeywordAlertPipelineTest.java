package io.newshound.alert.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keyword, language, source and pause settings decide which articles on the real broker reach the webhook. Each test
 * publishes its articles under one key, so they are consumed in order: once the last (wanted) article has arrived,
 * every earlier one has been matched too, and none of them may have arrived.
 */
@QuarkusTest
class KeywordAlertPipelineTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    /** A word no other test's articles contain, so other tests' articles never reach these subscriptions. */
    private String marker;

    @BeforeEach
    void setUp() throws Exception {
        marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void aPhraseWithAnExclusionAlertsOnlyTheArticlesItDescribes() throws Exception {
        String subscription = subscribe(Map.of("query", "\"alaska summit\" " + marker + " -football"));
        ObjectNode scattered = article("Summit in Alaska " + marker, "The summit took place in Alaska.", "en",
                "https://wire.example.com/a");
        ObjectNode football = article("Alaska summit " + marker + " and football", "Nothing else.", "en",
                "https://wire.example.com/b");
        ObjectNode wanted = article("Security guarantees at Alaska summit", "Officials " + marker
                + " said the Alaska Summit ended.", "en", "https://wire.example.com/c");

        publishInOrder(scattered, football, wanted);

        JsonNode alert = onlyAlertFor(wanted);
        assertThat(alert.at("/data/subscriptionId").asText()).isEqualTo(subscription);
        JsonNode terms = alert.at("/data/articles/0/matchedTerms");
        assertThat(terms.findValuesAsText("field")).contains("title", "body");
        JsonNode titleHit = terms.get(0);
        assertThat(titleHit.get("field").asText()).isEqualTo("title");
        assertThat(titleHit.get("text").asText()).isEqualTo("Alaska summit");
        assertThat(titleHit.get("start").asInt()).isEqualTo("Security guarantees at ".length());
        assertThat(titleHit.get("end").asInt()).isEqualTo("Security guarantees at Alaska summit".length());
        assertThat(terms.findValuesAsText("text")).contains(marker, "Alaska Summit");
    }

    @Test
    void languageAndSourceFiltersDecide() throws Exception {
        subscribe(Map.of("query", marker, "languages", List.of("de"), "sources", List.of("reuters.com"),
                "excludeSources", List.of("Spam Wire")));
        ObjectNode english = article("Waffenruhe " + marker, "", "en", "https://www.reuters.com/world/1");
        ObjectNode elsewhere = article("Waffenruhe " + marker, "", "de", "https://wire.example.com/world/2");
        ObjectNode excluded = article("Waffenruhe " + marker, "", "de", "https://markets.reuters.com/3");
        excluded.with("article").put("source", "Spam Wire");
        ObjectNode wanted = article("Waffenruhe " + marker, "", "de", "https://markets.reuters.com/4");

        publishInOrder(english, elsewhere, excluded, wanted);

        onlyAlertFor(wanted);
    }

    @Test
    void aPausedSubscriptionIsSilentAndChangesTakeEffectWithoutRestart() throws Exception {
        String id = subscribe(Map.of("query", marker));
        given().contentType(ContentType.JSON).body(Map.of("paused", true)).patch("/api/v1/subscriptions/" + id)
                .then().statusCode(200);
        ObjectNode whilePaused = article("Ceasefire " + marker, "", "en", "https://wire.example.com/p");
        publishInOrder(whilePaused);
        await().atMost(PATIENCE).until(() -> consumed(whilePaused));

        given().contentType(ContentType.JSON).body(Map.of("paused", false, "query", marker + " truce"))
                .patch("/api/v1/subscriptions/" + id).then().statusCode(200);
        ObjectNode withoutTruce = article("Ceasefire " + marker, "", "en", "https://wire.example.com/q");
        ObjectNode withTruce = article("Truce " + marker, "", "en", "https://wire.example.com/r");
        publishInOrder(withoutTruce, withTruce);

        onlyAlertFor(withTruce);
    }

    @Test
    void topicsAndAQueryMustBothHold() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("ceasefire");
        subscribe(Map.of("topics", List.of(slug), "query", marker, "minScore", 0.9));
        ObjectNode otherTopic = article("Talks " + marker, "", "en", "https://wire.example.com/t1");
        ObjectNode lowScore = article("Talks " + marker, "", "en", "https://wire.example.com/t2");
        ((ObjectNode) lowScore.withArray("topics").get(0)).put("slug", slug).put("score", 0.5);
        ObjectNode wanted = article("Talks " + marker, "", "en", "https://wire.example.com/t3");
        ((ObjectNode) wanted.withArray("topics").get(0)).put("slug", slug);

        publishInOrder(otherTopic, lowScore, wanted);

        JsonNode alert = onlyAlertFor(wanted);
        assertThat(alert.at("/data/topics").findValuesAsText("slug")).containsExactly(slug);
    }

    private boolean consumed(ObjectNode event) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from inbox where event_id = ?1")
                .setParameter(1, UUID.fromString(event.get("eventId").asText())).getSingleResult()).intValue() == 1);
    }

    private String subscribe(Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("name", "keywords " + marker);
        body.put("webhookUrl", receiver.url());
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions").then().statusCode(201)
                .extract().path("id");
    }

    /** The golden sample with this title, body, language and URL, and one topic nobody else subscribes to. */
    private static ObjectNode article(String title, String body, String language, String url) {
        ObjectNode event = ClassifiedArticles.sample(ClassifiedArticles.uniqueSlug("unrelated"));
        ObjectNode article = event.with("article");
        article.put("title", title).put("body", body).put("url", url).put("source", "Example Wire");
        event.put("language", language);
        return event;
    }

    private void publishInOrder(ObjectNode... events) {
        String key = UUID.randomUUID().toString();
        ClassifiedArticles.publish(key, java.util.Arrays.stream(events).map(ObjectNode::toString)
                .toArray(String[]::new));
    }

    /** Waits for the alert about {@code wanted} and checks that nothing else reached the webhook. */
    private JsonNode onlyAlertFor(ObjectNode wanted) throws Exception {
        String articleId = wanted.get("articleId").asText();
        await().atMost(PATIENCE).until(() -> receiver.requests().stream().anyMatch(r -> r.body().contains(articleId)));
        assertThat(receiver.requests()).hasSize(1);
        return JSON.readTree(receiver.requests().get(0).body());
    }
}
