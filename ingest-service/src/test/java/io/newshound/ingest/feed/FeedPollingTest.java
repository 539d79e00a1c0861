package io.newshound.ingest.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.newshound.devkit.kafka.TopicProbe;
import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.newshound.ingest.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class FeedPollingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final FeedHost host = new FeedHost();
    @Inject
    FeedPoller poller;
    private TopicProbe topic;

    @BeforeEach
    void openTopic() {
        topic = TopicProbe.on(KafkaTestResource.bootstrapServers(), "news.articles.v1");
    }

    private final List<String> registered = new ArrayList<>();

    @AfterEach
    void close() {
        topic.close();
        host.close();
        // feeds left behind would be polled by later tests' due polls
        registered.forEach(id -> api().delete("/api/v1/feeds/" + id));
    }

    @Test
    void pollingAnRssFeedStoresItsItemsAndPublishesThem() {
        String source = "Wire " + host.label();
        String feedId = register(host.feed("rss2-world.xml"), source, null);

        api().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("outcome", equalTo("fetched"), "itemsSeen", equalTo(3), "itemsNew", equalTo(3));

        List<Map<String, Object>> stored = api().queryParam("source", source).get("/api/v1/articles").then()
                .statusCode(200).extract().path("items");
        assertThat(stored).hasSize(3);
        assertThat(stored).extracting(a -> (String) a.get("url"))
                .allSatisfy(url -> assertThat(url).startsWith("https://" + host.label() + ".wire.example.com/"))
                .contains("https://" + host.label()
                        + ".wire.example.com/world/2026/08/15/alaska-summit-security-guarantees");
        for (Map<String, Object> article : stored) {
            var record = topic.awaitKey((String) article.get("id"), WAIT);
            assertThat(TopicProbe.header(record, "event-type")).isEqualTo("article.ingested.v1");
            assertThat(record.value()).contains("\"source\":\"" + source + "\"");
        }

        JsonPath feed = api().get("/api/v1/feeds/" + feedId).then().statusCode(200).extract().jsonPath();
        assertThat(feed.getInt("health.itemsSeen.lastPoll")).isEqualTo(3);
        assertThat(feed.getInt("health.itemsNew.total")).isEqualTo(3);
        assertThat(feed.getString("health.etag")).contains(host.label());
        assertThat(feed.getString("health.lastModified")).isEqualTo(LocalFeedServer.LAST_MODIFIED);
        assertThat(feed.getString("health.lastSuccessAt")).isNotNull();
        assertThat(Instant.parse(feed.getString("health.nextPollAt")))
                .isCloseTo(Instant.now().plusSeconds(300), within(Duration.ofSeconds(30)));
    }

    @Test
    void aSecondPollGetsNotModifiedAndAddsNothing() {
        String source = "Tech " + host.label();
        String feedId = register(host.feed("atom-tech.xml"), source, "de");
        api().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("outcome", equalTo("fetched"), "itemsNew", equalTo(3));

        api().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("outcome", equalTo("notModified"), "itemsSeen", equalTo(0), "itemsNew", equalTo(0));

        assertThat(host.requests().get(1).getFirst("If-None-Match")).contains(host.label());
        assertThat(host.requests().get(1).getFirst("If-Modified-Since")).isEqualTo(LocalFeedServer.LAST_MODIFIED);
        api().get("/api/v1/feeds/" + feedId).then().statusCode(200)
                .body("health.itemsNew.lastPoll", equalTo(0), "health.itemsNew.total", equalTo(3),
                        "health.itemsSeen.total", equalTo(3), "health.consecutiveFailures", equalTo(0));
        List<Map<String, Object>> stored = api().queryParam("source", source).get("/api/v1/articles").then()
                .extract().path("items");
        assertThat(stored).hasSize(3);
        // the item declaring xml:lang="en" keeps it; the others take the feed's declared language
        assertThat(stored).extracting(a -> (String) a.get("language")).containsExactlyInAnyOrder("de", "de", "en");
    }

    @Test
    void aFailingFeedRecordsTheErrorBacksOffAndIsPausedAfterTooManyFailures() {
        String feedId = register(host.url("/status/500"), null, null);

        api().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("outcome", equalTo("failed"), "httpStatus", equalTo(500));
        JsonPath first = api().get("/api/v1/feeds/" + feedId).then().extract().jsonPath();
        assertThat(first.getInt("health.consecutiveFailures")).isEqualTo(1);
        assertThat(first.getInt("health.lastError.httpStatus")).isEqualTo(500);
        assertThat(first.getString("health.lastError.message")).contains("HTTP 500");
        assertThat(first.getString("health.lastSuccessAt")).isNull();
        // interval 60 s * 2^1
        assertThat(Instant.parse(first.getString("health.nextPollAt")))
                .isCloseTo(Instant.now().plusSeconds(120), within(Duration.ofSeconds(20)));

        api().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200);
        JsonPath second = api().get("/api/v1/feeds/" + feedId).then().extract().jsonPath();
        assertThat(second.getInt("health.consecutiveFailures")).isEqualTo(2);
        assertThat(Instant.parse(second.getString("health.nextPollAt")))
                .isCloseTo(Instant.now().plusSeconds(240), within(Duration.ofSeconds(20)));
        assertThat(second.getBoolean("paused")).isFalse();

        // the test profile pauses after 3 consecutive failures
        api().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200);
        api().get("/api/v1/feeds/" + feedId).then().body("paused", equalTo(true), "health.consecutiveFailures",
                equalTo(3), "pausedReason",
                equalTo("paused automatically after 3 consecutive failures; last: HTTP 500 from "
                        + host.url("/status/500")));

        api().post("/api/v1/feeds/" + feedId + "/resume").then().statusCode(200)
                .body("paused", equalTo(false), "health.consecutiveFailures", equalTo(0));
    }

    @Test
    void aMalformedDocumentCountsAsAFailure() {
        String feedId = register(host.feed("malformed.xml"), null, null);

        api().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200).body("outcome", equalTo("failed"));

        JsonPath feed = api().get("/api/v1/feeds/" + feedId).then().extract().jsonPath();
        assertThat(feed.getString("health.lastError.message")).startsWith("not a readable feed");
        assertThat(feed.getString("health.lastError.httpStatus")).isNull();
        assertThat(feed.getString("health.etag")).isNull();
        assertThat(feed.getInt("health.consecutiveFailures")).isEqualTo(1);
    }

    @Test
    void theDuePollPollsRegisteredFeedsAndLeavesPausedOnesAlone() {
        String due = register(host.feed("rss2-world.xml"), "Due " + host.label(), null);
        String paused = register(host.url("/status/503"), null, null);
        api().post("/api/v1/feeds/" + paused + "/pause").then().statusCode(200);

        poller.pollDue();

        api().get("/api/v1/feeds/" + due).then().body("health.itemsNew.total", equalTo(3));
        api().get("/api/v1/feeds/" + paused).then().body("health.lastPolledAt", equalTo(null));
    }

    private String register(String url, String source, String language) {
        StringBuilder body = new StringBuilder("{\"url\":\"" + url + "\",\"pollIntervalSeconds\":"
                + (url.contains("/status/") ? 60 : 300));
        if (source != null) {
            body.append(",\"sourceName\":\"").append(source).append('"');
        }
        if (language != null) {
            body.append(",\"language\":\"").append(language).append('"');
        }
        String id = api().contentType(ContentType.JSON).body(body.append('}').toString()).post("/api/v1/feeds")
                .then().statusCode(201).extract().path("id");
        registered.add(id);
        return id;
    }
}
