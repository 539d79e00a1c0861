package io.newshound.ingest.article;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.newshound.ingest.Api;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static io.newshound.ingest.Api.article;
import static io.newshound.ingest.Api.uniqueUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What the article API promises a client about its requests: strict bodies, named fields, idempotent retries. */
@QuarkusTest
class ArticleContractTest {

    @TestHTTPResource("/api/v1/articles")
    URI articles;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Test
    void retriedSingleArticleWithTheSameIdempotencyKeyGetsTheFirstAnswerBack() {
        String key = UUID.randomUUID().toString();
        String body = article(uniqueUrl(), "Ceasefire talks resume", "Negotiators met.");
        String first = api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/articles").then().statusCode(201).body("outcome", equalTo("created")).extract()
                .asString();

        String again = api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/articles").then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", containsString("/api/v1/articles/")).extract().asString();

        assertThat(again).isEqualTo(first);
    }

    @Test
    void sameIdempotencyKeyWithAnotherArticleIsRefused() {
        String key = UUID.randomUUID().toString();
        api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(article(uniqueUrl(), "First", "First")).post("/api/v1/articles").then().statusCode(201);

        api().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(article(uniqueUrl(), "Second", "Second")).post("/api/v1/articles")
                .then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Idempotency-Key reused"));
    }

    @Test
    void unknownFieldIsRefusedAndNamed() {
        api().contentType(ContentType.JSON).body("""
                {"url":"%s","title":"T","body":"B","langauge":"de"}""".formatted(uniqueUrl()))
                .post("/api/v1/articles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("langauge"), "errors[0].message", equalTo("is not a known field"));
        api().contentType(ContentType.JSON).body("""
                {"articles":[{"url":"%s","title":"T","body":"B","sauce":"x"}]}""".formatted(uniqueUrl()))
                .post("/api/v1/articles/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("articles[0].sauce"));
    }

    @Test
    void pageSizeOutOfRangeOrNotANumberNamesLimit() {
        for (String limit : new String[]{"0", "501", "-1", "abc", "1.5"}) {
            api().queryParam("limit", limit).get("/api/v1/articles")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("limit"));
        }
        api().queryParam("limit", "500").get("/api/v1/articles").then().statusCode(200);
    }

    @Test
    void bodyOverTheSizeLimitGets413AsAProblemAfterTheUploadCompletes() throws Exception {
        MemorySize max = maxBodySize;
        byte[] padding = new byte[(int) max.asLongValue() + 1024 * 1024];
        Arrays.fill(padding, (byte) 'a');
        String head = "{\"url\":\"" + uniqueUrl() + "\",\"title\":\"T\",\"body\":\"";
        byte[] body = concat(head.getBytes(), padding, "\"}".getBytes());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(articles)
                .header("X-Api-Key", Api.ADMIN_KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":413").contains(Long.toString(max.asLongValue()));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
