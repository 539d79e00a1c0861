package io.newshound.alert.delivery.notification;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.newshound.alert.Api;
import io.newshound.alert.ClassifiedArticles;
import io.newshound.alert.WithWebhookReceiver;
import io.newshound.alert.access.CurrentTenant;
import io.newshound.alert.subscription.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The live stream and the pull feed, read over real HTTP while alerts flow in through the real broker. */
@QuarkusTest
class NotificationChannelsTest extends WithWebhookReceiver {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    Notifications notifications;

    private final List<SseClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (SseClient c : clients) {
            c.close();
        }
    }

    @Test
    void streamsEachAlertAndResumesAfterTheLastEventId() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("ceasefire");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        SseClient live = open("subscriptionId=" + sub.id(), Map.of());
        assertThat(live.status).isEqualTo(200);
        assertThat(live.contentType).startsWith("text/event-stream");

        var first = ClassifiedArticles.sample(slug);
        ClassifiedArticles.publish(first);
        await().atMost(PATIENCE).until(() -> live.events.size() == 1);
        SseClient.Event event = live.events.get(0);
        assertThat(event.name()).isEqualTo("alert.raised");
        assertThat(event.data()).contains(first.get("articleId").asText()).contains(sub.id());
        live.close();

        // two more alerts while nobody listens; resuming replays exactly those, in order, then goes on live
        var second = ClassifiedArticles.sample(slug);
        var third = ClassifiedArticles.sample(slug);
        ClassifiedArticles.publish(second);
        ClassifiedArticles.publish(third);
        await().atMost(PATIENCE).until(() -> feed(sub.id(), null).size() == 3);
        SseClient resumed = open("subscriptionId=" + sub.id(), Map.of("Last-Event-ID", event.id()));
        await().atMost(PATIENCE).until(() -> resumed.events.size() == 2);
        assertThat(resumed.events.get(0).data()).contains(second.get("articleId").asText());
        assertThat(resumed.events.get(1).data()).contains(third.get("articleId").asText());
        assertThat(Long.parseLong(resumed.events.get(0).id())).isGreaterThan(Long.parseLong(event.id()));

        var fourth = ClassifiedArticles.sample(slug);
        ClassifiedArticles.publish(fourth);
        await().atMost(PATIENCE).until(() -> resumed.events.size() == 3);
        assertThat(resumed.events.get(2).data()).contains(fourth.get("articleId").asText());
    }

    @Test
    void aStreamOfOneSubscriptionSkipsTheTenantsOtherAlerts() throws Exception {
        String mine = ClassifiedArticles.uniqueSlug("sanctions");
        String other = ClassifiedArticles.uniqueSlug("sanctions");
        var sub = Subscriptions.create(receiver.url(), null, null, mine);
        Subscriptions.create(receiver.url(), null, null, other);
        SseClient stream = open("subscriptionId=" + sub.id(), Map.of());

        ClassifiedArticles.publish(ClassifiedArticles.sample(other));
        var wanted = ClassifiedArticles.sample(mine);
        ClassifiedArticles.publish(wanted);
        await().atMost(PATIENCE).until(() -> stream.events.size() >= 1);
        assertThat(stream.events).hasSize(1);
        assertThat(stream.events.get(0).data()).contains(wanted.get("articleId").asText());
    }

    @Test
    void sendsHeartbeatsWhileNothingHappens() throws Exception {
        var sub = Subscriptions.create(receiver.url(), null, null, ClassifiedArticles.uniqueSlug("peace-talks"));
        SseClient stream = open("subscriptionId=" + sub.id(), Map.of());
        await().atMost(PATIENCE).until(() -> stream.comments.contains("heartbeat"));
        assertThat(stream.events).isEmpty();
    }

    @Test
    void refusesBadPositionsAndOtherSubscriptionsAsProblems() throws Exception {
        SseClient badId = open("", Map.of("Last-Event-ID", "yesterday"));
        assertThat(badId.status).isEqualTo(400);
        assertThat(badId.contentType).startsWith("application/problem+json");
        assertThat(badId.errorBody).contains("Last-Event-ID");

        SseClient unknown = open("subscriptionId=" + UUID.randomUUID(), Map.of());
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.contentType).startsWith("application/problem+json");

        given().queryParam("limit", 0).when().get("/api/v1/feed").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        given().queryParam("cursor", "next-please").when().get("/api/v1/feed").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        given().queryParam("subscriptionId", "not-a-uuid").when().get("/api/v1/feed").then().statusCode(400)
                .body("errors[0].field", equalTo("subscriptionId"));
    }

    @Test
    void limitsOpenStreamsPerTenant() throws Exception {
        var sub = Subscriptions.create(receiver.url(), null, null, ClassifiedArticles.uniqueSlug("land-swap"));
        SseClient refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            SseClient c = open("subscriptionId=" + sub.id(), Map.of());
            if (c.status != 200) {
                refused = c;
            }
        }
        assertThat(refused).as("a stream beyond the limit").isNotNull();
        assertThat(refused.status).isEqualTo(429);
        assertThat(refused.contentType).startsWith("application/problem+json");
    }

    @Test
    void pagesThroughTheFeedWithACursorThatWaitsAtTheEnd() {
        String slug = ClassifiedArticles.uniqueSlug("prisoner-exchange");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        List<String> articles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var event = ClassifiedArticles.sample(slug);
            articles.add(event.get("articleId").asText());
            ClassifiedArticles.publish(event);
        }
        await().atMost(PATIENCE).until(() -> feed(sub.id(), null).size() == 3);

        var page1 = given().queryParam("subscriptionId", sub.id()).queryParam("limit", 2).when().get("/api/v1/feed")
                .then().statusCode(200).body("items", hasSize(2)).body("items[0].type", equalTo("alert.raised"))
                .body("items[0].subscriptionId", equalTo(sub.id())).extract();
        assertThat(List.of(page1.<String>path("items[0].data.data.articles[0].id"),
                page1.<String>path("items[1].data.data.articles[0].id"))).containsExactlyInAnyOrderElementsOf(
                        articles.subList(0, 2));
        String cursor = page1.path("nextCursor");
        var page2 = given().queryParam("subscriptionId", sub.id()).queryParam("cursor", cursor).when()
                .get("/api/v1/feed").then().statusCode(200).body("items", hasSize(1)).extract();
        String end = page2.path("nextCursor");
        given().queryParam("subscriptionId", sub.id()).queryParam("cursor", end).when().get("/api/v1/feed").then()
                .statusCode(200).body("items", hasSize(0)).body("nextCursor", equalTo(end));
    }

    @Test
    void servesTheFeedAsAtomWithANextLink() throws Exception {
        String slug = ClassifiedArticles.uniqueSlug("energy-strikes");
        var sub = Subscriptions.create(receiver.url(), null, null, slug);
        var event = ClassifiedArticles.sample(slug);
        ClassifiedArticles.publish(event);
        await().atMost(PATIENCE).until(() -> feed(sub.id(), null).size() == 1);

        String xml = given().queryParam("subscriptionId", sub.id()).when().get("/api/v1/feed/atom").then()
                .statusCode(200).contentType("application/atom+xml").extract().asString();
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        var entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(1);
        Element entry = (Element) entries.item(0);
        assertThat(entry.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo(event.at("/article/title").asText());
        assertThat(entry.getElementsByTagNameNS("*", "content").item(0).getTextContent())
                .contains(event.get("articleId").asText());
        String next = null;
        var links = feed.getElementsByTagNameNS("*", "link");
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            if (link.getParentNode() == feed && "next".equals(link.getAttribute("rel"))) {
                next = link.getAttribute("href");
            }
        }
        assertThat(next).contains("cursor=").contains("subscriptionId=" + sub.id());
    }

    @Test
    void aWriterWaitsForTheTenantsEarlierWriterSoSeqOrderIsCommitOrder() throws Exception {
        String tenant = "order-" + UUID.randomUUID();
        var firstHoldsLock = new CountDownLatch(1);
        var releaseFirst = new CountDownLatch(1);
        var first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            notifications.append(tenant, null, "test.first", "{}");
            firstHoldsLock.countDown();
            awaitLatch(releaseFirst);
        }));
        assertThat(firstHoldsLock.await(30, TimeUnit.SECONDS)).isTrue();
        var second = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> notifications.append(tenant, null, "test.second", "{}")));
        // the second writer is parked on the lock: nothing of it is visible, and it has not finished
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
        releaseFirst.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);

        List<Notification> log = notifications.after(tenant, null, 0, 10);
        assertThat(log).extracting(Notification::type).containsExactly("test.first", "test.second");
        // another tenant's writer is not held up by this tenant's lock
        QuarkusTransaction.requiringNew()
                .run(() -> notifications.append(CurrentTenant.DEFAULT + "-other", null, "test.other", "{}"));
    }

    @Test
    void forgetsEntriesOlderThanTheRetention() {
        String tenant = "purge-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> notifications.append(tenant, null, "test.old", "{}"));
        assertThat(notifications.after(tenant, null, 0, 10)).hasSize(1);
        notifications.purge(Instant.now().plusSeconds(1));
        assertThat(notifications.after(tenant, null, 0, 10)).isEmpty();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Object> feed(String subscriptionId, String cursor) {
        var request = given().queryParam("subscriptionId", subscriptionId);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.when().get("/api/v1/feed").then().statusCode(200).extract().path("items");
    }

    private SseClient open(String query, Map<String, String> headers) throws Exception {
        Map<String, String> withKey = new java.util.HashMap<>(headers);
        withKey.putIfAbsent("X-Api-Key", Api.ADMIN_KEY);
        SseClient c = new SseClient("http://127.0.0.1:" + port + "/api/v1/stream?" + query, withKey);
        clients.add(c);
        return c;
    }
}
