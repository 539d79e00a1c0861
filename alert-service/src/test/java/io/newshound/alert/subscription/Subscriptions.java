package io.newshound.alert.subscription;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Creates subscriptions through the public API, as a subscriber would. */
public final class Subscriptions {

    /** The parts of a created subscription tests need. */
    public record Created(String id, String endpointId, String secret) {
    }

    private Subscriptions() {
    }

    public static Created create(String webhookUrl, String match, Double minScore, String... topics) {
        return create(webhookUrl, null, match, minScore, topics);
    }

    /**
     * @param updates
     *            the {@code updates} field as it goes on the wire (a string or a map), or null for the default
     */
    public static Created create(String webhookUrl, Object updates, String match, Double minScore, String... topics) {
        Map<String, Object> body = new HashMap<>();
        if (updates != null) {
            body.put("updates", updates);
        }
        body.put("name", "test " + String.join(",", topics));
        body.put("topics", List.of(topics));
        body.put("webhookUrl", webhookUrl);
        if (match != null) {
            body.put("match", match);
        }
        if (minScore != null) {
            body.put("minScore", minScore);
        }
        var response = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/subscriptions").then()
                .statusCode(201).extract();
        return new Created(response.path("id"), response.path("endpointId"), response.path("secret"));
    }
}
