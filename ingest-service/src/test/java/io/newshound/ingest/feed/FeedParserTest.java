package io.newshound.ingest.feed;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.newshound.ingest.normalize.PublishedTime;
import io.newshound.ingest.normalize.TrackingParameters;
import io.newshound.platform.outbound.TargetGuard;

import static org.assertj.core.api.Assertions.assertThat;

/** Each document is served over real HTTP by {@link LocalFeedServer}, fetched, then parsed. */
class FeedParserTest {

    private static final Instant NOW = Instant.parse("2026-08-16T12:00:00Z");

    private final LocalFeedServer server = new LocalFeedServer();
    private final FeedFetcher fetcher = new FeedFetcher(FetchSettings.DEFAULTS,
            TargetGuard.withSystemDns(Set.of("127.0.0.1")));
    private final FeedParser parser = new FeedParser(
            new PublishedTime(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), PublishedTime.DEFAULT_EARLIEST),
            TrackingParameters.defaults());

    @AfterEach
    void stopServer() {
        server.close();
    }

    private FeedParseResult fetchAndParse(String name) {
        FetchResult fetched = fetcher.fetch(server.feed(name), PreviousFetch.none());
        assertThat(fetched).isInstanceOf(FetchResult.Fetched.class);
        return parser.parse((FetchResult.Fetched) fetched);
    }

    private FeedParseResult.Parsed parsed(String name) {
        FeedParseResult result = fetchAndParse(name);
        assertThat(result).isInstanceOf(FeedParseResult.Parsed.class);
        return (FeedParseResult.Parsed) result;
    }

    @Test
    void readsAnRss2Feed() {
        FeedParseResult.Parsed feed = parsed("rss2-world.xml");

        assertThat(feed.feedType()).isEqualTo("rss_2.0");
        assertThat(feed.title()).isEqualTo("Example Wire \u2013 World");
        assertThat(feed.language()).isEqualTo("en");
        assertThat(feed.skipped()).isEmpty();
        assertThat(feed.items()).hasSize(3);
        FeedItem first = feed.items().get(0);
        assertThat(first.url().value())
                .isEqualTo("https://wire.example.com/world/2026/08/15/alaska-summit-security-guarantees");
        assertThat(first.guid()).isEqualTo("wire-2026-08-15-0042");
        assertThat(first.title())
                .isEqualTo("Putin agrees to Article 5-like security guarantees for Ukraine at Alaska summit");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-08-15T17:58:00Z"));
        assertThat(first.author()).isEqualTo("Jane Doe");
        assertThat(first.language()).isEqualTo("en");
    }

    @Test
    void takesTheFullContentOverTheDescriptionAndDropsScriptsAndNavigation() {
        FeedItem first = parsed("rss2-world.xml").items().get(0);

        assertThat(first.text()).isEqualTo("Putin agreed to Article 5-like security guarantees for Ukraine at the"
                + " Alaska summit on Friday, according to officials briefed on the talks.\n\n"
                + "There is no ceasefire yet, and land swaps are still open, the officials said.");
    }

    @Test
    void readsEscapedHtmlInDescriptionsAndTitles() {
        FeedParseResult.Parsed feed = parsed("rss2-world.xml");

        assertThat(feed.items().get(1).text()).isEqualTo(
                "Negotiators met again on Saturday \u2014 the first round since June.\nShipping insurers are watching"
                        + " closely.");
        assertThat(feed.items().get(2).title()).isEqualTo("Markets & the <summit>: what traders expect");
    }

    @Test
    void canonicalisesItemLinks() {
        FeedParseResult.Parsed feed = parsed("rss2-world.xml");

        assertThat(feed.items().get(1).url().value())
                .isEqualTo("https://wire.example.com/world/2026/08/15/grain-corridor-istanbul");
        assertThat(feed.items().get(2).url().value())
                .isEqualTo("https://wire.example.com/markets/2026/08/15/summit-traders?page=2");
    }

    @Test
    void readsAuthorsWrittenAsEmailWithName() {
        assertThat(parsed("rss2-world.xml").items().get(1).author()).isEqualTo("World Desk");
    }

    @Test
    void convertsNamedZonesAndOffsetsToUtc() {
        FeedParseResult.Parsed feed = parsed("rss2-world.xml");

        assertThat(feed.items().get(1).publishedAt()).isEqualTo(Instant.parse("2026-08-15T17:30:00Z"));
        assertThat(feed.items().get(2).publishedAt()).isEqualTo(Instant.parse("2026-08-15T20:05:00Z"));
    }

    @Test
    void readsAnAtomFeed() {
        FeedParseResult.Parsed feed = parsed("atom-tech.xml");

        assertThat(feed.feedType()).isEqualTo("atom_1.0");
        assertThat(feed.title()).isEqualTo("Technik & Gesellschaft");
        assertThat(feed.language()).isEqualTo("de");
        assertThat(feed.items()).hasSize(3);
        FeedItem first = feed.items().get(0);
        assertThat(first.url().value()).isEqualTo("https://tech.example.org/blog/2026/08/sicherheitsgarantien.html");
        assertThat(first.guid()).isEqualTo("tag:tech.example.org,2026:entry-1");
        assertThat(first.title()).isEqualTo("Neue Sicherheitsgarantien f\u00fcr die Ukraine");
        assertThat(first.text())
                .isEqualTo("Die Bundesregierung hat am Freitag neue Sicherheitsgarantien angek\u00fcndigt.\n\n"
                        + "Details folgen.");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-08-15T15:30:00Z"));
        assertThat(first.author()).isEqualTo("Erika Mustermann");
        assertThat(first.language()).isEqualTo("de");
    }

    @Test
    void readsAtomXhtmlContentEntryLanguageAndUpdatedAsAFallbackDate() {
        FeedItem second = parsed("atom-tech.xml").items().get(1);

        assertThat(second.url().value()).isEqualTo("https://tech.example.org/news/chips");
        assertThat(second.text()).isEqualTo("New rules apply from Monday.\n\nExporters need licences.");
        assertThat(second.language()).isEqualTo("en");
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2026-08-15T15:00:00Z"));
        assertThat(second.author()).isEqualTo("Redaktion");
    }

    @Test
    void fallsBackToTheSummaryWhenThereIsNoContent() {
        assertThat(parsed("atom-tech.xml").items().get(2).text())
                .isEqualTo("Ein Satz ohne Markup & mit Und-Zeichen.");
    }

    @Test
    void resolvesRelativeLinksAgainstTheFeedUrlAndSkipsUnusableItems() {
        FeedParseResult.Parsed feed = parsed("rss-relative-links.xml");
        String origin = server.url("").toString();

        assertThat(feed.items()).extracting(item -> item.url().value()).containsExactly(
                origin + "/local/2026/08/15/council-vote", origin + "/feeds/stories/bridge-reopens.html",
                origin + "/sport/derby.html", origin + "/local/2026/08/15/library-hours");
        assertThat(feed.skipped()).extracting(FeedParseResult.SkippedItem::identifier)
                .containsExactly("javascript:void(0)", "local-77");
        assertThat(feed.skipped().get(0).reason()).contains("only http and https");
        assertThat(feed.skipped().get(1).reason()).contains("no link");
    }

    @Test
    void derivesMissingTitlesFromTheTextAndMissingGuidsFromTheCanonicalLink() {
        FeedParseResult.Parsed feed = parsed("rss-untitled.xml");

        FeedItem first = feed.items().get(0);
        assertThat(first.title()).isEqualTo("Air raid alert lifted in Kyiv after two hours. Residents can leave the"
                + " shelters, the city administration said in a statement on its channel\u2026")
                .hasSizeLessThanOrEqualTo(141);
        assertThat(first.guid()).isEqualTo("https://short.example.com/posts/1");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-08-15T03:10:00Z"));
        assertThat(feed.items().get(1).title()).isEqualTo("Short one.");
        assertThat(feed.items().get(1).publishedAt()).isNull();
    }

    @Test
    void readsOddDateFormatsWithFallbacks() {
        FeedParseResult.Parsed feed = parsed("rss-odd-dates.xml");
        Instant expected = Instant.parse("2026-08-15T17:58:00Z");

        assertThat(feed.items()).extracting(FeedItem::title, FeedItem::publishedAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Two-digit year, no seconds, EST", expected),
                org.assertj.core.groups.Tuple.tuple("ISO date in pubDate", expected),
                org.assertj.core.groups.Tuple.tuple("US style with PM", expected),
                org.assertj.core.groups.Tuple.tuple("Garbage pubDate, dc:date fallback", expected),
                org.assertj.core.groups.Tuple.tuple("Far in the future", null),
                org.assertj.core.groups.Tuple.tuple("Wrong weekday and a zone comment", expected),
                org.assertj.core.groups.Tuple.tuple("Caf\u00e9 owners protest \u2013 Latin-1 document", expected));
    }

    @Test
    void decodesTheDeclaredEncoding() {
        FeedParseResult.Parsed feed = (FeedParseResult.Parsed) parser.parse(LocalFeedServer.document("rss-latin1.xml"),
                URI.create("https://latin.example.net/feed"), null);

        assertThat(feed.items().get(0).title()).isEqualTo("Caf\u00e9 na\u00efve");
        assertThat(feed.items().get(0).text()).isEqualTo("Cr\u00e8me br\u00fbl\u00e9e");
    }

    @Test
    void healsHtmlEntitiesThatXmlDoesNotDefine() {
        FeedParseResult.Parsed feed = parsed("rss-entities.xml");

        assertThat(feed.title()).isEqualTo("Entities Daily");
        assertThat(feed.items().get(0).title()).isEqualTo("Ceasefire talks \u2014 day two");
        assertThat(feed.items().get(0).text()).isEqualTo("Talks continued \u2026 no deal yet \u00a9 Entities Daily");
    }

    @Test
    void readsRss1() {
        FeedParseResult.Parsed feed = parsed("rss1-rdf.xml");

        assertThat(feed.feedType()).isEqualTo("rss_1.0");
        assertThat(feed.items()).singleElement().satisfies(item -> {
            assertThat(item.url().value()).isEqualTo("https://rdf.example.com/1");
            assertThat(item.title()).isEqualTo("Le sommet de l'Alaska");
            assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-08-15T17:58:00Z"));
            assertThat(item.author()).isEqualTo("Jean Dupont");
            assertThat(item.language()).isEqualTo("fr");
        });
    }

    @Test
    void readsAnRss091FeedWithItsDoctypeWithoutFetchingTheDtd() {
        FeedParseResult.Parsed feed = parsed("rss091-doctype.xml");

        assertThat(feed.feedType()).isEqualTo("rss_0.91N");
        assertThat(feed.items()).singleElement()
                .satisfies(
                        item -> assertThat(item.url().value()).isEqualTo("https://oldschool.example.com/still-here"));
    }

    @Test
    void neverReadsExternalEntities() {
        FeedParseResult.Parsed feed = parsed("rss-external-entity.xml");

        assertThat(feed.items()).singleElement().satisfies(item -> assertThat(item.title()).isEqualTo("Leak:"));
    }

    @Test
    void refusesRunawayEntityExpansion() {
        assertThat(fetchAndParse("rss-entity-expansion.xml")).isInstanceOf(FeedParseResult.Malformed.class);
    }

    @Test
    void reportsBrokenXmlWithLineAndColumn() {
        assertThat(fetchAndParse("malformed.xml")).isInstanceOfSatisfying(FeedParseResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).startsWith("not well-formed XML at line 8"));
    }

    @Test
    void reportsAnHtmlPageServedInsteadOfAFeed() {
        assertThat(fetchAndParse("not-a-feed.html")).isInstanceOf(FeedParseResult.Malformed.class);
    }

    @Test
    void reportsWellFormedXmlThatIsNoFeed() {
        assertThat(fetchAndParse("not-a-feed.xml")).isInstanceOfSatisfying(FeedParseResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("not an RSS or Atom feed").contains("urlset"));
    }

    @Test
    void reportsAnEmptyDocument() {
        assertThat(parser.parse(new byte[0], URI.create("https://example.com/feed"), null))
                .isEqualTo(new FeedParseResult.Malformed("empty document"));
    }
}
