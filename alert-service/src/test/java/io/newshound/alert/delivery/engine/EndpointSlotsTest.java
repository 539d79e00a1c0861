package io.newshound.alert.delivery.engine;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.newshound.alert.delivery.engine.DeliveryWorker.EndpointSlots;
import io.newshound.alert.delivery.engine.DeliveryWorker.Take;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointSlotsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void allowsABurstOfOneSecondsWorthThenOneRequestPerToken() {
        EndpointSlots slots = new EndpointSlots();
        long t = 1_000 * SECOND;

        assertThat(slots.take(10, 2, t)).isEqualTo(Take.TAKEN);
        assertThat(slots.take(10, 2, t)).isEqualTo(Take.TAKEN);
        assertThat(slots.take(10, 2, t)).isEqualTo(Take.OVER_RATE);
        assertThat(slots.take(10, 2, t + SECOND / 4)).isEqualTo(Take.OVER_RATE);
        assertThat(slots.take(10, 2, t + SECOND / 2)).isEqualTo(Take.TAKEN);
    }

    @Test
    void aRateBelowOnePerSecondStillAllowsOneRequestThenWaits() {
        EndpointSlots slots = new EndpointSlots();
        long t = 1_000 * SECOND;

        assertThat(slots.take(10, 0.5, t)).isEqualTo(Take.TAKEN);
        assertThat(slots.take(10, 0.5, t + SECOND)).isEqualTo(Take.OVER_RATE);
        assertThat(slots.take(10, 0.5, t + 2 * SECOND)).isEqualTo(Take.TAKEN);
    }

    @Test
    void aFullEndpointIsBusyWithoutSpendingATokenAndAFinishedRequestFreesItsSlot() {
        EndpointSlots slots = new EndpointSlots();
        long t = 1_000 * SECOND;

        assertThat(slots.take(1, 100, t)).isEqualTo(Take.TAKEN);
        assertThat(slots.take(1, 100, t)).isEqualTo(Take.BUSY);
        slots.finished();
        assertThat(slots.take(1, 100, t)).isEqualTo(Take.TAKEN);
    }

    @Test
    void givingBackAClaimThatWentElsewhereReturnsItsSlotAndToken() {
        EndpointSlots slots = new EndpointSlots();
        long t = 1_000 * SECOND;

        assertThat(slots.take(1, 1, t)).isEqualTo(Take.TAKEN);
        slots.giveBack();
        assertThat(slots.take(1, 1, t)).isEqualTo(Take.TAKEN);
    }
}
