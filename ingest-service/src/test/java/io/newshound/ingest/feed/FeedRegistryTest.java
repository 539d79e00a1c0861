package io.newshound.ingest.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class FeedRegistryTest {

    private final List<String> registered = new ArrayList<>();

    /** Feeds left behind would be polled by later tests' due polls. */
    @AfterEach
    void removeRegisteredFeeds() {
        registered.forEach(id -> api().delete("/api/v1/feeds/" + id));
    }

    private static String uniquePath() {
        return "/" + UUID.randomUUID() + "/rss.xml";
    }

    private String register(String json) {
        String id = api().contentType(ContentType.JSON).body(json).post("/api/v1/feeds").then().statusCode(201)
                .extract().path("id");
        registered.add(id);
        return id;
    }

    @Test
    void registersAFeedUnderItsCanonicalUrlWithTheDefaultInterval() {
        String path = uniquePath();
        String id = api().contentType(ContentType.JSON)
                .body("{\"url\":\"HTTPS://News.Example.com:443" + path + "?utm_source=x#top\","
                        + "\"sourceName\":\"Example News\",\"language\":\"en\"}")
                .post("/api/v1/feeds").then().statusCode(201)
                .header("Location", containsString("/api/v1/feeds/"))
                .body("url", equalTo("https://news.example.com" + path), "pollIntervalSeconds", equalTo(300),
                        "paused", equalTo(false), "sourceName", equalTo("Example News"), "language", equalTo("en"),
                        "health.nextPollAt", notNullValue(), "health.lastPolledAt", nullValue(),
                        "health.consecutiveFailures", equalTo(0))
                .extract().path("id");
        registered.add(id);

        api().get("/api/v1/feeds/" + id).then().statusCode(200).body("url", equalTo("https://news.example.com" + path));
        api().get("/api/v1/feeds").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void refusesTheSameCanonicalUrlTwiceWithAConflictProblem() {
        String path = uniquePath();
        register("{\"url\":\"https://news.example.com" + path + "\"}");

        api().contentType(ContentType.JSON).body("{\"url\":\"https://NEWS.example.com" + path + "?fbclid=1\"}")
                .post("/api/v1/feeds").then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409), "errors[0].field", equalTo("url"));
    }

    @Test
    void rejectsInvalidRegistrationsNamingTheField() {
        api().contentType(ContentType.JSON).body("{\"url\":\"ftp://news.example.com/rss\"}").post("/api/v1/feeds")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(containsString("url")));
        api().contentType(ContentType.JSON).body("{}").post("/api/v1/feeds").then().statusCode(400)
                .body("errors.field", hasItem(containsString("url")));
        api().contentType(ContentType.JSON)
                .body("{\"url\":\"https://news.example.com" + uniquePath() + "\",\"pollIntervalSeconds\":59}")
                .post("/api/v1/feeds").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("pollIntervalSeconds"),
                        "errors[0].message", equalTo("must be between 60 and 86400 seconds"));
        api().contentType(ContentType.JSON)
                .body("{\"url\":\"https://news.example.com" + uniquePath() + "\",\"language\":\"English\"}")
                .post("/api/v1/feeds").then().statusCode(400).body("errors.field", hasItem(containsString("language")));
    }

    @Test
    void pausesResumesAndRemovesAFeed() {
        String id = register("{\"url\":\"https://news.example.com" + uniquePath() + "\",\"pollIntervalSeconds\":60}");

        api().queryParam("reason", "host asked us to slow down").post("/api/v1/feeds/" + id + "/pause").then()
                .statusCode(200).body("paused", equalTo(true), "pausedReason", equalTo("host asked us to slow down"));
        api().get("/api/v1/feeds/" + id).then().body("paused", equalTo(true));

        api().post("/api/v1/feeds/" + id + "/resume").then().statusCode(200)
                .body("paused", equalTo(false), "pausedReason", nullValue());

        api().delete("/api/v1/feeds/" + id).then().statusCode(204);
        api().get("/api/v1/feeds/" + id).then().statusCode(404).contentType("application/problem+json");
        api().get("/api/v1/feeds").then().body("id", not(hasItem(id)));
        api().delete("/api/v1/feeds/" + id).then().statusCode(404);
        api().post("/api/v1/feeds/" + id + "/poll").then().statusCode(404);
    }

    @Test
    void documentsTheFeedApiInOpenApi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/feeds'.post", notNullValue(),
                        "paths.'/api/v1/feeds/{id}/poll'.post", notNullValue());
    }

    @Test
    void refusesFeedsAtLoopbackPrivateLinkLocalAndIpv6InternalAddresses() {
        for (String url : List.of("http://localhost:5432/", "http://127.0.0.2:8081/q/health", "http://10.0.0.1/rss",
                "http://172.16.5.4/rss", "http://192.168.1.1/rss", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:8081/q/health", "http://[fd00::1]/feed", "http://[fe80::1]/feed")) {
            api().contentType(ContentType.JSON).body("{\"url\":\"" + url + "\"}").post("/api/v1/feeds")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"),
                            "errors[0].message", containsString("resolves to a non-public address"));
        }
    }

    @Test
    void requiresAKeyToReadOrChangeFeeds() {
        given().get("/api/v1/feeds").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"url\":\"https://news.example.com" + uniquePath() + "\"}")
                .post("/api/v1/feeds").then().statusCode(401);
    }
}
