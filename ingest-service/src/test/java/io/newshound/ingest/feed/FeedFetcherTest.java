package io.newshound.ingest.feed;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.newshound.platform.outbound.TargetGuard;

import static org.assertj.core.api.Assertions.assertThat;

class FeedFetcherTest {

    private final LocalFeedServer server = new LocalFeedServer();
    /** The test server listens on 127.0.0.1, which only this exception lets through. */
    private static final TargetGuard LOCAL_SERVER_ONLY = TargetGuard.withSystemDns(Set.of("127.0.0.1"));

    private final FeedFetcher fetcher = new FeedFetcher(new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(3),
            1024 * 1024, 3, "Newshound-test/1.0"), LOCAL_SERVER_ONLY);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void fetchesADocumentWithItsValidators() {
        FetchResult result = fetcher.fetch(server.feed("rss2-world.xml"), PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class, fetched -> {
            assertThat(fetched.body()).isEqualTo(LocalFeedServer.document("rss2-world.xml"));
            assertThat(fetched.etag()).startsWith("\"");
            assertThat(fetched.lastModified()).isEqualTo(LocalFeedServer.LAST_MODIFIED);
            assertThat(fetched.finalUrl()).isEqualTo(server.feed("rss2-world.xml"));
            assertThat(fetched.contentType()).isEqualTo("application/rss+xml");
        });
        assertThat(server.requests().get(0).getFirst("User-Agent")).isEqualTo("Newshound-test/1.0");
        assertThat(server.requests().get(0).getFirst("If-None-Match")).isNull();
    }

    @Test
    void comparesFetchedDocumentsByContent() {
        FetchResult first = fetcher.fetch(server.feed("rss2-world.xml"), PreviousFetch.none());
        FetchResult second = fetcher.fetch(server.feed("rss2-world.xml"), PreviousFetch.none());

        assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(first.toString()).contains(LocalFeedServer.document("rss2-world.xml").length + " bytes");
    }

    @Test
    void getsNotModifiedOnTheSecondFetchWithTheFirstFetchsValidators() {
        FetchResult.Fetched first = (FetchResult.Fetched) fetcher.fetch(server.feed("atom-tech.xml"),
                PreviousFetch.none());

        FetchResult second = fetcher.fetch(server.feed("atom-tech.xml"), first.validators());

        assertThat(second).isEqualTo(new FetchResult.NotModified(server.feed("atom-tech.xml")));
        assertThat(server.requests().get(1).getFirst("If-None-Match")).isEqualTo(first.etag());
        assertThat(server.requests().get(1).getFirst("If-Modified-Since")).isEqualTo(LocalFeedServer.LAST_MODIFIED);
    }

    @Test
    void getsNotModifiedFromLastModifiedAlone() {
        FetchResult result = fetcher.fetch(server.feed("atom-tech.xml"),
                new PreviousFetch(null, LocalFeedServer.LAST_MODIFIED));

        assertThat(result).isInstanceOf(FetchResult.NotModified.class);
    }

    @Test
    void fetchesAgainWhenTheEtagNoLongerMatches() {
        FetchResult result = fetcher.fetch(server.feed("atom-tech.xml"), new PreviousFetch("\"stale\"", null));

        assertThat(result).isInstanceOf(FetchResult.Fetched.class);
    }

    @Test
    void decompressesGzip() {
        FetchResult result = fetcher.fetch(server.url("/gzip/rss2-world.xml"), PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                fetched -> assertThat(fetched.body()).isEqualTo(LocalFeedServer.document("rss2-world.xml")));
        assertThat(server.requests().get(0).getFirst("Accept-Encoding")).contains("gzip");
    }

    @Test
    void followsRedirectsAndReportsTheFinalUrl() {
        URI second = server.redirect("second", 302, "/feeds/rss2-world.xml");
        URI first = server.redirect("first", 301, second.toString());

        FetchResult result = fetcher.fetch(first, PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                fetched -> assertThat(fetched.finalUrl()).isEqualTo(server.feed("rss2-world.xml")));
    }

    @Test
    void givesUpAfterTooManyRedirects() {
        server.redirect("loop", 307, "/redirect/loop");

        FetchResult result = fetcher.fetch(server.url("/redirect/loop"), PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> {
            assertThat(failed.reason()).contains("more than 3 redirects");
            assertThat(failed.httpStatus()).hasValue(307);
        });
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void refusesARedirectToAnotherScheme() {
        URI start = server.redirect("ftp", 302, "ftp://files.example.com/feed.xml");

        FetchResult result = fetcher.fetch(start, PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("non-http(s)").contains("ftp://files.example.com"));
    }

    @Test
    void refusesAResponseDeclaredLargerThanTheCap() {
        FetchResult result = fetcher.fetch(server.url("/huge-declared"), PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("refused").contains("52428800 bytes"));
    }

    @Test
    void refusesAStreamedResponseOnceItGrowsPastTheCap() {
        FetchResult result = fetcher.fetch(server.url("/huge-streamed"), PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("larger than 1048576 bytes"));
    }

    @Test
    void refusesAGzipBodyThatDecompressesPastTheCap() {
        FetchResult result = fetcher.fetch(server.url("/gzip-bomb"), PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("once decompressed"));
    }

    @Test
    void reportsHttpErrorsWithTheirStatus() {
        assertThat(fetcher.fetch(server.url("/status/404"), PreviousFetch.none()))
                .isEqualTo(new FetchResult.Failed("HTTP 404 from " + server.url("/status/404"), OptionalInt.of(404)));
        assertThat(fetcher.fetch(server.url("/status/503"), PreviousFetch.none()))
                .isInstanceOfSatisfying(FetchResult.Failed.class, f -> assertThat(f.httpStatus()).hasValue(503));
    }

    @Test
    void refusesAFeedAtALoopbackPrivateOrLinkLocalAddressWithoutSendingAnything() {
        FeedFetcher guarded = new FeedFetcher(FetchSettings.DEFAULTS, TargetGuard.withSystemDns(Set.of()));
        for (String url : new String[]{server.url("/feeds/atom.xml").toString(), "http://localhost:5432/",
                "http://[::1]:8081/q/health", "http://10.0.0.1/rss", "http://192.168.1.1/rss",
                "http://169.254.169.254/latest/meta-data/", "http://[fd00::1]/feed", "http://[::ffff:127.0.0.1]/"}) {
            FetchResult result = guarded.fetch(URI.create(url), PreviousFetch.none());
            assertThat(result).as(url).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> {
                assertThat(failed.reason()).startsWith("feed URL refused: ")
                        .endsWith("resolves to a non-public address");
                assertThat(failed.httpStatus()).isEmpty();
            });
        }
        assertThat(server.requests()).as("nothing reached the server").isEmpty();
    }

    @Test
    void refusesARedirectToAnInternalAddressAndSaysNothingOfWhatAnswersThere() {
        URI toLoopbackByName = server.redirect("by-name", 302,
                "http://localhost:" + server.url("/").getPort() + "/feeds/atom.xml");
        URI toMetadata = server.redirect("metadata", 301, "http://169.254.169.254/latest/meta-data/");

        for (URI start : new URI[]{toLoopbackByName, toMetadata}) {
            FetchResult result = fetcher.fetch(start, PreviousFetch.none());
            assertThat(result).as(start.toString()).isInstanceOfSatisfying(FetchResult.Failed.class,
                    failed -> assertThat(failed.reason()).startsWith("redirect refused: host ")
                            .endsWith(" resolves to a non-public address"));
        }
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerInTime() {
        FeedFetcher impatient = new FeedFetcher(new FetchSettings(Duration.ofSeconds(1), Duration.ofMillis(300),
                1024, 1, "Newshound-test/1.0"), LOCAL_SERVER_ONLY);

        FetchResult result = impatient.fetch(server.url("/stalled"), PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, failed -> {
            assertThat(failed.reason()).containsAnyOf("in time", "within");
            assertThat(failed.httpStatus()).isEmpty();
        });
    }

    @Test
    void reportsARefusedConnection() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        FetchResult result = fetcher.fetch(URI.create("http://127.0.0.1:" + closedPort + "/feed.xml"),
                PreviousFetch.none());

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                failed -> assertThat(failed.reason()).contains("connection refused"));
    }

    @Test
    void refusesNonHttpFeedUrls() {
        assertThat(fetcher.fetch(URI.create("file:///etc/passwd"), PreviousFetch.none()))
                .isInstanceOfSatisfying(FetchResult.Failed.class,
                        failed -> assertThat(failed.reason()).contains("only http and https"));
    }
}
