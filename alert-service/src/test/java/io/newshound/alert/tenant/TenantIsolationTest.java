package io.newshound.alert.tenant;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.newshound.alert.Api;
import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.alert.Api.withKey;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** A tenant sees and changes only its own subscriptions, endpoints and deliveries; an admin sees every tenant's. */
@QuarkusTest
class TenantIsolationTest extends WithWebhookReceiver {

    private static final String PROBLEM = "application/problem+json";

    private Api.Tenant a;
    private Api.Tenant b;
    private String slug;
    private String subscriptionA;
    private String endpointA;
    private String subscriptionB;

    @BeforeEach
    void twoTenantsWithASubscriptionEach() throws Exception {
        a = Api.newTenant("desk-a", null);
        b = Api.newTenant("desk-b", null);
        slug = ClassifiedArticles.uniqueSlug("ceasefire");
        var created = withKey(a.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "A", "topics", List.of(slug), "webhookUrl", receiver.url()))
                .post("/api/v1/subscriptions").then().statusCode(201).body("tenantId", equalTo(a.id())).extract();
        subscriptionA = created.path("id");
        endpointA = created.path("endpointId");
        subscriptionB = withKey(b.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "B", "topics", List.of(slug), "webhookUrl", receiver.url()))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
    }

    @Test
    void aTenantCannotReadChangeOrDeleteAnotherTenantsSubscription() {
        String path = "/api/v1/subscriptions/" + subscriptionA;
        withKey(b.key()).get(path).then().statusCode(404).contentType(PROBLEM);
        withKey(b.key()).contentType(ContentType.JSON)
                .body(Map.of("name", "taken over", "topics", List.of(slug))).put(path).then().statusCode(404)
                .contentType(PROBLEM);
        withKey(b.key()).contentType(ContentType.JSON).body(Map.of("paused", true)).patch(path).then()
                .statusCode(404);
        withKey(b.key()).post(path + "/rotate-secret").then().statusCode(404);
        withKey(b.key()).delete(path).then().statusCode(404).contentType(PROBLEM);

        withKey(a.key()).get(path).then().statusCode(200).body("name", equalTo("A")).body("paused", equalTo(false));
    }

    @Test
    void listsShowOnlyTheCallersOwnThingsAndTheAdminSeesBoth() {
        withKey(a.key()).get("/api/v1/subscriptions").then().statusCode(200).body("id", hasItem(subscriptionA))
                .body("id", not(hasItem(subscriptionB))).body("tenantId", everyItem(equalTo(a.id())));
        withKey(b.key()).get("/api/v1/subscriptions").then().statusCode(200).body("id", hasItem(subscriptionB))
                .body("id", not(hasItem(subscriptionA)));
        withKey(Api.ADMIN_KEY).get("/api/v1/subscriptions").then().statusCode(200)
                .body("id", hasItems(subscriptionA, subscriptionB));

        withKey(b.key()).get("/api/v1/endpoints").then().statusCode(200).body("id", not(hasItem(endpointA)));
        withKey(a.key()).get("/api/v1/endpoints").then().statusCode(200).body("id", hasItem(endpointA));
        withKey(Api.ADMIN_KEY).get("/api/v1/subscriptions/" + subscriptionA).then().statusCode(200);
    }

    @Test
    void aTenantCannotSeeOrTouchAnotherTenantsEndpoint() {
        String path = "/api/v1/endpoints/" + endpointA;
        withKey(b.key()).get(path).then().statusCode(404).contentType(PROBLEM);
        withKey(b.key()).get(path + "/health").then().statusCode(404);
        withKey(b.key()).post(path + "/rotate-secret").then().statusCode(404);
        withKey(b.key()).post(path + "/enable").then().statusCode(404);
        withKey(b.key()).contentType(ContentType.JSON).body(Map.of("status", "dead")).post(path + "/replay").then()
                .statusCode(404);
        withKey(a.key()).get(path).then().statusCode(200);
    }

    @Test
    void aTenantCannotSeeOrReplayAnotherTenantsDeliveries() {
        var event = ClassifiedArticles.sample(slug);
        ClassifiedArticles.publish(event);
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> withKey(a.key())
                .get("/api/v1/deliveries?endpointId=" + endpointA + "&status=delivered").then().extract()
                .jsonPath().getList("id").size() == 1);
        String deliveryA = withKey(a.key()).get("/api/v1/deliveries?endpointId=" + endpointA).then()
                .statusCode(200).extract().path("[0].id");

        withKey(b.key()).get("/api/v1/deliveries/" + deliveryA).then().statusCode(404).contentType(PROBLEM);
        withKey(b.key()).post("/api/v1/deliveries/" + deliveryA + "/replay").then().statusCode(404);
        withKey(b.key()).get("/api/v1/deliveries?endpointId=" + endpointA).then().statusCode(200)
                .body("id", not(hasItem(deliveryA)));
        withKey(b.key()).get("/api/v1/deliveries?limit=500").then().statusCode(200)
                .body("id", not(hasItem(deliveryA)));
        withKey(a.key()).get("/api/v1/deliveries/" + deliveryA).then().statusCode(200);
        withKey(Api.ADMIN_KEY).get("/api/v1/deliveries/" + deliveryA).then().statusCode(200);
        withKey(a.key()).post("/api/v1/deliveries/" + deliveryA + "/replay").then().statusCode(202);
    }

    @Test
    void aTenantsReplayOfEverythingLeavesOtherTenantsAlone() {
        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(a) == 1 && delivered(b) == 1);
        String since = java.time.Instant.now().minusSeconds(300).toString();

        withKey(b.key()).contentType(ContentType.JSON).body(Map.of("since", since)).post("/api/v1/deliveries/replay")
                .then().statusCode(202).body("replayed", equalTo(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 3);
        org.assertj.core.api.Assertions.assertThat(receiver.requests().get(2).body()).contains(subscriptionB);
    }

    private static int delivered(Api.Tenant tenant) {
        return withKey(tenant.key()).get("/api/v1/deliveries?status=delivered").then().statusCode(200).extract()
                .jsonPath().getList("id").size();
    }

    @Test
    void requestsWithoutAValidKeyAreUnauthorizedProblems() {
        Api.anonymous().get("/api/v1/subscriptions").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"newshound\""));
        withKey("nhk_abcdefghij_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345").get("/api/v1/endpoints").then().statusCode(401)
                .contentType(PROBLEM);
        Api.anonymous().header("Authorization", "Bearer " + a.key()).get("/api/v1/subscriptions").then()
                .statusCode(200);
    }

    @Test
    void onlyAnAdminManagesTenants() {
        withKey(a.key()).get("/api/v1/tenants").then().statusCode(403).contentType(PROBLEM);
        withKey(a.key()).contentType(ContentType.JSON).body(Map.of("name", "mine"))
                .post("/api/v1/tenants/" + a.id() + "/keys").then().statusCode(403);
        withKey(Api.ADMIN_KEY).get("/api/v1/tenants").then().statusCode(200).body("id", hasItems(a.id(), b.id()));
        withKey(Api.ADMIN_KEY).get("/api/v1/tenants/" + a.id()).then().statusCode(200)
                .body("subscriptions", equalTo(1));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String created = withKey(Api.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", "temporary"))
                .post("/api/v1/tenants/" + a.id() + "/keys").then().statusCode(201).extract().asString();
        String key = io.restassured.path.json.JsonPath.from(created).getString("key");
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        withKey(key).get("/api/v1/subscriptions").then().statusCode(200).body("id", hasItem(subscriptionA));
        withKey(Api.ADMIN_KEY).get("/api/v1/tenants/" + a.id() + "/keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.prefix", not(equalTo(key)))
                .body("find { it.id == '" + id + "' }.key", equalTo(null));
        withKey(Api.ADMIN_KEY).delete("/api/v1/tenants/" + a.id() + "/keys/" + id).then().statusCode(204);
        withKey(key).get("/api/v1/subscriptions").then().statusCode(401);
    }

    @Test
    void aTenantAtItsSubscriptionLimitGetsAConflict() {
        Api.Tenant small = Api.newTenant("small", 1);
        Map<String, Object> body = Map.of("name", "one", "topics", List.of(slug), "webhookUrl", receiver.url());
        String first = withKey(small.key()).contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions")
                .then().statusCode(201).extract().path("id");
        withKey(small.key()).contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions").then()
                .statusCode(409).contentType(PROBLEM).body("detail", org.hamcrest.Matchers.containsString("limit"));
        withKey(small.key()).delete("/api/v1/subscriptions/" + first).then().statusCode(204);
        withKey(small.key()).contentType(ContentType.JSON).body(body).post("/api/v1/subscriptions").then()
                .statusCode(201);
    }

    @Test
    void tenantRequestsNameTheInvalidField() {
        withKey(Api.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("id", "Not A Slug", "name", "x"))
                .post("/api/v1/tenants").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("id"));
        withKey(Api.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("id", a.id(), "name", "again"))
                .post("/api/v1/tenants").then().statusCode(409).contentType(PROBLEM);
        withKey(Api.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", "k", "role", "root"))
                .post("/api/v1/tenants/" + a.id() + "/keys").then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        withKey(Api.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("name", "k"))
                .post("/api/v1/tenants/no-such-tenant/keys").then().statusCode(404).contentType(PROBLEM);
    }
}
