package io.newshound.alert.delivery.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;

import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Digests through the real broker, database and a real webhook receiver, with the clock passed in. */
@QuarkusTest
class DigestTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DigestService digests;

    @Test
    void sendsTheAlertsOfAPeriodAsOneSignedDigestInsteadOfOneWebhookEach() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("sanctions");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        given().contentType(ContentType.JSON)
                .body(Map.of("frequency", "hourly", "timeZone", "Europe/Kyiv", "quietHours",
                        Map.of("from", "23:00", "to", "06:00")))
                .when().put("/api/v1/subscriptions/" + sub.id() + "/digest").then().statusCode(200)
                .body("frequency", equalTo("hourly")).body("timeZone", equalTo("Europe/Kyiv"))
                .body("quietHours.from", equalTo("23:00"));

        List<String> articles = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var event = ClassifiedArticles.sample(slug);
            articles.add(event.get("articleId").asText());
            ClassifiedArticles.publish(event);
        }
        await().atMost(PATIENCE).until(() -> feedTypes(sub.id()).size() == 3);
        // the alerts are recorded and on the feed, but no webhook goes out for each of them
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> receiver.requests().isEmpty());

        // past the first hourly run whatever the time of day: a run due in the quiet hours (23:00-06:00 in Kyiv)
        // waits for their end, at most eight hours from now
        Instant later = Instant.now().plus(Duration.ofHours(12));
        assertThat(digests.runDue(later)).isGreaterThanOrEqualTo(1);
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        var request = receiver.requests().get(0);
        new Webhook(sub.secret()).verify(request.body(), request.headers());
        JsonNode digest = JSON.readTree(request.body());
        assertThat(digest.get("type").asText()).isEqualTo("digest.ready");
        assertThat(digest.at("/data/subscriptionId").asText()).isEqualTo(sub.id());
        assertThat(digest.at("/data/alertCount").asInt()).isEqualTo(3);
        assertThat(digest.at("/data/timeZone").asText()).isEqualTo("Europe/Kyiv");
        // one entry per story (the three reports may or may not have been grouped), every alert counted once
        JsonNode stories = digest.at("/data/stories");
        assertThat(digest.at("/data/storyCount").asInt()).isEqualTo(stories.size()).isBetween(1, 3);
        int alerts = 0;
        for (JsonNode story : stories) {
            alerts += story.get("alerts").asInt();
            assertThat(story.get("storyId").asText()).isNotBlank();
            assertThat(story.at("/latestArticle/id").asText()).isIn(articles);
            assertThat(story.at("/topics/0").asText()).isEqualTo(slug);
        }
        assertThat(alerts).isEqualTo(3);
        assertThat(feedTypes(sub.id())).contains("digest.ready");

        // the next period has nothing new: no empty digest
        assertThat(digests.runDue(later.plus(Duration.ofHours(2)))).isZero();
        assertThat(receiver.requests()).hasSize(1);
        given().when().get("/api/v1/subscriptions/" + sub.id() + "/digest").then().statusCode(200)
                .body("nextDigestAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void turningDigestsOffSendsAlertsOneByOneAgain() {
        String slug = ClassifiedArticles.uniqueSlug("ceasefire");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        given().contentType(ContentType.JSON).body(Map.of("frequency", "daily", "at", "07:30")).when()
                .put("/api/v1/subscriptions/" + sub.id() + "/digest").then().statusCode(200)
                .body("at", equalTo("07:30")).body("timeZone", equalTo("UTC"));
        given().when().delete("/api/v1/subscriptions/" + sub.id() + "/digest").then().statusCode(204);
        given().when().get("/api/v1/subscriptions/" + sub.id() + "/digest").then().statusCode(404)
                .contentType("application/problem+json");

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        assertThat(receiver.requests().get(0).body()).contains("\"alert.raised\"");
    }

    @Test
    void refusesInvalidSettingsNamingEachField() {
        var sub = Subscriptions.create(receiver.url(), null, null, ClassifiedArticles.uniqueSlug("land-swap"));
        given().contentType(ContentType.JSON)
                .body(Map.of("frequency", "weekly", "at", "25:00", "timeZone", "Mars/Olympus", "quietHours",
                        Map.of("from", "22:00")))
                .when().put("/api/v1/subscriptions/" + sub.id() + "/digest").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("frequency", "at", "timeZone", "quietHours.to"));
        given().contentType(ContentType.JSON).body(Map.of("frequency", "daily")).when()
                .put("/api/v1/subscriptions/" + java.util.UUID.randomUUID() + "/digest").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static List<String> feedTypes(String subscriptionId) {
        return given().queryParam("subscriptionId", subscriptionId).when().get("/api/v1/feed").then().statusCode(200)
                .extract().path("items.type");
    }
}
