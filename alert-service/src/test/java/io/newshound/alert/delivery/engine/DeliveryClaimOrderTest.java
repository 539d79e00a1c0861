package io.newshound.alert.delivery.engine;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order in which due deliveries are claimed: first attempts before retries, without starving the retries; first
 * attempts from where the last claim stopped, without losing what was held back or given back behind it.
 */
class DeliveryClaimOrderTest {

    private static ScratchDeliveryDatabase db;
    private DeliveryClaims claims;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = new ScratchDeliveryDatabase("newshound_alert_claims");
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void emptyDatabase() {
        db.reset();
        StaticWebhookConfig config = new StaticWebhookConfig();
        config.retrySchedule = List.of(Duration.ZERO, Duration.ofSeconds(5));
        claims = db.claims();
    }

    @Test
    void claimsFirstAttemptsBeforeRetriesThatWereDueEarlier() throws SQLException {
        UUID retry = delivery(1, 0, Duration.ofSeconds(-30));
        UUID first = delivery(0, 0, Duration.ofSeconds(-1));

        assertThat(claim(1)).containsExactly(first);
        assertThat(claim(1)).containsExactly(retry);
    }

    @Test
    void aReplayedDeliveryCountsAsAFirstAttempt() throws SQLException {
        UUID retry = delivery(1, 0, Duration.ofSeconds(-30));
        UUID replayed = delivery(3, 3, Duration.ofSeconds(-1));

        assertThat(claim(1)).containsExactly(replayed);
        assertThat(claim(1)).containsExactly(retry);
    }

    @Test
    void aRetryOverdueByMoreThanAMinuteGoesFirstSoRetriesAreNeverStarved() throws SQLException {
        UUID first = delivery(0, 0, Duration.ofMinutes(-10));
        UUID overdue = delivery(2, 0, DeliveryClaims.RETRY_OVERDUE.negated().minusSeconds(5));
        UUID recent = delivery(1, 0, Duration.ofSeconds(-5));

        assertThat(claim(1)).containsExactly(overdue);
        assertThat(claim(1)).containsExactly(first);
        assertThat(claim(1)).containsExactly(recent);
    }

    @Test
    void aClaimGoesOnWhereTheLastStoppedAndComesBackForLeasesThatRanOut() throws SQLException {
        List<UUID> due = new ArrayList<>();
        for (int i = 6; i > 0; i--) {
            due.add(delivery(0, 0, Duration.ofSeconds(-i)));
        }

        assertThat(claim(2)).containsExactly(due.get(0), due.get(1));
        db.count("update delivery set locked_until = now() - interval '1 second' where id = ? returning 1", due.get(0));
        // on from the second, not back to the first, whose lease ran out meanwhile
        assertThat(claim(2)).containsExactly(due.get(2), due.get(3));
        assertThat(claim(2)).containsExactly(due.get(4), due.get(5));
        // that walk reached the end of what is due: the next one starts over and finds the first again
        assertThat(claim(2)).containsExactly(due.get(0));
    }

    @Test
    void aDeliveryHeldBackByItsEndpointsLimitIsNotSteppedOver() throws SQLException {
        UUID busy = db.endpoint("http://127.0.0.1:9/busy");
        UUID first = db.delivery(busy, 0, 0, Duration.ofSeconds(-10));
        UUID second = db.delivery(busy, 0, 0, Duration.ofSeconds(-9));
        List<UUID> others = new ArrayList<>();
        for (int i = 8; i > 0; i--) {
            others.add(delivery(0, 0, Duration.ofSeconds(-i)));
        }
        Set<UUID> full = new HashSet<>();
        full.add(busy);

        // one request at a time to the busy endpoint: its second delivery waits, the others go ahead
        assertThat(claim(2, full, first)).containsExactly(first, others.get(0));
        full.clear();
        // the next claim goes on from the first, not from the last one taken
        assertThat(claim(2, full, null)).containsExactly(second, others.get(1));
        assertThat(claim(2, full, null)).containsExactly(others.get(2), others.get(3));
    }

    private UUID delivery(int attempts, int retryBase, Duration dueIn) throws SQLException {
        return db.delivery(db.endpoint("http://127.0.0.1:9/hooks"), attempts, retryBase, dueIn);
    }

    private List<UUID> claim(int limit) {
        return claim(limit, Set.of(), null);
    }

    /**
     * @param full
     *            endpoints with no free slot, but for one request to those that {@code admitted} is the delivery of
     */
    private List<UUID> claim(int limit, Set<UUID> full, UUID admitted) {
        List<UUID> ids = new ArrayList<>();
        Set<UUID> taken = new HashSet<>();
        claims.claim(limit, 4, new DeliveryClaims.Admission() {
            @Override
            public boolean admit(UUID endpointId, Double rateLimitPerSecond) {
                return !full.contains(endpointId) || (admitted != null && taken.add(endpointId));
            }

            @Override
            public void release(UUID endpointId) {
            }
        }, Duration.ofMinutes(1)).forEach(t -> ids.add(t.deliveryId()));
        return ids;
    }
}
