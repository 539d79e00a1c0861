package io.newshound.alert;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests that watch what reaches a webhook: each test gets a fresh {@link WebhookReceiver}, started before the
 * subclass's own {@code @BeforeEach} methods and closed after its {@code @AfterEach} methods.
 */
public abstract class WithWebhookReceiver {

    protected WebhookReceiver receiver;

    @BeforeEach
    void startWebhookReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopWebhookReceiver() {
        receiver.close();
    }
}
