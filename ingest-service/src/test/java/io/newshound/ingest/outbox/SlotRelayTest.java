package io.newshound.ingest.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.newshound.devkit.kafka.TopicProbe;
import io.newshound.devkit.quarkus.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay workers publish different keys side by side, each key's events once and in the order written. */
@QuarkusTest
class SlotRelayTest {

    private static final String TOPIC = "test.outbox-slots.v1";
    private static final int KEYS = 40;
    private static final int ROUNDS = 15;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Test
    void publishesEveryKeysEventsOnceAndInOrderAcrossWorkers() {
        String run = UUID.randomUUID().toString();
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(run + "-" + k);
        }
        for (int round = 0; round < ROUNDS; round++) {
            int seq = round;
            QuarkusTransaction.requiringNew().run(() -> outbox.addAll(keys.stream()
                    .map(key -> new Outbox.Pending(UUID.randomUUID(), "test.slot.v1", TOPIC, key,
                            Map.of("key", key, "seq", seq)))
                    .toList()));
        }
        // the keys spread over several slots, so several workers publish them
        Number slots = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "select count(distinct key_slot) from outbox_event where record_key like :run")
                .setParameter("run", run + "%").getSingleResult());
        assertThat(slots.intValue()).isGreaterThan(OutboxRelay.SLOTS / 4);

        try (TopicProbe topic = TopicProbe.on(KafkaTestResource.bootstrapServers(), TOPIC)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                pollOnce(topic);
                return topic.seen(r -> r.key().startsWith(run)).size() >= KEYS * ROUNDS;
            });
            Map<String, List<Integer>> byKey = new HashMap<>();
            Set<String> eventIds = new HashSet<>();
            for (ConsumerRecord<String, String> r : topic.seen(r -> r.key().startsWith(run))) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq(r.value()));
                eventIds.add(TopicProbe.header(r, "event-id"));
            }
            assertThat(eventIds).hasSize(KEYS * ROUNDS);
            List<Integer> inOrder = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                inOrder.add(i);
            }
            assertThat(byKey).hasSize(KEYS);
            byKey.values().forEach(seqs -> assertThat(seqs).isEqualTo(inOrder));
        }
        // every row marked published, with the set-wise update of its worker's batch
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox_event where record_key like :run and published_at is null")
                        .setParameter("run", run + "%").getSingleResult()).intValue()) == 0);
    }

    private static void pollOnce(TopicProbe topic) {
        try {
            topic.await(r -> false, Duration.ofMillis(300));
        } catch (AssertionError expected) {
            // nothing matches on purpose: this only polls
        }
    }

    private static int seq(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"seq\":(\\d+)").matcher(json);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
