package io.newshound.ingest.normalize;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalUrlPropertiesTest {

    @Property(tries = 2000)
    void isIdempotentAndOnlyEverRejectsWithItsOwnException(@ForAll("urlLikeStrings") String raw) {
        Statistics.collect(assertCanonicalisedOrRejected(raw));
        // the generator must reach both outcomes often, or the property proves little
        Statistics.coverage(coverage -> {
            coverage.check("canonical").percentage(p -> p > 15);
            coverage.check("rejected").percentage(p -> p > 15);
        });
    }

    @Property(tries = 1000)
    void copesWithArbitraryUnicodeInput(@ForAll String raw) {
        assertCanonicalisedOrRejected(raw);
        assertCanonicalisedOrRejected("https://example.com/" + raw);
        assertCanonicalisedOrRejected("http://" + raw);
    }

    private static String assertCanonicalisedOrRejected(String raw) {
        CanonicalUrl once;
        try {
            once = CanonicalUrl.of(raw);
        } catch (RejectedUrlException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return "rejected";
        }
        CanonicalUrl twice = CanonicalUrl.of(once.value());
        assertThat(twice.value()).isEqualTo(once.value());
        assertThat(once.toUri().isAbsolute()).isTrue();
        return "canonical";
    }

    @Provide
    Arbitrary<String> urlLikeStrings() {
        Arbitrary<String> scheme = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("http", "https", "HTTP", "HtTpS")),
                Tuple.of(1, Arbitraries.of("ftp", "", "mailto", "http:")));
        Arbitrary<String> separator = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("://")),
                Tuple.of(1, Arbitraries.of(":", ":/", ":\\\\", ":///", "//")));
        Arbitrary<String> userInfo = Arbitraries.of("", "", "", "user@", "user:pw@", "@", "a@b@");
        Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ019-_\u00fc\u0444\u4e2d").ofMinLength(1)
                .ofMaxLength(10);
        Arbitrary<String> plausibleHost = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l))
                .map(h -> h.startsWith("-") ? "x" + h : h);
        Arbitrary<String> noisyHost = Arbitraries.strings().withChars("abcXYZ019.-_%:[]@\u00fc\u0444\u4e2d\u3002 ")
                .ofMaxLength(16);
        Arbitrary<String> host = Arbitraries.frequencyOf(Tuple.of(4, plausibleHost), Tuple.of(1, noisyHost),
                Tuple.of(1, Arbitraries.of("[::1]", "[2001:DB8::1]", "127.0.0.1", "[::ffff:1.2.3.4]", "[zz]")));
        Arbitrary<String> port = Arbitraries.of("", "", "", "", ":", ":80", ":443", ":8080", ":0", ":99999", ":08",
                ":x");
        Arbitrary<String> path = Arbitraries.strings()
                .withChars("/\\.%aZ09-_~!$&'()*+,;=:@ \u00e9\u0416\ud83d\ude00\ud800|^`{}\"<>[]2fFE")
                .ofMaxLength(30).flatMap(p -> Arbitraries.frequency(Tuple.of(6, "/" + p), Tuple.of(1, p)));
        Arbitrary<String> query = Arbitraries.strings().withChars("?&=%+aZ09utm_fbclid/ \u00e9#:;")
                .ofMaxLength(30).map(q -> q.isEmpty() ? "" : "?" + q);
        Arbitrary<String> fragment = Arbitraries.of("", "#", "#top", "#a?b=c", "#!/x");
        return Combinators.combine(scheme, separator, userInfo, host, port, path, query, fragment)
                .as((s, sep, u, h, p, pa, q, f) -> s + sep + u + h + p + pa + q + f);
    }
}
