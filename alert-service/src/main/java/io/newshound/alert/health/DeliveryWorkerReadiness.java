package io.newshound.alert.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newshound.alert.delivery.engine.DeliveryWorker;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Ready while the webhook delivery worker keeps claiming due deliveries. Its dispatcher claims at least once a second
 * whenever it has a free slot, and each claim is timed ({@code newshound.webhook.claim}); the count of that timer is
 * the worker's heartbeat. No claim for {@code stale-after} with nothing in flight means the dispatcher stopped (or
 * cannot reach the database): the replica is not doing its job. A worker whose slots are all busy waits for its
 * requests, which the request timeout bounds, and counts as working.
 */
@Readiness
@ApplicationScoped
public class DeliveryWorkerReadiness implements HealthCheck {

    /** Settings of the delivery worker's readiness check. */
    @ConfigMapping(prefix = "newshound.alert.health")
    public interface Settings {
        /** How long the dispatcher may go without a claim, nothing in flight, before the worker counts as stopped. */
        @WithDefault("30s")
        Duration deliveryStaleAfter();
    }

    private final MeterRegistry meters;
    private final DeliveryWorker worker;
    private final Duration staleAfter;
    private double lastCount = -1;
    private long lastChangeNanos = System.nanoTime();

    public DeliveryWorkerReadiness(MeterRegistry meters, DeliveryWorker worker, Settings settings) {
        this.meters = meters;
        this.worker = worker;
        this.staleAfter = settings.deliveryStaleAfter();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        Timer claims = meters.find("newshound.webhook.claim").timer();
        double count = claims == null ? 0 : claims.count();
        long now = System.nanoTime();
        if (count != lastCount) {
            lastCount = count;
            lastChangeNanos = now;
        }
        Duration silent = Duration.ofNanos(now - lastChangeNanos);
        int inFlight = worker.inFlight();
        boolean up = inFlight > 0 || silent.compareTo(staleAfter) <= 0;
        return HealthCheckResponse.named("delivery-worker").status(up)
                .withData("lastClaimMsAgo", silent.toMillis())
                .withData("inFlight", inFlight)
                .build();
    }
}
