package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.newshound.alert.Api;
import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WebhookReceiver;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An operator releases a host whose endpoints are throttled (as an ejection leaves them): alerts that matched
 * meanwhile, queued behind the throttle, go out at once, while another host's throttled endpoint keeps waiting.
 */
@QuarkusTest
class HostReleaseTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EntityManager em;

    private WebhookReceiver elsewhere;

    @BeforeEach
    void startOtherHost() throws Exception {
        elsewhere = new WebhookReceiver();
    }

    @AfterEach
    void stopOtherHost() {
        elsewhere.close();
    }

    @Test
    void releasingAHostSendsWhatWaitedBehindItsThrottleAndLeavesOtherHostsAlone() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var first = Subscriptions.create(receiver.url() + "/first", null, null, slug);
        var second = Subscriptions.create(receiver.url() + "/second", null, null, slug);
        var other = Subscriptions.create(elsewhere.url(), null, null, slug);
        for (var s : List.of(first, second, other)) {
            throttleForAnHour(s.endpointId());
        }
        String host = "http://127.0.0.1:" + receiver.port();

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        // the alerts are queued behind the throttle, not sent
        await().atMost(PATIENCE).until(() -> pendingOf(host) == 2);
        assertThat(receiver.requests()).isEmpty();
        Map<String, Object> listed = throttledHost(host);
        assertThat(listed.get("throttledEndpoints")).isEqualTo(2);

        given().contentType("application/json").body(Map.of("host", host)).when().post("/api/v1/hosts/release")
                .then().statusCode(200).body("host", equalTo(host)).body("endpoints", equalTo(2))
                .body("deliveries", equalTo(2));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::path)
                .containsExactlyInAnyOrder("/hooks/newshound/first", "/hooks/newshound/second");
        given().when().get("/api/v1/endpoints/" + first.endpointId()).then().statusCode(200)
                .body("state", equalTo("enabled"));
        given().when().get("/api/v1/endpoints/" + other.endpointId()).then().statusCode(200)
                .body("state", equalTo("throttled"));
        assertThat(throttledHost(host)).isNull();
        assertThat(throttledHost("http://127.0.0.1:" + elsewhere.port())).isNotNull();
        assertThat(elsewhere.requests()).isEmpty();
    }

    @Test
    void aHostMustBeAnHttpAddressAndOnlyAdministratorsMayReleaseOne() {
        for (String bad : List.of("", "partner.example.com", "ftp://partner.example.com", "http://")) {
            given().contentType("application/json").body(Map.of("host", bad)).when().post("/api/v1/hosts/release")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        String tenantKey = Api.newTenant("hosts", null).key();
        Api.withKey(tenantKey).contentType("application/json").body(Map.of("host", "https://partner.example.com"))
                .when().post("/api/v1/hosts/release").then().statusCode(403);
        Api.withKey(tenantKey).when().get("/api/v1/hosts/throttled").then().statusCode(403);
    }

    private void throttleForAnHour(String endpointId) {
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update webhook_endpoint set throttled_until = now() + interval '1 hour'"
                        + " where id = ?1")
                .setParameter(1, UUID.fromString(endpointId)).executeUpdate());
    }

    private static long pendingOf(String host) {
        Map<String, Object> h = throttledHost(host);
        return h == null ? 0 : ((Number) h.get("pendingDeliveries")).longValue();
    }

    /** @return the host's entry in the list of throttled hosts, or null */
    private static Map<String, Object> throttledHost(String host) {
        List<Map<String, Object>> hosts = given().when().get("/api/v1/hosts/throttled").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return hosts.stream().filter(h -> host.equals(h.get("host"))).findFirst().orElse(null);
    }
}
