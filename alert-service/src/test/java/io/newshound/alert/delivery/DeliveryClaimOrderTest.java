package io.newshound.alert.delivery;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which due deliveries are claimed: first attempts before retries, without starving the retries. */
class DeliveryClaimOrderTest {

    private static ScratchDeliveryDatabase db;
    private DeliveryStore store;

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
        store = db.store(config);
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
        UUID overdue = delivery(2, 0, DeliveryStore.RETRY_OVERDUE.negated().minusSeconds(5));
        UUID recent = delivery(1, 0, Duration.ofSeconds(-5));

        assertThat(claim(1)).containsExactly(overdue);
        assertThat(claim(1)).containsExactly(first);
        assertThat(claim(1)).containsExactly(recent);
    }

    private UUID delivery(int attempts, int retryBase, Duration dueIn) throws SQLException {
        return db.delivery(db.endpoint("http://127.0.0.1:9/hooks"), attempts, retryBase, dueIn);
    }

    private List<UUID> claim(int limit) {
        List<UUID> ids = new ArrayList<>();
        store.claim(limit, 4, new DeliveryStore.Admission() {
            @Override
            public boolean admit(UUID endpointId, Double rateLimitPerSecond) {
                return true;
            }

            @Override
            public void release(UUID endpointId) {
            }
        }, Duration.ofMinutes(1)).forEach(t -> ids.add(t.deliveryId()));
        return ids;
    }
}
