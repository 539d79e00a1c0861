package io.newshound.ingest.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.newshound.ingest.outbox.OutboxRelay;

/**
 * Alive while the outbox relay's thread runs and keeps going round its loop. A broker or database outage does not make
 * it DOWN (the loop goes on failing and retrying, readiness reports the outage); a dead or stuck relay thread does,
 * because then nothing accepted is ever published and only a restart helps.
 */
@Liveness
@ApplicationScoped
public class OutboxRelayLiveness implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxRelayLiveness(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        if (!relay.isEnabled()) {
            return HealthCheckResponse.named("outbox-relay").up().withData("relay", "disabled on this replica")
                    .build();
        }
        Duration since = relay.sinceLastRound();
        // one round may legitimately wait for the broker up to longestRound; twice that means it is stuck
        boolean up = relay.isRelaying() && since.compareTo(relay.longestRound().multipliedBy(2)) <= 0;
        return HealthCheckResponse.named("outbox-relay").status(up)
                .withData("threadAlive", relay.isRelaying())
                .withData("lastRoundMsAgo", since.toMillis())
                .build();
    }
}
