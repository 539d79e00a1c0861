package io.newshound.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatTest {

    @Test
    void issuedKeysCarryTheirPrefixAndOnlyTheirHashMatches() {
        ApiKeyFormat.IssuedKey issued = ApiKeyFormat.issue();
        assertThat(issued.key()).matches("nhk_[a-z0-9]{10}_[A-Za-z0-9]{32}").startsWith("nhk_" + issued.prefix());
        assertThat(ApiKeyFormat.prefixOf(issued.key())).contains(issued.prefix());
        assertThat(ApiKeyFormat.hashMatches(issued.hash(), ApiKeyFormat.sha256(issued.key()))).isTrue();
        assertThat(ApiKeyFormat.hashMatches(issued.hash(), ApiKeyFormat.sha256(ApiKeyFormat.issue().key())))
                .isFalse();
        assertThat(issued.hash()).hasSize(64).doesNotContain(issued.key());
    }

    @Test
    void somethingShapedUnlikeAKeyHasNoPrefix() {
        assertThat(ApiKeyFormat.prefixOf("local-admin-key")).isEmpty();
        assertThat(ApiKeyFormat.prefixOf("nhk_short_x")).isEmpty();
        assertThat(ApiKeyFormat.prefixOf(null)).isEmpty();
    }

    @Test
    void onlyAConfiguredNonBlankKeyIsTheConfiguredKey() {
        assertThat(ApiKeyFormat.isConfiguredKey(Optional.of("s3cret"), "s3cret")).isTrue();
        assertThat(ApiKeyFormat.isConfiguredKey(Optional.of("s3cret"), "s3cret ")).isFalse();
        assertThat(ApiKeyFormat.isConfiguredKey(Optional.of(" "), " ")).isFalse();
        assertThat(ApiKeyFormat.isConfiguredKey(Optional.empty(), "anything")).isFalse();
    }

    @Test
    void readsTheKeyFromEitherHeader() {
        assertThat(ApiKeyAuthenticationMechanism.presentedKey(" k1 ", null)).isEqualTo("k1");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey(null, "Bearer k2")).isEqualTo("k2");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey("", "bearer k3")).isEqualTo("k3");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey("k1", "Bearer k2")).isEqualTo("k1");
        assertThat(ApiKeyAuthenticationMechanism.presentedKey(null, "Basic abc")).isNull();
        assertThat(ApiKeyAuthenticationMechanism.presentedKey(" ", null)).isNull();
    }

    @Test
    void theVerifierAsksTheStoreOncePerKeyUntilItForgets() {
        ApiKeyFormat.IssuedKey issued = ApiKeyFormat.issue();
        AtomicInteger lookups = new AtomicInteger();
        ApiKeyVerifier.Store<String> store = (prefix, hash) -> {
            lookups.incrementAndGet();
            return prefix.equals(issued.prefix()) && ApiKeyFormat.hashMatches(issued.hash(), hash)
                    ? Optional.of("owner")
                    : Optional.empty();
        };
        ApiKeyVerifier<String> verifier = new ApiKeyVerifier<>(Duration.ofSeconds(10),
                Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

        assertThat(verifier.verify(issued.key(), store)).contains("owner");
        assertThat(verifier.verify(issued.key(), store)).contains("owner");
        assertThat(lookups).hasValue(1);
        assertThat(verifier.verify("not-a-key", store)).isEmpty();
        assertThat(lookups).hasValue(1);

        verifier.forgetAll();
        verifier.verify(issued.key(), store);
        assertThat(lookups).hasValue(2);
    }
}
