package io.newshound.alert.intake;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class InboxRetentionTest {

    @Inject
    InboxRetention retention;

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    @Test
    void forgetsOnlyEventIdsOlderThanTheCutoff() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Instant cutoff = Instant.now().minus(30, ChronoUnit.DAYS);
        QuarkusTransaction.requiringNew().run(() -> {
            inbox.firstDelivery(old, "article.classified.v1");
            inbox.firstDelivery(recent, "article.classified.v1");
            em.createNativeQuery("update inbox set received_at = ?2 where event_id = ?1").setParameter(1, old)
                    .setParameter(2, cutoff.minus(1, ChronoUnit.DAYS)).executeUpdate();
        });

        assertThat(retention.purge(cutoff)).isGreaterThanOrEqualTo(1);

        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(inbox.firstDelivery(old, "article.classified.v1")).isTrue();
            assertThat(inbox.firstDelivery(recent, "article.classified.v1")).isFalse();
        });
    }
}
