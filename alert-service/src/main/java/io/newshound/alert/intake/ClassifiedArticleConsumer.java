package io.newshound.alert.intake;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.newshound.alert.event.ArticleClassifiedReader;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Consumes {@code news.articles.classified.v1}. The offset is acknowledged only after this method returns, i.e. after
 * the transaction holding the inbox entry, alerts and deliveries has committed.
 *
 * <p>
 * A record that cannot be read goes straight to {@code news.articles.classified.v1.dlq}. A failure to store it (the
 * database restarting, say) is retried a few times first, each try its own transaction, so a short outage does not send
 * good records to the dead-letter topic.
 */
@ApplicationScoped
public class ClassifiedArticleConsumer {

    /** Retries of a failed store: about 1 s, 2 s and 4 s apart (with jitter), then the record is dead-lettered. */
    private static final int STORE_RETRIES = 3;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final ArticleClassifiedReader reader;
    private final ArticleIntake intake;

    public ClassifiedArticleConsumer(ArticleClassifiedReader reader, ArticleIntake intake) {
        this.reader = reader;
        this.intake = intake;
    }

    /**
     * Stores the event on a worker thread; the pauses between retries are timers, so no thread waits through them,
     * while the channel still takes the next record only when this one is stored or dead-lettered.
     */
    @Incoming("articles-classified")
    public Uni<Void> consume(String record) {
        return Uni.createFrom().item(() -> reader.read(record))
                .chain(event -> Uni.createFrom().item(() -> intake.raise(event))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onFailure().invoke(e -> Log.warnf("Storing event %s failed (%s); retrying",
                                event.eventId(), e))
                        .onFailure().retry().withBackOff(FIRST_RETRY, LONGEST_PAUSE).atMost(STORE_RETRIES))
                .replaceWithVoid();
    }
}
