package io.newshound.alert.thread;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;

import io.newshound.alert.AdjustableClock;
import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WebhookReceiver;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Articles about one development, from several outlets and languages, through the real broker: one alert per
 * subscription and story, later articles as updates on it, as the subscription's update policy and mutes allow.
 */
@QuarkusTest
class AlertThreadPipelineTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    AdjustableClock clock;

    @Inject
    UpdateFlusher flusher;

    private final Instant start = Instant.now().minus(Duration.ofMinutes(30));

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void twoOutletsInTwoLanguagesMakeOneAlertAndThenOneUpdateOnTheSameThread() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("ceasefire");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode english = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d001"), start, slug);
        ObjectNode german = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d003"),
                start.plus(Duration.ofMinutes(65)), slug);

        ClassifiedArticles.publish(english);
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        ClassifiedArticles.publish(german);
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);

        JsonNode raised = body(0);
        JsonNode updated = body(1);
        for (WebhookReceiver.Request r : receiver.requests()) {
            assertThatCode(() -> new Webhook(sub.secret()).verify(r.body(), r.headers())).doesNotThrowAnyException();
        }
        assertThat(raised.path("type").asText()).isEqualTo("alert.raised");
        assertThat(raised.at("/data/revision").asInt()).isEqualTo(1);
        assertThat(raised.at("/data/articles").findValuesAsText("id")).containsExactly(id(english));
        assertThat(raised.at("/data/articles/0/source").asText()).isEqualTo("Example Wire");
        assertThat(texts(raised.at("/data/changes/newTopics"))).containsExactly(slug);

        assertThat(updated.path("type").asText()).isEqualTo("alert.updated");
        assertThat(updated.at("/data/alertId").asText()).isEqualTo(raised.at("/data/alertId").asText());
        assertThat(updated.at("/data/subscriptionId").asText()).isEqualTo(sub.id());
        assertThat(updated.at("/data/revision").asInt()).isEqualTo(2);
        assertThat(updated.at("/data/articles").findValuesAsText("id")).containsExactly(id(german));
        assertThat(updated.at("/data/articles/0/language").asText()).isEqualTo("de");
        assertThat(updated.at("/data/changes/newArticles").asInt()).isEqualTo(1);
        assertThat(texts(updated.at("/data/changes/newSources"))).containsExactly("Nachrichtenblatt");
        assertThat(texts(updated.at("/data/changes/newLanguages"))).containsExactly("de");
        assertThat(texts(updated.at("/data/changes/newTopics"))).isEmpty();
        assertThat(updated.at("/data/topics").findValuesAsText("slug")).containsExactly(slug);
        JsonNode story = updated.at("/data/story");
        assertThat(story.path("id").asText()).isEqualTo(raised.at("/data/story/id").asText());
        assertThat(story.path("articleCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(texts(story.path("sources"))).contains("Example Wire", "Nachrichtenblatt");
        assertThat(texts(story.path("languages"))).contains("en", "de");

        String storyId = story.path("id").asText();
        List<String> timeline = given().get("/api/v1/stories/{id}/timeline", storyId).then().statusCode(200)
                .extract().jsonPath().getList("articles.articleId");
        assertThat(timeline).containsSubsequence(id(english), id(german));
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String slug = ClassifiedArticles.uniqueSlug("ceasefire");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode first = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d007"), start, slug);
        ObjectNode second = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d009"),
                start.plus(Duration.ofMinutes(60)), slug);

        // one key, one partition: by the time the second article is in, both copies of the first were consumed
        ClassifiedArticles.publish(id(first), first.toString(), first.toString(), second.toString(),
                second.toString());

        await().atMost(PATIENCE).until(() -> processed(second) && receiver.requests().size() == 2);
        assertThat(receiver.requests()).extracting(r -> readTree(r.body()).at("/data/revision").asInt())
                .containsExactlyInAnyOrder(1, 2);
        assertThat(count("select count(*) from alert where subscription_id = ?1", sub.id())).isEqualTo(1);
        assertThat(count("select count(*) from alert_update u join alert a on a.id = u.alert_id"
                + " where a.subscription_id = ?1", sub.id())).isEqualTo(2);
        assertThat(count("select count(*) from delivery d join alert a on a.id = d.alert_id"
                + " where a.subscription_id = ?1", sub.id())).isEqualTo(2);
        assertThat(count("select count(*) from story_article where article_id in (?1, ?2)", id(first), id(second)))
                .isEqualTo(2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.requests().size() == 2);
    }

    @Test
    void newTopicsOnlySkipsArticlesWithoutANewTopicAndSendsThemWithTheNextOneThatHasOne() {
        String war = ClassifiedArticles.uniqueSlug("war-ukraine");
        String energy = ClassifiedArticles.uniqueSlug("energy");
        var sub = Subscriptions.create(receiver.url(), "new-topics-only", "any", null, war, energy);
        ObjectNode first = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d011"), start, war);
        ObjectNode sameTopic = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d012"),
                start.plus(Duration.ofMinutes(20)), war);
        ObjectNode newTopic = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d013"),
                start.plus(Duration.ofMinutes(45)), war, energy);

        ClassifiedArticles.publish(id(first), first.toString(), sameTopic.toString());
        await().atMost(PATIENCE).until(() -> processed(sameTopic) && receiver.requests().size() == 1);
        assertThat(waitingArticles(sub.id())).isEqualTo(1);

        ClassifiedArticles.publish(id(first), newTopic.toString());
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        JsonNode update = body(1);
        assertThat(update.at("/data/revision").asInt()).isEqualTo(2);
        assertThat(update.at("/data/articles").findValuesAsText("id")).containsExactly(id(sameTopic), id(newTopic));
        assertThat(texts(update.at("/data/changes/newTopics"))).containsExactly(energy);
        assertThat(update.at("/data/changes/newArticles").asInt()).isEqualTo(2);
        assertThat(texts(update.at("/data/changes/newLanguages"))).containsExactlyInAnyOrder("uk", "ru");
        assertThat(waitingArticles(sub.id())).isZero();
    }

    @Test
    void atMostEveryNMinutesCoalescesUpdatesUntilTheIntervalHasPassed() {
        String slug = ClassifiedArticles.uniqueSlug("earthquake");
        var sub = Subscriptions.create(receiver.url(), Map.of("atMostEveryMinutes", 10), null, null, slug);
        ObjectNode first = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d028"), start, slug);
        ObjectNode second = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d029"),
                start.plus(Duration.ofMinutes(50)), slug);
        ObjectNode third = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d030"),
                start.plus(Duration.ofMinutes(85)), slug);

        ClassifiedArticles.publish(id(first), first.toString(), second.toString(), third.toString());
        await().atMost(PATIENCE).until(() -> processed(third) && receiver.requests().size() == 1);
        assertThat(waitingArticles(sub.id())).isEqualTo(2);
        assertThat(flusher.flush()).as("nothing is due before the interval has passed").isZero();

        clock.advance(Duration.ofMinutes(10));
        assertThat(flusher.flush()).isGreaterThanOrEqualTo(1);

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        JsonNode update = body(1);
        assertThat(update.path("type").asText()).isEqualTo("alert.updated");
        assertThat(update.at("/data/revision").asInt()).isEqualTo(2);
        assertThat(update.at("/data/articles").findValuesAsText("id")).containsExactly(id(second), id(third));
        assertThat(texts(update.at("/data/changes/newSources"))).containsExactlyInAnyOrder("Nachrichtenblatt",
                "Le Quotidien");
        assertThat(waitingArticles(sub.id())).isZero();
    }

    @Test
    void aMutedStoryRaisesNoUpdateUntilItIsUnmuted() {
        String slug = ClassifiedArticles.uniqueSlug("earthquake");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        ObjectNode first = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d032"), start, slug);
        ObjectNode whileMuted = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d033"),
                start.plus(Duration.ofMinutes(35)), slug);
        ObjectNode afterUnmute = ClassifiedArticles.labelled(ClassifiedArticles.labelled("d034"),
                start.plus(Duration.ofMinutes(50)), slug);

        ClassifiedArticles.publish(first);
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        String storyId = body(0).at("/data/story/id").asText();
        given().post("/api/v1/subscriptions/{id}/muted-stories/{story}", sub.id(), storyId).then().statusCode(204);
        assertThat(given().get("/api/v1/subscriptions/{id}/muted-stories", sub.id()).then().statusCode(200)
                .extract().jsonPath().getList("storyId", String.class)).containsExactly(storyId);

        ClassifiedArticles.publish(id(first), whileMuted.toString());
        await().atMost(PATIENCE).until(() -> processed(whileMuted));
        assertThat(count("select count(*) from story_article where article_id = ?1 and story_id = ?2",
                id(whileMuted), storyId)).as("the article joined the story").isEqualTo(1);
        assertThat(receiver.requests()).hasSize(1);
        assertThat(waitingArticles(sub.id())).isZero();

        given().delete("/api/v1/subscriptions/{id}/muted-stories/{story}", sub.id(), storyId).then().statusCode(204);
        ClassifiedArticles.publish(id(first), afterUnmute.toString());
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        JsonNode update = body(1);
        assertThat(update.at("/data/revision").asInt()).isEqualTo(2);
        assertThat(update.at("/data/articles").findValuesAsText("id")).containsExactly(id(afterUnmute));
    }

    @Test
    void mutingAnUnknownStoryOrForAnUnknownSubscriptionIsNotFound() {
        var sub = Subscriptions.create(receiver.url(), null, null, ClassifiedArticles.uniqueSlug("x"));
        given().post("/api/v1/subscriptions/{id}/muted-stories/{story}", sub.id(), UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        given().post("/api/v1/subscriptions/{id}/muted-stories/{story}", UUID.randomUUID(), UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private JsonNode body(int index) {
        return readTree(receiver.requests().get(index).body());
    }

    private static String id(ObjectNode event) {
        return event.get("articleId").asText();
    }

    private boolean processed(ObjectNode event) {
        return count("select count(*) from inbox where event_id = ?1", event.get("eventId").asText()) == 1;
    }

    private long waitingArticles(String subscriptionId) {
        return count("select count(*) from alert_article w join alert a on a.id = w.alert_id"
                + " where a.subscription_id = ?1 and w.revision is null", subscriptionId);
    }

    private long count(String sql, String... ids) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < ids.length; i++) {
                query.setParameter(i + 1, UUID.fromString(ids[i]));
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
