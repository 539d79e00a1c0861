package io.newshound.alert.delivery.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.newshound.alert.delivery.engine.HostEjection.Ejection;
import io.newshound.alert.delivery.engine.HostEjection.Outcome;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;
import io.newshound.alert.delivery.webhook.WebhookSender;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting failures per host and how long ejections last. */
class HostEjectionTest {

    private static final String HOST = "https://gateway.example.com:443";
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final HostEjection ejection = new HostEjection(3, Duration.ofSeconds(30), Duration.ofSeconds(75));
    private long now = 1_000 * SECOND;

    @Test
    void ejectsAHostAfterTheConfiguredFailuresInARow() {
        assertThat(fail(2)).isEmpty();
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now))
                .contains(new Ejection(HOST, Duration.ofSeconds(30), 1));
        assertThat(ejection.ejectedHosts(now)).isEqualTo(1);
        assertThat(ejection.ejectedHosts(now + 31 * SECOND)).isZero();
    }

    @Test
    void anAnswerBelow500ResetsTheCount() {
        fail(2);
        ejection.onAttempt(HOST, Outcome.UP, now);
        assertThat(fail(2)).isEmpty();
        assertThat(ejection.size()).isEqualTo(1);
        ejection.onAttempt(HOST, Outcome.UP, now);
        assertThat(ejection.size()).isZero();
    }

    @Test
    void failedRetriesNeitherStartNorBreakARun() {
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN_ON_RETRY, now)).isEmpty();
        assertThat(ejection.size()).isZero();
        fail(1);
        for (int i = 0; i < 10; i++) {
            assertThat(ejection.onAttempt(HOST, Outcome.DOWN_ON_RETRY, now)).isEmpty();
        }
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now)).isEmpty();
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now)).isPresent();
    }

    @Test
    void aReleasedHostIsForgottenAndJudgedAfreshAtOnce() {
        assertThat(fail(3)).isPresent();
        ejection.forget(HOST);
        assertThat(ejection.ejectedHosts(now)).isZero();
        // no longer ignored as results of the ejection's time: a new run, which ejects as the first did
        assertThat(fail(2)).isEmpty();
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now))
                .contains(new Ejection(HOST, Duration.ofSeconds(30), 1));
    }

    @Test
    void resultsOfRequestsInFlightDuringTheEjectionAreIgnored() {
        fail(3);
        assertThat(fail(10)).isEmpty();
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN_ON_RETRY, now)).isEmpty();
    }

    @Test
    void aProbeThatFailsEjectsAgainAtOnceForLongerUpToTheCap() {
        fail(3);
        now += 30 * SECOND;
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN_ON_RETRY, now))
                .contains(new Ejection(HOST, Duration.ofSeconds(60), 2));
        now += 60 * SECOND;
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now))
                .contains(new Ejection(HOST, Duration.ofSeconds(75), 3));
        now += 75 * SECOND;
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now))
                .contains(new Ejection(HOST, Duration.ofSeconds(75), 4));
    }

    @Test
    void aProbeThatSucceedsClearsTheHost() {
        fail(3);
        now += 30 * SECOND;
        ejection.onAttempt(HOST, Outcome.UP, now);
        assertThat(ejection.size()).isZero();
        assertThat(fail(2)).isEmpty();
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now))
                .contains(new Ejection(HOST, Duration.ofSeconds(30), 1));
    }

    @Test
    void anAnswerFromBeforeTheEjectionEndsTheRunOfEjections() {
        fail(3);
        ejection.onAttempt(HOST, Outcome.UP, now);
        assertThat(ejection.ejectedHosts(now)).isEqualTo(1);
        now += 30 * SECOND;
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now)).isEmpty();
    }

    @Test
    void hostsAreCountedApart() {
        fail(2);
        assertThat(ejection.onAttempt("https://other.example.com:443", Outcome.DOWN, now)).isEmpty();
        assertThat(ejection.onAttempt(HOST, Outcome.DOWN, now)).isPresent();
    }

    @Test
    void zeroFailuresSwitchesItOff() {
        HostEjection off = new HostEjection(0, Duration.ofSeconds(30), Duration.ofMinutes(5));
        assertThat(off.enabled()).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(off.onAttempt(HOST, Outcome.DOWN, now)).isEmpty();
        }
        assertThat(off.size()).isZero();
    }

    @Test
    void idleHostsAreForgottenButNotWhileEjected() {
        HostEjection lasting = new HostEjection(1, HostEjection.IDLE.multipliedBy(2),
                HostEjection.IDLE.multipliedBy(2));
        lasting.onAttempt("http://down.example.com:80", Outcome.DOWN, now);
        HostEjection.Ejection e = lasting.onAttempt("http://flaky.example.com:80", Outcome.DOWN, now).orElseThrow();
        assertThat(lasting.onAttempt("http://flaky.example.com:80", Outcome.UP, now)).isEmpty();
        assertThat(e.inARow()).isEqualTo(1);
        assertThat(lasting.size()).isEqualTo(2);

        lasting.forgetIdle(now + HostEjection.IDLE.toNanos() + 1);
        assertThat(lasting.size()).isEqualTo(2); // both still ejected

        lasting.forgetIdle(now + HostEjection.IDLE.multipliedBy(2).toNanos() + 1);
        assertThat(lasting.size()).isZero();
    }

    @Test
    void classifiesAttemptsByStatusAndAttempt() {
        DeliveryTask first = task(1, 0);
        DeliveryTask retry = task(2, 0);
        DeliveryTask replayed = task(4, 3);
        assertThat(HostEjection.outcome(first, result(500, null))).isEqualTo(Outcome.DOWN);
        assertThat(HostEjection.outcome(first, result(null, "ConnectException: refused"))).isEqualTo(Outcome.DOWN);
        assertThat(HostEjection.outcome(replayed, result(503, null))).isEqualTo(Outcome.DOWN);
        assertThat(HostEjection.outcome(retry, result(502, null))).isEqualTo(Outcome.DOWN_ON_RETRY);
        for (int status : List.of(200, 204, 301, 400, 404, 410, 429, 499)) {
            assertThat(HostEjection.outcome(first, result(status, null))).as("%d", status).isEqualTo(Outcome.UP);
        }
        assertThat(HostEjection.outcome(first, result(null, WebhookSender.TARGET_REFUSED + "must name a host")))
                .isEqualTo(Outcome.NONE);
    }

    private Optional<Ejection> fail(int times) {
        Optional<Ejection> last = Optional.empty();
        for (int i = 0; i < times; i++) {
            last = ejection.onAttempt(HOST, Outcome.DOWN, now);
        }
        return last;
    }

    private static DeliveryTask task(int attemptNo, int retryBase) {
        return new DeliveryTask(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), attemptNo, retryBase,
                "http://127.0.0.1:9/h", "{}", List.of("whsec_x"));
    }

    private static AttemptResult result(Integer status, String error) {
        return new AttemptResult(Instant.now(), status, 1, error, null);
    }
}
