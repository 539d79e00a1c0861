package io.newshound.alert.delivery.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.newshound.platform.outbound.TargetGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTargetGuardTest {

    private static final Map<String, String> DNS = Map.of("partner.example", "93.184.216.34", "intranet.example",
            "10.0.0.7", "rebind.example", "169.254.169.254", "v6.example", "2606:2800:220:1::1", "localhost",
            "127.0.0.1", "127.0.0.1", "127.0.0.1");

    private final WebhookTargetGuard guard = new WebhookTargetGuard(Set.of("127.0.0.1", "Localhost"), host -> {
        String ip = DNS.get(host);
        if (ip == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(ip)};
    });

    @Test
    void allowsHostsResolvingToPublicAddresses() {
        assertThatCode(() -> guard.check(URI.create("https://partner.example/hooks"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://v6.example:8080/"))).doesNotThrowAnyException();
    }

    @Test
    void allowsListedHostsWhateverTheyResolveTo() {
        assertThatCode(() -> guard.check(URI.create("http://127.0.0.1:8080/h"))).doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://localhost/h"))).doesNotThrowAnyException();
    }

    @Test
    void refusesAHostnameResolvingToAPrivateAddress() {
        assertThatThrownBy(() -> guard.check(URI.create("https://intranet.example/h")))
                .hasMessage("host intranet.example resolves to a non-public address");
        assertThatThrownBy(() -> guard.check(URI.create("http://rebind.example/latest/meta-data")))
                .isInstanceOf(TargetGuard.RefusedTarget.class);
    }

    @Test
    void refusesOtherSchemesCredentialsAndUnknownHosts() {
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd"))).hasMessageContaining("http");
        assertThatThrownBy(() -> guard.check(URI.create("gopher://partner.example/"))).hasMessageContaining("http");
        assertThatThrownBy(() -> guard.check(URI.create("https://u:p@partner.example/")))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.example/")))
                .hasMessageContaining("does not resolve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.2", "10.1.1.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fd00::1", "fe80::1",
            "::ffff:10.0.0.1", "64:ff9b::a00:1", "2001:db8::1"})
    void treatsNonPublicAddressesAsSuch(String ip) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1"})
    void treatsPublicAddressesAsSuch(String ip) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).isTrue();
    }
}
