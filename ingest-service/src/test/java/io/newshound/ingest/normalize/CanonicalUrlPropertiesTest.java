package io.newshound.ingest.normalize;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalUrlPropertiesTest {

    @Property(tries = 2000)
    void isIdempotentAndOnlyEverRejectsWithItsOwnException(@ForAll("urlLikeStrings") String raw) {
        assertCanonicalisedOrRejected(raw);
    }

    @Property(tries = 1000)
    void copesWithArbitraryUnicodeInput(@ForAll String raw) {
        assertCanonicalisedOrRejected(raw);
        assertCanonicalisedOrRejected("https://example.com/" + raw);
        assertCanonicalisedOrRejected("http://" + raw);
    }

    private static void assertCanonicalisedOrRejected(String raw) {
        CanonicalUrl once;
        try {
            once = CanonicalUrl.of(raw);
        } catch (RejectedUrlException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        CanonicalUrl twice = CanonicalUrl.of(once.value());
        assertThat(twice.value()).isEqualTo(once.value());
        assertThat(once.toUri().isAbsolute()).isTrue();
    }

    @Provide
    Arbitrary<String> urlLikeStrings() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "HTTP", "HtTpS", "ftp", "", "mailto", "http:");
        Arbitrary<String> separator = Arbitraries.of("://", ":", ":/", ":\\\\", ":///", "//");
        Arbitrary<String> userInfo = Arbitraries.of("", "user@", "user:pw@", "@", "a@b@");
        Arbitrary<String> host = Arbitraries.strings().withChars("abcXYZ019.-_%:[]@\u00fc\u0444\u4e2d\u3002 ")
                .ofMaxLength(16);
        Arbitrary<String> port = Arbitraries.of("", ":", ":80", ":443", ":8080", ":0", ":99999", ":08", ":x");
        Arbitrary<String> path = Arbitraries.strings()
                .withChars("/\\.%aZ09-_~!$&'()*+,;=:@ \u00e9\u0416\ud83d\ude00\ud800|^`{}\"<>[]2fFE")
                .ofMaxLength(30);
        Arbitrary<String> query = Arbitraries.strings().withChars("?&=%+aZ09utm_fbclid/ \u00e9#:;")
                .ofMaxLength(30).map(q -> q.isEmpty() ? "" : "?" + q);
        Arbitrary<String> fragment = Arbitraries.of("", "#", "#top", "#a?b=c", "#!/x");
        return Combinators.combine(scheme, separator, userInfo, host, port, path, query, fragment)
                .as((s, sep, u, h, p, pa, q, f) -> s + sep + u + h + p + pa + q + f);
    }
}
