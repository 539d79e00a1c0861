package io.newshound.ingest.normalize;

import java.time.Instant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class TextAndTimePropertiesTest {

    private final PublishedTime times = new PublishedTime();

    @Property(tries = 500)
    void normalisedTextIsStableUnderNormalisation(@ForAll("messyText") String text) {
        String once = HtmlText.normalize(text);

        assertThat(HtmlText.normalize(once)).isEqualTo(once);
        assertThat(once).doesNotContain("\n\n\n", "  ", " \n", "\n ", "\r", "\t", "\u00A0").isEqualTo(once.strip());
    }

    @Property(tries = 300)
    void htmlTextNeverFailsAndAlwaysGivesNormalisedText(@ForAll("messyHtml") String html) {
        String text = HtmlText.toText(html);

        assertThat(HtmlText.normalize(text)).isEqualTo(text);
        assertThat(HtmlText.toLine(html)).doesNotContain("\n");
    }

    @Property(tries = 1000)
    void publishedTimeOnlyEverRejectsWithItsOwnException(@ForAll("timestampLike") String raw) {
        try {
            Instant instant = times.parse(raw);
            assertThat(instant).isBeforeOrEqualTo(Instant.now().plus(PublishedTime.DEFAULT_FUTURE_TOLERANCE));
        } catch (RejectedTimeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> messyText() {
        return Arbitraries.strings()
                .withChars(
                        "ab \n\r\t\u00A0\u2009\u2028\u2029\u200B\u00AD\u0000\u0007e\u0301\u0438\u0306\ud83d\ude00\ud800")
                .ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> messyHtml() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of("<p>", "</p>", "<br>", "<div>", "</div>", "<b>",
                "</b>", "<script>x()</script>", "<style>p{}</style>", "<nav>menu</nav>", "<pre>a\n b</pre>", "&amp;",
                "&lt;p&gt;", "&nbsp;", "&#0;", "&#xD800;", "<!-- c -->", "<summit>", "a < b", "<td>", "<table>",
                "<li>", "<![CDATA[x]]>", "<", ">", "&"), Arbitraries.strings().ofMaxLength(8));
        return piece.list().ofMaxSize(25).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> timestampLike() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of("Sat,", "15", "Aug", "2026", "26", "17:58",
                "17:58:00", "25:61:99", "+0300", "-25:00", "GMT", "EST", "PM", "am", "Europe/Kyiv", "Mars/Olympus",
                "2026-08-15", "2026-08-15T17:58:00Z", "T", "(MSK)", "99999999999", "1786816680", "Sept", "0", "-",
                "2026/13/45", "15-Aug-26", "15th"), Arbitraries.strings().ofMaxLength(6));
        return token.list().ofMaxSize(8).map(parts -> String.join(" ", parts));
    }
}
