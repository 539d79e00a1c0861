package io.newshound.ingest;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests as an administrator (the key configured for tests), or with a given key. */
public final class Api {

    public static final String ADMIN_KEY = "test-admin-key";

    private Api() {
    }

    public static RequestSpecification api() {
        return given().header("X-Api-Key", ADMIN_KEY);
    }

    public static RequestSpecification withKey(String key) {
        return given().header("X-Api-Key", key);
    }

    public static String uniqueUrl() {
        return "https://wire.example.com/world/" + UUID.randomUUID();
    }

    public static String article(String url, String title, String body) {
        return """
                {"url":"%s","title":"%s","body":"%s %s","source":"Test Wire",
                 "publishedAt":"2026-08-15T17:58:00+03:00","language":"en"}
                """.formatted(url, title, body, url.substring(url.lastIndexOf('/') + 1));
    }
}
