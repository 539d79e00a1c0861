package io.newshound.ingest.access;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static io.newshound.ingest.Api.article;
import static io.newshound.ingest.Api.uniqueUrl;
import static io.newshound.ingest.Api.withKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ApiKeyTest {

    @Inject
    RateLimits rateLimits;

    @Test
    void requestWithoutKeyIsUnauthorized() {
        given().contentType(ContentType.JSON).body(article(uniqueUrl(), "T", "B")).post("/api/v1/articles")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void unknownKeyIsUnauthorized() {
        withKey("nhk_abcdefghij_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345").get("/api/v1/articles")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void readKeyMayReadButNotWrite() {
        String key = create("reader", "[\"read\"]", null);
        withKey(key).get("/api/v1/articles").then().statusCode(200);
        withKey(key).contentType(ContentType.JSON).body(article(uniqueUrl(), "T", "B")).post("/api/v1/articles")
                .then().statusCode(403).contentType("application/problem+json");
        withKey(key).get("/api/v1/keys").then().statusCode(403);
    }

    @Test
    void ingestKeyWritesUntilRevoked() {
        String created = api().contentType(ContentType.JSON)
                .body("{\"name\":\"wire desk\",\"roles\":[\"ingest\"]}").post("/api/v1/keys")
                .then().statusCode(201).body("key", startsWith("nhk_")).extract().asString();
        String key = io.restassured.path.json.JsonPath.from(created).getString("key");
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        withKey(key).contentType(ContentType.JSON).body(article(uniqueUrl(), "T", "B")).post("/api/v1/articles")
                .then().statusCode(201);
        api().get("/api/v1/keys").then().statusCode(200).body("find { it.id == '" + id + "' }.prefix",
                not(equalTo(key)));
        api().delete("/api/v1/keys/" + id).then().statusCode(204);
        withKey(key).contentType(ContentType.JSON).body(article(uniqueUrl(), "T", "B")).post("/api/v1/articles")
                .then().statusCode(401);
    }

    @Test
    void keyOverItsRateLimitGets429WithRetryAfter() {
        String key = create("tight", "[\"read\"]", 3);
        for (int i = 0; i < 3; i++) {
            withKey(key).get("/api/v1/articles?limit=1").then().statusCode(200);
        }
        withKey(key).get("/api/v1/articles?limit=1")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After",
                        not(equalTo(null)));
    }

    @Test
    void madeUpKeysGetNoBucketsOfTheirOwn() {
        long before = rateLimits.bucketCount();
        for (int i = 0; i < 300; i++) {
            withKey("nhk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_"
                    + UUID.randomUUID().toString().replace("-", "")).get("/api/v1/articles?limit=1")
                    .then().statusCode(401);
        }
        // at most the one bucket every caller without a valid key shares
        assertThat(rateLimits.bucketCount()).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void eachAuthenticatedKeyHasItsOwnBucket() {
        String tight = create("tight-own", "[\"read\"]", 2);
        String other = create("other-own", "[\"read\"]", 2);
        withKey(tight).get("/api/v1/articles?limit=1").then().statusCode(200);
        withKey(tight).get("/api/v1/articles?limit=1").then().statusCode(200);
        withKey(tight).get("/api/v1/articles?limit=1").then().statusCode(429);
        withKey(other).get("/api/v1/articles?limit=1").then().statusCode(200);
    }

    @Test
    void invalidKeyRequestNamesTheField() {
        api().contentType(ContentType.JSON).body("{\"name\":\"x\",\"roles\":[\"root\"]}").post("/api/v1/keys")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field",
                        equalTo("roles"));
    }

    private static String create(String name, String roles, Integer perMinute) {
        return api().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"roles\":" + roles
                        + (perMinute == null ? "" : ",\"rateLimitPerMinute\":" + perMinute) + "}")
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
    }
}
