package io.newshound.alert.delivery.engine;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.newshound.alert.db.SqlArrays;
import io.newshound.alert.delivery.engine.AttemptRecords.Completed;
import io.newshound.alert.delivery.webhook.AttemptResult;
import io.newshound.alert.delivery.webhook.DeliveryTask;

/**
 * A batch of finished attempts as the columns {@link AttemptRecords} writes them, one array per column, and what the
 * batch decides per delivery: its outcome ({@code delivered}, {@code pending} again, {@code dead}), its last error and
 * when it is due again.
 *
 * @param throttles
 *            endpoints that asked to slow down (429, 502, 503, 504), until when
 * @param gone
 *            endpoints that answered 410 Gone
 */
record AttemptRows(UUID[] ids, UUID[] endpoints, UUID[] tokens, Integer[] attemptNos, String[] attemptedAt,
        Integer[] statuses, Long[] latencies, String[] errors, String[] outcomes, String[] lastErrors, String[] nextAt,
        Map<UUID, Instant> throttles, Set<UUID> gone) {

    private static final int MAX_ERROR_CHARS = 1000;

    static AttemptRows of(List<Completed> batch, Instant now, RetrySchedule schedule) {
        int n = batch.size();
        AttemptRows rows = new AttemptRows(new UUID[n], new UUID[n], new UUID[n], new Integer[n], new String[n],
                new Integer[n], new Long[n], new String[n], new String[n], new String[n], new String[n],
                new TreeMap<>(), new HashSet<>());
        for (int i = 0; i < n; i++) {
            rows.put(i, batch.get(i).task(), batch.get(i).result(), now, schedule);
        }
        return rows;
    }

    private void put(int i, DeliveryTask task, AttemptResult result, Instant now, RetrySchedule schedule) {
        String error = result.error() == null
                ? null
                : result.error().substring(0, Math.min(result.error().length(), MAX_ERROR_CHARS));
        ids[i] = task.deliveryId();
        endpoints[i] = task.endpointId();
        tokens[i] = task.leaseToken();
        attemptNos[i] = task.attemptNo();
        attemptedAt[i] = result.attemptedAt().toString();
        statuses[i] = result.status();
        latencies[i] = result.latencyMs();
        errors[i] = error;
        lastErrors[i] = result.succeeded() ? null : error != null ? error : "HTTP " + result.status();
        if (result.succeeded()) {
            outcomes[i] = "delivered";
        } else if (Integer.valueOf(410).equals(result.status())) {
            outcomes[i] = "dead";
            gone.add(task.endpointId());
        } else {
            Optional<Duration> delay = schedule.nextDelay(task.attemptNo() - task.retryBase());
            outcomes[i] = delay.isPresent() ? "pending" : "dead";
            if (delay.isPresent()) {
                Duration wait = delay.get();
                if (AttemptRecords.isThrottling(result.status())) {
                    if (result.retryAfter() != null) {
                        wait = result.retryAfter().compareTo(AttemptRecords.MAX_RETRY_AFTER) > 0
                                ? AttemptRecords.MAX_RETRY_AFTER
                                : result.retryAfter();
                    }
                    throttles.merge(task.endpointId(), now.plus(wait), (a, b) -> a.isAfter(b) ? a : b);
                    nextAt[i] = now.plus(wait).toString();
                } else {
                    // counted from the failure, not from this write: a held failure's retry is not put off
                    Instant failedAt = result.attemptedAt().plusMillis(result.latencyMs());
                    nextAt[i] = (failedAt.isBefore(now) ? failedAt : now).plus(wait).toString();
                }
            }
        }
    }

    /** Binds the arrays of {@code attempts}, then those of {@code deliveries}, in the record statement's order. */
    void bind(SqlArrays.Binder params) throws SQLException {
        params.uuids(ids).uuids(endpoints).ints(attemptNos).texts(attemptedAt).ints(statuses).longs(latencies)
                .texts(errors);
        params.uuids(ids).uuids(tokens).texts(outcomes).ints(attemptNos).ints(statuses).texts(lastErrors)
                .texts(nextAt).texts(attemptedAt);
    }
}
