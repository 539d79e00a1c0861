package io.newshound.alert.thread;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newshound.alert.Api;
import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The alert and story query API over real alerts raised from the broker. */
@QuarkusTest
class AlertQueryApiTest extends WithWebhookReceiver {

    @Test
    void listsASubscriptionsAlertsNewestFirstAPageAtATimeAndShowsEachWithItsStory() {
        String slug = ClassifiedArticles.uniqueSlug("diplomacy");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        Instant start = Instant.now().minus(Duration.ofMinutes(20));
        List<String> articleIds = new ArrayList<>();
        for (String name : List.of("d018", "d022", "d025")) {
            var event = ClassifiedArticles.labelled(ClassifiedArticles.labelled(name), start, slug);
            articleIds.add(event.get("articleId").asText());
            ClassifiedArticles.publish(event);
            // one at a time, so the alerts are raised in this order
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() == articleIds.size());
        }

        JsonPath first = given().queryParam("subscriptionId", sub.id()).queryParam("limit", 2).get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotBlank();
        JsonPath second = given().queryParam("subscriptionId", sub.id()).queryParam("limit", 2)
                .queryParam("cursor", cursor).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items")).hasSize(1);
        assertThat(second.getString("nextCursor")).isNull();

        List<String> alertIds = new ArrayList<>(first.getList("items.id", String.class));
        alertIds.addAll(second.getList("items.id", String.class));
        assertThat(alertIds).doesNotHaveDuplicates().hasSize(3);
        String newest = alertIds.get(0);
        JsonPath detail = given().get("/api/v1/alerts/{id}", newest).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("alert.subscriptionId")).isEqualTo(sub.id());
        assertThat(detail.getInt("alert.revision")).isEqualTo(1);
        assertThat(detail.getString("revisions[0].type")).isEqualTo("alert.raised");
        assertThat(detail.getList("revisions[0].articles.id", String.class)).containsExactly(articleIds.get(2));
        assertThat(detail.getList("revisions[0].articles[0].topics.slug", String.class)).containsExactly(slug);
        assertThat(detail.getList("revisions[0].changes.newTopics", String.class)).containsExactly(slug);
        String storyId = detail.getString("story.id");
        assertThat(storyId).isEqualTo(detail.getString("alert.storyId"));
        assertThat(detail.getInt("story.articleCount")).isPositive();

        given().get("/api/v1/stories/{id}", storyId).then().statusCode(200).body("id", equalTo(storyId));
        assertThat(given().get("/api/v1/stories/{id}/timeline", storyId).then().statusCode(200).extract().jsonPath()
                .getList("articles.articleId", String.class)).contains(articleIds.get(2));
        assertThat(given().queryParam("storyId", storyId).queryParam("subscriptionId", sub.id())
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().getList("items.id", String.class))
                .containsExactly(newest);
        assertThat(given().queryParam("subscriptionId", sub.id())
                .queryParam("since", Instant.now().plusSeconds(60).toString())
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void anotherTenantsAlertAndAStoryWithoutOwnAlertsAreNotFound() {
        String slug = ClassifiedArticles.uniqueSlug("economy");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        // a development of its own, so no other test's alert makes the story readable
        var event = ClassifiedArticles.sample(slug);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("article"))
                .put("title", "Harbour " + UUID.randomUUID() + " closes").put("body", "Storm " + UUID.randomUUID())
                .put("publishedAt", Instant.now().toString());
        ClassifiedArticles.publish(event);
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() == 1);
        String alertId = given().queryParam("subscriptionId", sub.id()).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getString("items[0].id");
        String storyId = given().get("/api/v1/alerts/{id}", alertId).then().statusCode(200).extract().jsonPath()
                .getString("story.id");

        // another tenant, with its own key, sees none of it
        Api.Tenant other = Api.newTenant("rival", null);
        Api.withKey(other.key()).get("/api/v1/alerts/{id}", alertId).then().statusCode(404)
                .contentType("application/problem+json");
        Api.withKey(other.key()).get("/api/v1/stories/{id}", storyId).then().statusCode(404)
                .contentType("application/problem+json");
        Api.withKey(other.key()).get("/api/v1/stories/{id}/timeline", storyId).then().statusCode(404);
        assertThat(Api.withKey(other.key()).queryParam("subscriptionId", sub.id()).get("/api/v1/alerts").then()
                .statusCode(200).extract().jsonPath().getList("items")).isEmpty();
        assertThat(Api.withKey(other.key()).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath()
                .getList("items")).isEmpty();
    }

    @Test
    void rejectsAnInvalidCursorLimitOrFilterNamingTheField() {
        given().queryParam("cursor", "not-a-cursor").get("/api/v1/alerts").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        given().queryParam("limit", 0).get("/api/v1/alerts").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParam("subscriptionId", "nope").get("/api/v1/alerts").then().statusCode(400)
                .body("errors[0].field", equalTo("subscriptionId"));
        given().queryParam("since", "yesterday").get("/api/v1/alerts").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        given().get("/api/v1/alerts/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
