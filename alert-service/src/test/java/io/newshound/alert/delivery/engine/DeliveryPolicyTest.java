package io.newshound.alert.delivery.engine;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

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

/** How delivery reacts to what receivers answer: 410, throttling, stalls, redirects, unsafe targets. */
@QuarkusTest
class DeliveryPolicyTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EntityManager em;

    @Test
    void goneDisablesTheEndpointUntilItIsEnabledAgain() {
        receiver.answer(410);
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 1);
        String first = receiver.requests().get(0).header("webhook-id");
        await().atMost(PATIENCE).until(() -> "dead".equals(status(first)));
        given().when().get("/api/v1/endpoints/" + sub.endpointId()).then().statusCode(200)
                .body("disabledReason", equalTo("receiver answered 410 Gone"));
        assertThat(EndpointDisablingTest.disabledNotices(sub.endpointId())).singleElement()
                .satisfies(told -> assertThat(told.get("reason")).isEqualTo("receiver answered 410 Gone"));

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));
        await().atMost(PATIENCE).until(() -> pendingDeliveries(sub.endpointId()) == 1);
        await().during(Duration.ofSeconds(3)).atMost(PATIENCE).until(() -> receiver.requests().size() == 1);

        given().when().post("/api/v1/endpoints/" + sub.endpointId() + "/enable").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        assertThat(status(first)).isEqualTo("dead");
    }

    @Test
    void throttledEndpointWaitsAsLongAsRetryAfterAsks() {
        receiver.answer(429, Map.of("Retry-After", "3"));
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        Subscriptions.create(receiver.url(), null, null, slug);

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
        var requests = receiver.requests();
        // the test schedule would retry after 300 ms; the receiver asked for 3 s
        assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        String id = requests.get(1).header("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(status(id)));
    }

    @Test
    void aStalledEndpointDelaysNoOtherEndpoint() throws Exception {
        try (WebhookReceiver fast = new WebhookReceiver()) {
            receiver.hold();
            String slow = ClassifiedArticles.uniqueSlug("slow");
            String quick = ClassifiedArticles.uniqueSlug("quick");
            Subscriptions.create(receiver.url(), null, null, slow);
            Subscriptions.create(fast.url(), null, null, quick);

            for (int i = 0; i < 4; i++) {
                ClassifiedArticles.publish(ClassifiedArticles.sample(slow));
            }
            await().atMost(PATIENCE).until(() -> receiver.requests().size() == 2);
            ClassifiedArticles.publish(ClassifiedArticles.sample(quick));

            await().atMost(PATIENCE).until(() -> fast.requests().size() == 1);
            // the stalled partner holds its two slots (test limit per endpoint) and gets no more
            assertThat(receiver.requests()).hasSize(2);

            receiver.release();
            await().atMost(PATIENCE).until(() -> receiver.requests().size() == 4);
            assertThat(receiver.maxConcurrentRequests()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void redirectsAreNeverFollowed() throws Exception {
        try (WebhookReceiver internal = new WebhookReceiver()) {
            receiver.answer(307, Map.of("Location", internal.url())).answer(302, Map.of("Location", internal.url()));
            String slug = ClassifiedArticles.uniqueSlug("land-swap");
            Subscriptions.create(receiver.url(), null, null, slug);

            ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

            await().atMost(PATIENCE).until(() -> receiver.requests().size() == 3);
            String id = receiver.requests().get(0).header("webhook-id");
            await().atMost(PATIENCE).until(() -> "delivered".equals(status(id)));
            assertThat(attemptStatuses(id)).containsExactly(307, 302, 204);
            assertThat(internal.requests()).isEmpty();
        }
    }

    @Test
    void aReceiverThatNeverFinishesItsResponseBodyStillCountsAsDelivered() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        HttpServer endless = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool();
        endless.setExecutor(threads);
        endless.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // chunked body that never ends
            exchange.getResponseBody().write("still going".getBytes());
            exchange.getResponseBody().flush();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        endless.start();
        try {
            String slug = ClassifiedArticles.uniqueSlug("land-swap");
            var sub = Subscriptions.create("http://127.0.0.1:" + endless.getAddress().getPort() + "/h", null, null,
                    slug);

            ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

            await().atMost(PATIENCE).until(() -> deliveredCount(sub.endpointId()) == 1);
        } finally {
            done.countDown();
            endless.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void targetIsCheckedAgainBeforeEveryAttempt() {
        String slug = ClassifiedArticles.uniqueSlug("land-swap");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        // as if the host's DNS now answered with a private address
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update webhook_endpoint set url = 'http://10.255.255.1/hook'"
                        + " where id = ?1").setParameter(1, UUID.fromString(sub.endpointId())).executeUpdate());

        ClassifiedArticles.publish(ClassifiedArticles.sample(slug));

        await().atMost(PATIENCE).until(() -> !attemptErrors(sub.endpointId()).isEmpty());
        assertThat(attemptErrors(sub.endpointId()).get(0))
                .isEqualTo("target refused: host 10.255.255.1 resolves to a non-public address");
        assertThat(receiver.requests()).isEmpty();
    }

    private String status(String deliveryId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (String) em.createNativeQuery("select status from delivery where id = ?1")
                        .setParameter(1, UUID.fromString(deliveryId)).getSingleResult());
    }

    private long deliveredCount(String endpointId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from delivery where endpoint_id = ?1 and status = 'delivered'")
                .setParameter(1, UUID.fromString(endpointId)).getSingleResult()).longValue());
    }

    private long pendingDeliveries(String endpointId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from delivery where endpoint_id = ?1 and status = 'pending'")
                .setParameter(1, UUID.fromString(endpointId)).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private List<Integer> attemptStatuses(String deliveryId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery(
                        "select http_status from delivery_attempt where delivery_id = ?1 order by attempt_no")
                .setParameter(1, UUID.fromString(deliveryId)).getResultList());
    }

    @SuppressWarnings("unchecked")
    private List<String> attemptErrors(String endpointId) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select error from delivery_attempt where endpoint_id = ?1 order by attempted_at")
                .setParameter(1, UUID.fromString(endpointId)).getResultList());
    }
}
