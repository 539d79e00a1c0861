package io.newshound.alert.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentMatchingTest {

    private static final Article ARTICLE = new Article(UUID.randomUUID(), "Alaska summit ends",
            "Officials discussed land swaps and security guarantees.", "Example Wire", "https://wire.example.com/a",
            "en", Map.of("land-swap", 0.8));

    @Test
    void reportsEachSubscriptionAtMostOnceWhileOneWriterChangesItUnderConcurrentMatches() throws Exception {
        try (SubscriptionMatcher matcher = new SubscriptionMatcher()) {
            UUID stable = UUID.randomUUID();
            UUID changing = UUID.randomUUID();
            matcher.put(topicSubscription(stable));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger matchesSeen = new AtomicInteger();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread reader = new Thread(() -> {
                    while (!stop.get()) {
                        List<UUID> ids = matcher.match(ARTICLE).stream().map(SubscriptionMatch::subscriptionId)
                                .toList();
                        if (Collections.frequency(ids, stable) != 1) {
                            failures.add("stable subscription seen " + Collections.frequency(ids, stable) + " times");
                        }
                        if (Collections.frequency(ids, changing) > 1) {
                            failures.add("changing subscription reported twice");
                        }
                        matchesSeen.incrementAndGet();
                        Thread.yield();
                    }
                });
                reader.start();
                readers.add(reader);
            }

            for (int i = 0; i < 24; i++) {
                switch (i % 4) {
                    case 0 -> matcher.put(topicSubscription(changing));
                    case 1 ->
                        matcher.put(new SubscriptionCriteria(changing, Set.of(), TopicMode.ANY_OF, "alaska", Set.of(),
                                Set.of(), Set.of(), 0, false));
                    case 2 -> matcher.put(new SubscriptionCriteria(changing, Set.of("land-swap"), TopicMode.ANY_OF,
                            "\"security guarantees\"", Set.of(), Set.of(), Set.of(), 0.5, false));
                    default -> matcher.remove(changing);
                }
            }
            matcher.put(topicSubscription(changing));
            stop.set(true);
            for (Thread reader : readers) {
                reader.join(10_000);
            }

            assertThat(failures).isEmpty();
            assertThat(matchesSeen.get()).isPositive();
            assertThat(matcher.match(ARTICLE)).extracting(SubscriptionMatch::subscriptionId)
                    .containsExactlyInAnyOrder(stable, changing);
        }
    }

    private static SubscriptionCriteria topicSubscription(UUID id) {
        return new SubscriptionCriteria(id, Set.of("land-swap"), TopicMode.ANY_OF, null, Set.of(), Set.of(), Set.of(),
                0.5,
                false);
    }
}
