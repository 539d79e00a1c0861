package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newshound.alert.delivery.engine.AttemptRecords.Completed;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;

import static org.assertj.core.api.Assertions.assertThat;

class HeldFailuresTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final HeldFailures held = new HeldFailures(Duration.ofSeconds(10), 5);

    @Test
    void keepsFailuresWhileFreshDeliveriesWaitAndGivesThemAllBackOnceNoneDo() {
        Completed a = failure(UUID.randomUUID());
        Completed b = failure(UUID.randomUUID());
        held.hold(a, 0);
        held.hold(b, SECOND);

        assertThat(held.due(true, 2 * SECOND, 100)).isEmpty();
        assertThat(held.size()).isEqualTo(2);
        assertThat(held.due(false, 2 * SECOND, 100)).extracting(k -> k.task().deliveryId())
                .containsExactly(a.task().deliveryId(), b.task().deliveryId());
        assertThat(held.isEmpty()).isTrue();
        assertThat(held.size()).isZero();
    }

    @Test
    void givesBackWhatWaitedTheLongestAllowedEvenWhileFreshDeliveriesWait() {
        Completed old = failure(UUID.randomUUID());
        Completed recent = failure(UUID.randomUUID());
        held.hold(old, 0);
        held.hold(recent, 5 * SECOND);

        assertThat(held.due(true, 10 * SECOND - 1, 100)).isEmpty();
        assertThat(held.due(true, 10 * SECOND, 100)).containsExactly(slim(old));
        assertThat(held.due(true, 15 * SECOND - 1, 100)).isEmpty();
        assertThat(held.size()).isEqualTo(1);
    }

    @Test
    void givesBackTheOldestBeyondItsCapacity() {
        for (int i = 0; i < 7; i++) {
            held.hold(failure(UUID.randomUUID()), i);
        }
        assertThat(held.due(true, 7, 100)).hasSize(2);
        assertThat(held.size()).isEqualTo(5);
    }

    @Test
    void givesBackAboutAsManyAsAskedWholeEndpointsAtATime() {
        UUID endpoint = UUID.randomUUID();
        held.hold(failure(endpoint), 0);
        held.hold(failure(UUID.randomUUID()), 1);
        held.hold(failure(endpoint), 2);

        List<Completed> first = held.due(false, 3, 1);
        assertThat(first).hasSize(2).allMatch(k -> k.task().endpointId().equals(endpoint));
        assertThat(held.due(false, 3, 1)).hasSize(1);
        assertThat(held.due(false, 3, 0)).isEmpty();
    }

    @Test
    void handsOverAnEndpointsFailuresOldestFirstForItsNewerResult() {
        UUID endpoint = UUID.randomUUID();
        Completed first = failure(endpoint);
        Completed second = failure(endpoint);
        held.hold(first, 0);
        held.hold(failure(UUID.randomUUID()), 1);
        held.hold(second, 2);

        assertThat(held.takeFor(endpoint)).containsExactly(slim(first), slim(second));
        assertThat(held.takeFor(endpoint)).isEmpty();
        assertThat(held.size()).isEqualTo(1);
    }

    @Test
    void keepsOnlyWhatWritingTheFailureNeeds() {
        Completed k = failure(UUID.randomUUID());
        held.hold(k, 0);

        Completed kept = held.due(false, 0, 1).get(0);
        assertThat(kept.task().payload()).isNull();
        assertThat(kept.task().secrets()).isEmpty();
        assertThat(kept.task().leaseToken()).isEqualTo(k.task().leaseToken());
        assertThat(kept.task().attemptNo()).isEqualTo(k.task().attemptNo());
        assertThat(kept.result()).isSameAs(k.result());
    }

    @Test
    void holdsNothingWhenSwitchedOff() {
        assertThat(new HeldFailures(Duration.ZERO, 5).enabled()).isFalse();
        assertThat(new HeldFailures(Duration.ofSeconds(1), 0).enabled()).isFalse();
        assertThat(held.enabled()).isTrue();
    }

    private static Completed failure(UUID endpoint) {
        return new Completed(
                new DeliveryTask(UUID.randomUUID(), endpoint, UUID.randomUUID(), 1, 0, "http://127.0.0.1:1/h",
                        "{\"type\":\"alert.raised\"}", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZI")),
                new AttemptResult(Instant.now(), 500, 3, null, null, 2L));
    }

    private static Completed slim(Completed k) {
        DeliveryTask t = k.task();
        return new Completed(new DeliveryTask(t.deliveryId(), t.endpointId(), t.leaseToken(), t.attemptNo(),
                t.retryBase(), t.url(), null, List.of()), k.result());
    }
}
