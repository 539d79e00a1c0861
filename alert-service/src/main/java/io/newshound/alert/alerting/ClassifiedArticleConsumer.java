package io.newshound.alert.alerting;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.newshound.alert.event.ArticleClassified;
import io.newshound.alert.event.ArticleClassifiedReader;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;

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

    private static final List<Duration> STORE_RETRIES = List.of(Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    private final ArticleClassifiedReader reader;
    private final AlertService alerts;

    public ClassifiedArticleConsumer(ArticleClassifiedReader reader, AlertService alerts) {
        this.reader = reader;
        this.alerts = alerts;
    }

    @Incoming("articles-classified")
    @Blocking
    public void consume(String record) throws InterruptedException {
        ArticleClassified event = reader.read(record);
        for (int attempt = 0;; attempt++) {
            try {
                alerts.raise(event);
                return;
            } catch (RuntimeException e) {
                if (attempt >= STORE_RETRIES.size()) {
                    throw e;
                }
                Duration pause = STORE_RETRIES.get(attempt);
                Log.warnf("Storing event %s failed (%s); retrying in %d ms", event.eventId(), e, pause.toMillis());
                Thread.sleep(pause.toMillis());
            }
        }
    }
}
