package io.newshound.alert.delivery.webhook;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSenderTest {

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(WebhookSender.retryAfter(headers("120"))).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSender.retryAfter(headers("-5"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(WebhookSender.retryAfter(headers(inAMinute))).isBetween(Duration.ofSeconds(50),
                Duration.ofSeconds(61));
    }

    @Test
    void ignoresAnUnreadableOrMissingRetryAfter() {
        assertThat(WebhookSender.retryAfter(headers("soon"))).isNull();
        assertThat(WebhookSender.retryAfter(HttpHeaders.of(Map.of(), (k, v) -> true))).isNull();
    }

    private static HttpHeaders headers(String retryAfter) {
        return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (k, v) -> true);
    }
}
