package io.newshound.ingest.normalize;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.newshound.ingest.normalize.RejectedUrlException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalUrlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // scheme and host case, default ports, fragments
            "HTTPS://WWW.Example.COM/News/Story|https://www.example.com/News/Story",
            "https://example.com:443/a|https://example.com/a",
            "http://example.com:80/a|http://example.com/a",
            "http://example.com:8080/a|http://example.com:8080/a",
            "https://example.com:0443/a|https://example.com/a",
            "https://example.com:80/a|https://example.com:80/a",
            "https://example.com/a#comments|https://example.com/a",
            "https://example.com/a?b=1#x?y|https://example.com/a?b=1",
            "https://example.com./a|https://example.com/a",
            // empty path and trailing slash policy
            "https://example.com|https://example.com/",
            "https://example.com?x=1|https://example.com/?x=1",
            "https://example.com/politics/|https://example.com/politics/",
            "https://example.com/politics|https://example.com/politics",
            "https://example.com//double//slash|https://example.com//double//slash",
            // dot segments
            "https://example.com/a/b/../c/./d.html|https://example.com/a/c/d.html",
            "https://example.com/../../a|https://example.com/a",
            "https://example.com/a/b/..|https://example.com/a/",
            "https://example.com/a/%2E%2E/b|https://example.com/b",
            "https://example.com/a\\b\\..\\c|https://example.com/a/c",
            // percent-encoding
            "https://example.com/%7euser/%41rticle|https://example.com/~user/Article",
            "https://example.com/a%2fb|https://example.com/a%2Fb",
            "https://example.com/caf\u00e9|https://example.com/caf%C3%A9",
            "https://example.com/caf%c3%a9|https://example.com/caf%C3%A9",
            "https://example.com/a b|https://example.com/a%20b",
            "https://example.com/100%|https://example.com/100%25",
            "https://example.com/%zz|https://example.com/%25zz",
            "https://example.com/\u043d\u043e\u0432\u043e\u0441\u0442\u0438|https://example.com/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
            "https://example.com/a{b}^c|https://example.com/a%7Bb%7D%5Ec",
            // IDN hosts
            "https://b\u00fccher.example/x|https://xn--bcher-kva.example/x",
            "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0438\u0441\u043f\u044b\u0442\u0430\u043d\u0438\u0435/|https://xn--e1afmkfd.xn--80akhbyknj4f/",
            "https://XN--BCHER-KVA.example/x|https://xn--bcher-kva.example/x",
            "https://b%C3%BCcher.example/x|https://xn--bcher-kva.example/x",
            // user info, IP addresses
            "https://user:secret@example.com/a|https://example.com/a",
            "http://192.168.0.10:8080/a|http://192.168.0.10:8080/a",
            "http://[2001:DB8::1]:8080/a|http://[2001:db8:0:0:0:0:0:1]:8080/a"})
    void canonicalisesRealWorldUrls(String raw, String expected) {
        assertThat(CanonicalUrl.of(raw).value()).isEqualTo(expected);
    }

    @Test
    void removesWhitespaceAndLineBreaksLeftByCopyAndPaste() {
        assertThat(CanonicalUrl.of("  https://example.com/a\t\n ").value()).isEqualTo("https://example.com/a");
        assertThat(CanonicalUrl.of("\u00a0https://exam\nple.com/a\r\nb").value())
                .isEqualTo("https://example.com/ab");
        assertThat(CanonicalUrl.of("https://example.com/a|b").value()).isEqualTo("https://example.com/a%7Cb");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://example.com/a?utm_source=twitter&utm_medium=social&id=7|https://example.com/a?id=7",
            "https://example.com/a?UTM_Campaign=x|https://example.com/a",
            "https://example.com/a?fbclid=IwAR0abc|https://example.com/a",
            "https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&igshid=4&ref_src=twsrc%5Etfw&cmpid=5|https://example.com/a",
            "https://example.com/a?z=1&a=2&m=3|https://example.com/a?a=2&m=3&z=1",
            "https://example.com/a?b=2&a=9&b=1|https://example.com/a?a=9&b=1&b=2",
            "https://example.com/a?&&x=1&|https://example.com/a?x=1",
            "https://example.com/a?=orphan&x|https://example.com/a?x",
            "https://example.com/a?q=a+b&r=c%20d|https://example.com/a?q=a+b&r=c%20d",
            "https://example.com/a?q=%e2%82%ac|https://example.com/a?q=%E2%82%AC",
            "https://example.com/a?next=/b?c|https://example.com/a?next=/b?c",
            "https://example.com/search?q=\u0443\u043a\u0440\u0430\u0457\u043d\u0430|https://example.com/search?q=%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0",
            "https://example.com/a?x=1&y|https://example.com/a?x=1&y",
            "https://example.com/a?|https://example.com/a"})
    void dropsTrackingParametersAndSortsTheRest(String raw, String expected) {
        assertThat(CanonicalUrl.of(raw).value()).isEqualTo(expected);
    }

    @Test
    void usesAConfiguredTrackingListInsteadOfTheDefaults() {
        TrackingParameters custom = TrackingParameters.of(List.of("ref", "src_*"));

        assertThat(CanonicalUrl.of("https://example.com/a?ref=home&src_feed=1&utm_source=x", custom).value())
                .isEqualTo("https://example.com/a?utm_source=x");
    }

    @ParameterizedTest(name = "{0} rejected as {1}")
    @CsvSource(delimiter = '|', value = {
            "ftp://example.com/file|UNSUPPORTED_SCHEME",
            "mailto:news@example.com|UNSUPPORTED_SCHEME",
            "javascript:alert(1)|UNSUPPORTED_SCHEME",
            "data:text/html,hi|UNSUPPORTED_SCHEME",
            "/relative/path|NOT_ABSOLUTE",
            "www.example.com/a|NOT_ABSOLUTE",
            "'   '|EMPTY",
            "https://|MISSING_HOST",
            "https://:8080/a|MISSING_HOST",
            "https://exa mple.com/|INVALID_HOST",
            "https://a..b/|INVALID_HOST",
            "https://[::1/|INVALID_HOST",
            "https://[zz::1]/|INVALID_HOST",
            "https://example.com:99999/|INVALID_PORT",
            "https://example.com:http/|INVALID_PORT",
            "https://example.com:0/|INVALID_PORT"})
    void rejectsWhatIsNotAnHttpUrlWithAReason(String raw, Reason reason) {
        assertThatThrownBy(() -> CanonicalUrl.of(raw)).isInstanceOfSatisfying(RejectedUrlException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void rejectsNullAndOverlongInput() {
        assertThatThrownBy(() -> CanonicalUrl.of(null)).isInstanceOf(RejectedUrlException.class)
                .hasMessageContaining("no URL");
        assertThatThrownBy(() -> CanonicalUrl.of("https://example.com/" + "a".repeat(CanonicalUrl.MAX_LENGTH)))
                .isInstanceOfSatisfying(RejectedUrlException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
    }

    @Test
    void explainsTheRejectedSchemeInTheMessage() {
        assertThatThrownBy(() -> CanonicalUrl.of("ftp://example.com/x"))
                .hasMessageContaining("only http and https").hasMessageContaining("'ftp'");
    }

    @ParameterizedTest(name = "{1} against {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "https://example.com/news/world/feed.xml|story-1.html|https://example.com/news/world/story-1.html",
            "https://example.com/news/world/feed.xml|../sport/a.html|https://example.com/news/sport/a.html",
            "https://example.com/news/world/feed.xml|/2026/08/15/a|https://example.com/2026/08/15/a",
            "https://example.com/news/feed.xml|//cdn.example.org/a?utm_source=rss|https://cdn.example.org/a",
            "https://example.com/news/feed.xml|?page=2|https://example.com/news/feed.xml?page=2",
            "https://example.com/news/feed.xml|#top|https://example.com/news/feed.xml",
            "https://example.com/news/feed.xml|HTTP://Other.example/x|http://other.example/x",
            "http://example.com/|a b/c|http://example.com/a%20b/c"})
    void resolvesRelativeLinksAgainstABase(String base, String reference, String expected) {
        assertThat(CanonicalUrl.of(base).resolve(reference, TrackingParameters.defaults()).value())
                .isEqualTo(expected);
    }

    @Test
    void resolvingANonHttpLinkIsRejected() {
        assertThatThrownBy(() -> CanonicalUrl.of("https://example.com/").resolve("mailto:a@example.com",
                TrackingParameters.defaults())).isInstanceOf(RejectedUrlException.class);
    }

    @Test
    void isAlwaysAValidUri() {
        CanonicalUrl url = CanonicalUrl.of("https://Example.com/a b/\u00e9?q=\u20ac&x=[1]");

        assertThat(url.toUri().getHost()).isEqualTo("example.com");
        assertThat(url.toUri().getRawQuery()).isEqualTo("q=%E2%82%AC&x=%5B1%5D");
    }

    @Test
    void equalsByCanonicalValue() {
        assertThat(CanonicalUrl.of("https://EXAMPLE.com:443/a?utm_source=x"))
                .isEqualTo(CanonicalUrl.of("https://example.com/a")).hasSameHashCodeAs(CanonicalUrl.of(
                        "https://example.com/a#frag"));
    }
}
