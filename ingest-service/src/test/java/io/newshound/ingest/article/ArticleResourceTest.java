package io.newshound.ingest.article;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ArticleResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();
    private TopicProbe topic;

    @BeforeEach
    void openTopic() {
        topic = TopicProbe.on(KafkaTestResource.bootstrapServers(), "news.articles.v1");
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void publishesAcceptedArticleKeyedByArticleId() throws Exception {
        String url = uniqueUrl();
        String id = api().contentType(ContentType.JSON)
                .body(article(url, "Ceasefire talks resume in Doha", "Negotiators met on Monday."))
                .when().post("/api/v1/articles")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("outcome", equalTo("created"), "revision", equalTo(1))
                .extract().path("id");

        ConsumerRecord<String, String> record = topic.awaitKey(id, WAIT);
        assertThat(TopicProbe.header(record, "event-type")).isEqualTo("article.ingested.v1");
        JsonNode event = json.readTree(record.value());
        assertThat(event.get("eventId").asText()).isEqualTo(TopicProbe.header(record, "event-id"));
        assertThat(event.get("articleId").asText()).isEqualTo(id);
        assertThat(event.get("title").asText()).isEqualTo("Ceasefire talks resume in Doha");
        assertThat(event.get("source").asText()).isEqualTo("Test Wire");
        assertThat(event.get("revision").asInt()).isEqualTo(1);

        api().when().get("/api/v1/articles/" + id)
                .then().statusCode(200).body("title", equalTo("Ceasefire talks resume in Doha"));
    }

    @Test
    void resubmittingTheSameArticleReturnsItsIdAndPublishesNothingNew() {
        String url = uniqueUrl();
        String body = article(url, "Sanctions on oil exports widened", "The EU widened sanctions.");
        String id = api().contentType(ContentType.JSON).body(body).post("/api/v1/articles")
                .then().statusCode(201).extract().path("id");
        api().contentType(ContentType.JSON).body(body.replace(url, url + "?utm_source=x#top"))
                .post("/api/v1/articles")
                .then().statusCode(200).body("id", equalTo(id), "outcome", equalTo("duplicate"));
        api().contentType(ContentType.JSON).body(body).post("/api/v1/articles")
                .then().statusCode(200).body("id", equalTo(id), "outcome", equalTo("duplicate"));

        // the relay publishes in commit order: once a later article is on the topic, a duplicate event would be too
        String marker = api().contentType(ContentType.JSON).body(article(uniqueUrl(), "Marker", "Marker body."))
                .post("/api/v1/articles").then().statusCode(201).extract().path("id");
        topic.awaitKey(marker, WAIT);
        assertThat(topic.seen(r -> id.equals(r.key()))).hasSize(1);
    }

    @Test
    void changedTextUnderTheSameUrlIsPublishedAsTheNextRevision() throws Exception {
        String url = uniqueUrl();
        String id = api().contentType(ContentType.JSON).body(article(url, "Prisoner exchange agreed", "First."))
                .post("/api/v1/articles").then().statusCode(201).extract().path("id");
        api().contentType(ContentType.JSON).body(article(url, "Prisoner exchange completed", "Second."))
                .post("/api/v1/articles")
                .then().statusCode(200).body("id", equalTo(id), "outcome", equalTo("updated"), "revision", equalTo(2));

        ConsumerRecord<String, String> second = topic.await(
                r -> id.equals(r.key()) && r.value().contains("\"revision\":2"), WAIT);
        assertThat(json.readTree(second.value()).get("title").asText()).isEqualTo("Prisoner exchange completed");
        assertThat(topic.seen(r -> id.equals(r.key()))).hasSize(2);
    }

    @Test
    void rejectsArticleWithoutTitleNamingTheField() {
        api().contentType(ContentType.JSON)
                .body("{\"url\":\"" + uniqueUrl() + "\",\"body\":\"text\",\"source\":\"Wire\"}")
                .when().post("/api/v1/articles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400), "errors.field", hasItem("title"));
    }

    @Test
    void rejectsNonHttpUrl() {
        api().contentType(ContentType.JSON).body(article("ftp://example.com/a", "T", "B"))
                .when().post("/api/v1/articles")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("url"));
    }

    @Test
    void rejectsMalformedJson() {
        api().contentType(ContentType.JSON).body("{\"url\": \"https://x.example/a\", \"title\": ")
                .when().post("/api/v1/articles")
                .then().statusCode(400).contentType("application/problem+json").body("title",
                        equalTo("Invalid request body"));
    }

    @Test
    void rejectsWrongContentType() {
        api().contentType(ContentType.TEXT).body("hello")
                .when().post("/api/v1/articles")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void rejectsPublishedTimeFarInTheFuture() {
        String future = Instant.now().plus(Duration.ofDays(3)).toString();
        api().contentType(ContentType.JSON)
                .body("{\"url\":\"" + uniqueUrl() + "\",\"title\":\"T\",\"body\":\"B\",\"publishedAt\":\"" + future
                        + "\"}")
                .when().post("/api/v1/articles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("publishedAt"));
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        api().contentType(ContentType.JSON)
                .body("{\"url\":\"" + uniqueUrl() + "\",\"title\":\"T\",\"body\":\"B " + UUID.randomUUID()
                        + "\",\"mood\":\"optimistic\"}")
                .when().post("/api/v1/articles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mood"));
    }

    @Test
    void unknownArticleIsAProblem404() {
        api().when().get("/api/v1/articles/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
