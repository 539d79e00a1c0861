package io.newshound.ingest.article;

import java.time.Duration;
import java.util.Collections;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newshound.devkit.kafka.TopicProbe;
import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static io.newshound.ingest.Api.article;
import static io.newshound.ingest.Api.uniqueUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ArticleBatchTest {

    @Test
    void oneBadArticleNeverSinksTheBatch() {
        String url = uniqueUrl();
        String good = article(url, "Energy strikes hit Kharkiv", "Power plants were hit overnight.");
        String batch = "{\"articles\":[" + good + "," + good + ",{\"url\":\"mailto:x@y.z\",\"title\":\"T\"}]}";
        api().contentType(ContentType.JSON).body(batch).post("/api/v1/articles/batch")
                .then().statusCode(200)
                .body("accepted", equalTo(1), "duplicates", equalTo(1), "rejected", equalTo(1))
                .body("results[0].outcome", equalTo("created"))
                .body("results[1].outcome", equalTo("duplicate"))
                .body("results[1].duplicateOf", equalTo(api().get("/api/v1/articles?limit=1").path("items[0].id")))
                .body("results[2].outcome", equalTo("rejected"), "results[2].id", nullValue())
                .body("results[2].errors.field", hasItem("articles[2].body"))
                .body("results[2].errors.field", hasItem("articles[2].url"));
    }

    @Test
    void retryWithTheSameIdempotencyKeyReplaysTheFirstAnswerAndPublishesNothingNew() {
        String key = UUID.randomUUID().toString();
        String batch = "{\"articles\":[" + article(uniqueUrl(), "Peace talks in Geneva", "Delegations met.") + "]}";
        String first = api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(batch)
                .post("/api/v1/articles/batch").then().statusCode(200).extract().asString();
        String id = api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(batch)
                .post("/api/v1/articles/batch")
                .then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("results[0].outcome", equalTo("created"))
                .extract().path("results[0].id");
        assertThat(first).contains(id);

        try (TopicProbe topic = TopicProbe.on(KafkaTestResource.bootstrapServers(), "news.articles.v1")) {
            String marker = api().contentType(ContentType.JSON)
                    .body(article(uniqueUrl(), "Marker", "Marker")).post("/api/v1/articles").path("id");
            topic.awaitKey(marker, Duration.ofSeconds(30));
            assertThat(topic.seen(r -> id.equals(r.key()))).hasSize(1);
        }
    }

    @Test
    void idempotencyKeyReusedWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"articles\":[" + article(uniqueUrl(), "A", "A") + "]}")
                .post("/api/v1/articles/batch").then().statusCode(200);
        api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"articles\":[" + article(uniqueUrl(), "B", "B") + "]}")
                .post("/api/v1/articles/batch")
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void rejectsOversizedBatch() {
        String item = "{\"url\":\"https://x.example/a\",\"title\":\"t\",\"body\":\"b\"}";
        String batch = "{\"articles\":[" + String.join(",", Collections.nCopies(501, item)) + "]}";
        api().contentType(ContentType.JSON).body(batch).post("/api/v1/articles/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors.field", hasItem("articles"));
    }

    @Test
    void listsArticlesNewestFirstWithCursorAndSourceFilter() {
        String source = "Pager " + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            api().contentType(ContentType.JSON)
                    .body(article(uniqueUrl(), "Story " + i, "Body " + i).replace("Test Wire", source))
                    .post("/api/v1/articles").then().statusCode(201);
        }
        var first = api().queryParam("source", source).queryParam("limit", 3).get("/api/v1/articles")
                .then().statusCode(200).body("items.size()", equalTo(3)).body("items[0].title", equalTo("Story 4"))
                .extract();
        String cursor = first.path("nextCursor");
        api().queryParam("source", source).queryParam("limit", 3).queryParam("cursor", cursor)
                .get("/api/v1/articles")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("items[1].title", equalTo("Story 0"))
                .body("nextCursor", nullValue());
        api().queryParam("cursor", "garbage").get("/api/v1/articles")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
