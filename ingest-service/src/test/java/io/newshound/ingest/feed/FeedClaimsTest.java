package io.newshound.ingest.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.newshound.ingest.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class FeedClaimsTest {

    @Inject
    FeedClaims claims;
    private final List<String> registered = new ArrayList<>();

    /** Feeds left behind would be polled by later tests' due polls. */
    @AfterEach
    void removeRegisteredFeeds() {
        registered.forEach(id -> api().delete("/api/v1/feeds/" + id));
    }

    private String register() {
        String id = api().contentType(ContentType.JSON)
                .body("{\"url\":\"https://claims.example.com/" + UUID.randomUUID() + ".xml\"}").post("/api/v1/feeds")
                .then().statusCode(201).extract().path("id");
        registered.add(id);
        return id;
    }

    @Test
    void twoConcurrentClaimersNeverGetTheSameFeed() throws Exception {
        Set<UUID> mine = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            mine.add(UUID.fromString(register()));
        }
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch secondClaimed = new CountDownLatch(1);
        // the first claimer keeps its transaction (and its row locks) open until the second one has claimed
        CompletableFuture<List<UUID>> first = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> {
                    List<UUID> ids = ids(claims.claimDue(3));
                    firstClaimed.countDown();
                    assertThat(secondClaimed.await(30, TimeUnit.SECONDS)).isTrue();
                    return ids;
                }));
        assertThat(firstClaimed.await(30, TimeUnit.SECONDS)).isTrue();

        List<UUID> second = QuarkusTransaction.requiringNew().call(() -> ids(claims.claimDue(1000)));
        secondClaimed.countDown();
        List<UUID> firstIds = first.get(30, TimeUnit.SECONDS);

        assertThat(firstIds).hasSize(3).doesNotContainAnyElementsOf(second);
        Set<UUID> both = new HashSet<>(firstIds);
        both.addAll(second);
        assertThat(both).containsAll(mine);
        // once both committed, the leases keep a third claimer off every one of them
        assertThat(QuarkusTransaction.requiringNew().call(() -> ids(claims.claimDue(1000))))
                .doesNotContainAnyElementsOf(mine);
    }

    @Test
    void aFeedBeingPolledCannotBePolledAgainUntilItsOutcomeIsRecorded() {
        String id = register();
        ClaimedFeed claimed = claims.claimOne(UUID.fromString(id));

        api().post("/api/v1/feeds/" + id + "/poll").then().statusCode(409).contentType("application/problem+json");

        claims.record(new PollReport(claimed.id(), PollReport.Outcome.notModified, 0, 0, 0, null, null), null);
        api().get("/api/v1/feeds/" + id).then().statusCode(200).body("health.lastSuccessAt", notNullValue());
    }

    @Test
    void backOffDoublesTheIntervalPerFailureUpToTheMaximum() {
        Duration minute = Duration.ofMinutes(1);

        assertThat(claims.backoff(minute, 1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(claims.backoff(minute, 5)).isEqualTo(Duration.ofMinutes(32));
        assertThat(claims.backoff(minute, 9)).isEqualTo(Duration.ofHours(6));
        assertThat(claims.backoff(minute, 10_000)).isEqualTo(Duration.ofHours(6));
        assertThat(claims.backoff(Duration.ofDays(1), 3)).isEqualTo(Duration.ofDays(1));
    }

    private static List<UUID> ids(List<ClaimedFeed> claimed) {
        return claimed.stream().map(ClaimedFeed::id).toList();
    }
}
