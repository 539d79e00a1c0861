package io.newshound.alert.delivery.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prints one webhook signed exactly as the sender signs it (secret, headers, body) as JSON, so receivers written in
 * other languages can be checked against it, e.g. {@code src/test/js/verify-signature.cjs} with the reference
 * JavaScript library. Signed with two secrets, as during a rotation; the second one is printed as {@code secret}.
 */
public final class SignedWebhookSample {

    private SignedWebhookSample() {
    }

    public static void main(String[] args) throws Exception {
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();
        String id = UUID.randomUUID().toString();
        long timestamp = Instant.now().getEpochSecond();
        String body = "{\"type\":\"alert.raised\",\"timestamp\":\"" + Instant.now() + "\",\"data\":{\"title\":"
                + "\"Zürich: Ukraine security guarantees — “Article 5-like”\",\"revision\":1}}";
        String signature = WebhookSignature.header(List.of(current, previous), id, timestamp,
                body.getBytes(StandardCharsets.UTF_8));
        System.out.println(new ObjectMapper().writeValueAsString(Map.of("secret", previous, "body", body, "headers",
                Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature",
                        signature, "content-type", "application/json"))));
    }
}
