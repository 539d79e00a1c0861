package io.newshound.alert;

import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * Calls the API as a given caller. Every request of this module's tests carries the admin key unless it says otherwise
 * ({@link AdminKeyByDefault}), so tests about something else need not think about keys.
 */
public final class Api {

    /** The admin key the test profile configures ({@code %test.newshound.alert.security.admin-key}). */
    public static final String ADMIN_KEY = "test-admin-key";
    static final String HEADER = "X-Api-Key";

    /** A tenant made for one test, with a key of role tenant. */
    public record Tenant(String id, String key) {
    }

    private Api() {
    }

    /** @return a request made with this key */
    public static RequestSpecification withKey(String key) {
        return given().header(HEADER, key);
    }

    /** @return a request without any key */
    public static RequestSpecification anonymous() {
        return given().header(HEADER, "");
    }

    /** Creates a tenant with a unique id (as the admin) and a key for it. */
    public static Tenant newTenant(String name, Integer maxSubscriptions) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = maxSubscriptions == null
                ? Map.of("id", id, "name", name)
                : Map.of("id", id, "name", name, "maxSubscriptions", maxSubscriptions);
        withKey(ADMIN_KEY).contentType(ContentType.JSON).body(body).post("/api/v1/tenants").then().statusCode(201);
        String key = withKey(ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", name + " key"))
                .post("/api/v1/tenants/" + id + "/keys").then().statusCode(201).extract().path("key");
        return new Tenant(id, key);
    }

    /** Adds the admin key to every request that does not carry an {@code X-Api-Key} of its own. */
    private static final Filter ADMIN_BY_DEFAULT = (request, response, context) -> {
        if (!request.getHeaders().hasHeaderWithName(HEADER)) {
            request.header(HEADER, ADMIN_KEY);
        }
        return context.next(request, response);
    };

    /** Makes the admin key the default of every request; a request's own {@code X-Api-Key} replaces it. */
    static void useAdminKeyByDefault() {
        if (!RestAssured.filters().contains(ADMIN_BY_DEFAULT)) {
            RestAssured.filters(ADMIN_BY_DEFAULT);
        }
    }
}
