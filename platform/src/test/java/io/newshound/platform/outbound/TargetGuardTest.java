package io.newshound.platform.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetGuardTest {

    private static final Map<String, String> DNS = Map.of("news.example", "93.184.216.34", "intranet.example",
            "10.0.0.7", "metadata.example", "169.254.169.254", "v6.example", "2606:2800:220:1::1",
            "v6-internal.example",
            "fd12:3456::1", "localhost", "127.0.0.1", "127.0.0.1", "127.0.0.1", "::1", "::1", "10.0.0.7", "10.0.0.7");

    private final TargetGuard guard = new TargetGuard(Set.of("127.0.0.1"), host -> {
        String ip = DNS.get(host);
        if (ip == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(ip)};
    });

    @Test
    void letsThroughHostsResolvingToPublicAddresses() throws Exception {
        assertThat(guard.resolve(URI.create("https://news.example/feed.xml")).getHostAddress())
                .isEqualTo("93.184.216.34");
        assertThatCode(() -> guard.resolve(URI.create("http://v6.example:8080/"))).doesNotThrowAnyException();
    }

    @Test
    void refusesLoopbackByNameAndByAddressUnlessAllowed() {
        assertThatThrownBy(() -> guard.resolve(URI.create("http://localhost:5432/")))
                .isInstanceOf(TargetGuard.RefusedTarget.class)
                .hasMessage("host localhost resolves to a non-public address");
        assertThatThrownBy(() -> guard.resolve(URI.create("http://[::1]:8081/q/health")))
                .hasMessage("host ::1 resolves to a non-public address");
        assertThatCode(() -> guard.resolve(URI.create("http://127.0.0.1:8080/feed"))).doesNotThrowAnyException();
    }

    @Test
    void refusesPrivateLinkLocalAndUniqueLocalTargets() {
        assertThatThrownBy(() -> guard.resolve(URI.create("https://intranet.example/rss")))
                .hasMessage("host intranet.example resolves to a non-public address");
        assertThatThrownBy(() -> guard.resolve(URI.create("http://10.0.0.7/rss")))
                .isInstanceOf(TargetGuard.RefusedTarget.class);
        assertThatThrownBy(() -> guard.resolve(URI.create("http://metadata.example/latest/meta-data")))
                .isInstanceOf(TargetGuard.RefusedTarget.class);
        assertThatThrownBy(() -> guard.resolve(URI.create("http://v6-internal.example/")))
                .isInstanceOf(TargetGuard.RefusedTarget.class);
    }

    @Test
    void refusesOtherSchemesCredentialsAndUnknownHosts() {
        assertThatThrownBy(() -> guard.resolve(URI.create("file:///etc/passwd"))).hasMessageContaining("http");
        assertThatThrownBy(() -> guard.resolve(URI.create("gopher://news.example/"))).hasMessageContaining("http");
        assertThatThrownBy(() -> guard.resolve(URI.create("https://u:p@news.example/")))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> guard.resolve(URI.create("https://nowhere.example/")))
                .hasMessage("host nowhere.example does not resolve");
    }

    @Test
    void registrationLetsAnUnresolvableHostWaitForItsFirstCallButRefusesInternalOnes() {
        assertThatCode(() -> guard.checkForRegistration(URI.create("https://not-yet.example/feed")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.checkForRegistration(URI.create("http://localhost:5432/")))
                .isInstanceOf(TargetGuard.RefusedTarget.class);
        assertThatThrownBy(() -> guard.checkForRegistration(URI.create("ftp://news.example/feed")))
                .isInstanceOf(TargetGuard.RefusedTarget.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.2", "10.1.1.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fd00::1", "fe80::1",
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2001:db8::1"})
    void treatsNonPublicAddressesAsSuch(String ip) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1::1"})
    void treatsPublicAddressesAsSuch(String ip) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(ip))).isTrue();
    }
}
