package io.newshound.alert.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    // the test vector published with the Standard Webhooks specification and reference libraries
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void reproducesThePublishedTestVector() {
        assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(EXPECTED);
    }

    @Test
    void agreesWithTheReferenceLibrary() throws Exception {
        assertThat(new Webhook(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void referenceLibraryVerifiesWhatWeSign() {
        String secret = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"alert.raised\",\"data\":{\"title\":\"Grüße\"}}";
        String header = WebhookSignature.header(List.of(secret), "delivery-1", now,
                body.getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> new Webhook(secret).verify(body, headers("delivery-1", now, header)))
                .doesNotThrowAnyException();
    }

    @Test
    void duringRotationEitherSecretVerifies() {
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(List.of(current, previous), "d", now, "{}".getBytes());
        assertThat(header.split(" ")).hasSize(2);
        assertThatCode(() -> new Webhook(current).verify("{}", headers("d", now, header)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(previous).verify("{}", headers("d", now, header)))
                .doesNotThrowAnyException();
    }

    @Test
    void referenceLibraryRejectsATamperedBody() {
        String secret = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(List.of(secret), "d", now, "{\"a\":1}".getBytes());
        assertThatThrownBy(() -> new Webhook(secret).verify("{\"a\":2}", headers("d", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void newSecretsCarry32RandomBytes() {
        String a = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(a);
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
