package io.newshound.alert.delivery.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newshound.alert.delivery.engine.AttemptRecords.Completed;
import io.newshound.alert.delivery.engine.AttemptRecords.EndpointChanges;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;

import static org.assertj.core.api.Assertions.assertThat;

/** How a batch of results moves each endpoint's failing run, whatever order they arrived in. */
class EndpointChangesTest {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");
    private final UUID endpoint = UUID.randomUUID();

    @Test
    void failuresStartARunAtTheFirstOfThemAndMayDisable() {
        EndpointChanges c = EndpointChanges.of(List.of(result(T.plusSeconds(2), 500), result(T, 503)), Map.of(),
                Set.of());

        assertThat(c.since()).containsExactly(T.toString());
        assertThat(c.restart()).containsExactly(false);
        assertThat(c.failed()).containsExactly(true);
    }

    @Test
    void aSuccessAfterFailuresEndsTheRun() {
        EndpointChanges c = EndpointChanges.of(List.of(result(T.plusSeconds(1), 204), result(T, 500)), Map.of(),
                Set.of());

        assertThat(c.since()).containsExactly((String) null);
        assertThat(c.restart()).containsExactly(true);
        assertThat(c.failed()).containsExactly(false);
    }

    @Test
    void aFailureAfterASuccessStartsANewRunThere() {
        EndpointChanges c = EndpointChanges.of(
                List.of(result(T, 500), result(T.plusSeconds(1), 204), result(T.plusSeconds(2), 500)), Map.of(),
                Set.of());

        assertThat(c.since()).containsExactly(T.plusSeconds(2).toString());
        assertThat(c.restart()).containsExactly(true);
        assertThat(c.failed()).containsExactly(true);
    }

    @Test
    void carriesThrottleAndGoneForTheEndpoint() {
        Instant until = T.plusSeconds(30);
        EndpointChanges c = EndpointChanges.of(List.of(result(T, 429)), Map.of(endpoint, until), Set.of(endpoint));

        assertThat(c.throttleUntil()).containsExactly(until.toString());
        assertThat(c.gone()).containsExactly(true);
    }

    private Completed result(Instant at, int status) {
        return new Completed(new DeliveryTask(UUID.randomUUID(), endpoint, UUID.randomUUID(), 1, 0, "http://x/", "{}",
                List.of("whsec_x")), new AttemptResult(at, status, 1, null, null));
    }
}
