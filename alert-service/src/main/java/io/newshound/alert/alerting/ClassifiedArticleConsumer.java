package io.newshound.alert.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.newshound.alert.event.ArticleClassifiedReader;

/**
 * Consumes {@code news.articles.classified.v1}. The offset is acknowledged only after this method returns, i.e. after
 * the transaction holding the inbox entry, alerts and deliveries has committed; a failure sends the record to
 * {@code news.articles.classified.v1.dlq} and the consumer moves on.
 */
@ApplicationScoped
public class ClassifiedArticleConsumer {

    private final ArticleClassifiedReader reader;
    private final AlertService alerts;

    public ClassifiedArticleConsumer(ArticleClassifiedReader reader, AlertService alerts) {
        this.reader = reader;
        this.alerts = alerts;
    }

    @Incoming("articles-classified")
    @Transactional
    public void consume(String record) {
        alerts.raise(reader.read(record));
    }
}
