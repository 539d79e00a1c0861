package io.newshound.alert.console;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.newshound.alert.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The console's session, CSRF and tenant boundaries over real HTTP: what a browser (or someone imitating one) can and
 * cannot do with a cookie.
 */
@QuarkusTest
class ConsoleSessionTest {

    @Inject
    EntityManager em;

    @Test
    void signingInGivesAStrictHttpOnlyCookieAndSigningOutEndsTheSessionOnTheServer() {
        Api.Tenant tenant = Api.newTenant("desk", null);
        Response signedIn = ConsoleClient.signInResponse(tenant.key());

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.header("Location")).endsWith("/console/feed");
        String setCookie = signedIn.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleSessionMechanism.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/console")
                .doesNotContain(tenant.key());
        // plain HTTP in the test; behind TLS the cookie is Secure (see ConsoleConfig#secureCookie)
        assertThat(setCookie).doesNotContain("Secure");
        ConsoleClient client = new ConsoleClient(signedIn.cookie(ConsoleSessionMechanism.COOKIE));
        client.request().get("/console/feed").then().statusCode(200).body(containsString(tenant.id()));

        Response out = client.request().formParam("_csrf", client.csrf()).post("/console/logout");

        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/console/login");
        assertThat(out.headers().getValues("Set-Cookie")).anyMatch(
                c -> c.startsWith(ConsoleSessionMechanism.COOKIE + "=;") && c.contains("Max-Age=0"));
        // the old cookie is worthless now: the server forgot the session
        client.request().get("/console/feed").then().statusCode(303)
                .header("Location", containsString("/console/login"));
        assertThat(sessionsOf(tenant.id())).isZero();
    }

    @Test
    void aWrongKeyIsRefusedWithoutBeingEchoed() {
        Response refused = ConsoleClient.signInResponse("nhk_not-a-real-key");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.asString()).contains("not valid").doesNotContain("nhk_not-a-real-key");
        assertThat(refused.cookie(ConsoleSessionMechanism.COOKIE)).isNull();
    }

    @Test
    void aSessionIdleForLongerThanTheIdleTimeoutIsSignedOut() {
        Api.Tenant tenant = Api.newTenant("idle", null);
        ConsoleClient client = ConsoleClient.signIn(tenant.key());
        client.request().get("/console/feed").then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update console_session set last_seen_at = now() - interval '31 minutes' where tenant_id = ?1")
                .setParameter(1, tenant.id()).executeUpdate());

        client.request().get("/console/feed").then().statusCode(303)
                .header("Location", containsString("/console/login"));
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefused() {
        Api.Tenant tenant = Api.newTenant("csrf", null);
        ConsoleClient client = ConsoleClient.signIn(tenant.key());
        String subscription = subscribe(tenant, "kept");

        client.request().accept(ContentType.JSON).post("/console/subscriptions/" + subscription + "/delete").then()
                .statusCode(403).contentType("application/problem+json").body("status", org.hamcrest.Matchers.is(403));
        client.request().accept("text/html").formParam("_csrf", "forged")
                .post("/console/subscriptions/" + subscription + "/delete").then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("CSRF"));
        // the sign-in form has its own token, bound to a cookie
        ConsoleClient.browser().formParam("key", tenant.key()).post("/console/login").then().statusCode(403);

        Api.withKey(tenant.key()).get("/api/v1/subscriptions/" + subscription).then().statusCode(200);
        client.request().formParam("_csrf", client.csrf()).post("/console/subscriptions/" + subscription + "/delete")
                .then().statusCode(303);
        Api.withKey(tenant.key()).get("/api/v1/subscriptions/" + subscription).then().statusCode(404);
    }

    @Test
    void aTenantSeesNeitherAnotherTenantsPagesNorItsStream() {
        Api.Tenant a = Api.newTenant("desk-a", null);
        Api.Tenant b = Api.newTenant("desk-b", null);
        String subscription = subscribe(a, "desk a secret plans");
        ConsoleClient client = ConsoleClient.signIn(b.key());

        client.request().get("/console/subscriptions").then().statusCode(200)
                .body(not(containsString("desk a secret plans")));
        for (String page : new String[]{"/console/subscriptions/" + subscription + "/edit",
                "/console/subscriptions/" + subscription + "/deliveries", "/console/feed?subscription=" + subscription,
                "/console/feed?tenant=" + a.id(), "/console/ops"}) {
            client.request().accept("text/html").get(page).then().statusCode(404);
        }
        for (String stream : new String[]{"/console/stream?subscription=" + subscription,
                "/console/stream?tenant=" + a.id()}) {
            client.request().accept("text/event-stream").get(stream).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        client.request().formParam("_csrf", client.csrf()).post("/console/subscriptions/" + subscription + "/delete")
                .then().statusCode(404);
        Api.withKey(a.key()).get("/api/v1/subscriptions/" + subscription).then().statusCode(200);
        // without a session the stream answers 401 (an EventSource cannot follow a redirect to a form)
        ConsoleClient.browser().accept("text/event-stream").get("/console/stream").then().statusCode(401);
    }

    @Test
    void anAdministratorSeesTheOperationsPageAndEveryTenantsFeed() {
        Api.Tenant tenant = Api.newTenant("watched", null);
        ConsoleClient admin = ConsoleClient.signIn(Api.ADMIN_KEY);

        admin.request().accept("text/html").get("/console/ops").then().statusCode(200)
                .body(containsString("ingest-service")).body(containsString("unreachable"))
                .body(containsString("Deliveries waiting"));
        admin.request().accept("text/html").get("/console/feed?tenant=" + tenant.id()).then().statusCode(200)
                .body(containsString("tenant=" + tenant.id()));
    }

    @Test
    void rotatingTheSigningSecretShowsTheNewOneOnceAndNeverInAUrl() {
        Api.Tenant tenant = Api.newTenant("rotate", null);
        ConsoleClient client = ConsoleClient.signIn(tenant.key());
        String subscription = subscribe(tenant, "rotating");

        Response rotated = client.request().accept("text/html").formParam("_csrf", client.csrf())
                .post("/console/subscriptions/" + subscription + "/deliveries/rotate-secret");

        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.header("Location")).isNull();
        assertThat(rotated.asString()).containsPattern("id=\"new-secret\">whsec_[A-Za-z0-9+/=]+<");
        client.request().accept("text/html").get("/console/subscriptions/" + subscription + "/deliveries").then()
                .statusCode(200).body(not(containsString("whsec_")));
    }

    @Test
    void aKeywordQueryThatDoesNotParseIsShownAtItsField() {
        Api.Tenant tenant = Api.newTenant("query", null);
        ConsoleClient client = ConsoleClient.signIn(tenant.key());

        String page = client.request().accept("text/html").formParam("_csrf", client.csrf())
                .formParam("action", "preview").formParam("name", "broken").formParam("query", "\"ceasefire talks")
                .post("/console/subscriptions/new").then().statusCode(400).extract().asString();

        assertThat(page).contains("id=\"query-error\"").contains("position").contains("aria-invalid=\"true\"");
    }

    private long sessionsOf(String tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from console_session where tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue());
    }

    private static String subscribe(Api.Tenant tenant, String name) {
        return Api.withKey(tenant.key()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "topics", java.util.List.of("ceasefire"), "webhookUrl",
                        "http://127.0.0.1:9/hook"))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
    }
}
