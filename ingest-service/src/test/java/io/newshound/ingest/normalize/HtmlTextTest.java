package io.newshound.ingest.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    @Test
    void turnsBlockElementsIntoParagraphsSeparatedByOneBlankLine() {
        String html = "<h1>Summit ends</h1><p>Leaders met on <b>Friday</b>.</p>\n\n\n<div><p>No ceasefire yet.</p></div>"
                + "<ul><li>Land swaps</li><li>Guarantees</li></ul>";

        assertThat(HtmlText.toText(html))
                .isEqualTo("Summit ends\n\nLeaders met on Friday.\n\nNo ceasefire yet.\n\nLand swaps\n\nGuarantees");
    }

    @Test
    void keepsLineBreaksWithinAParagraph() {
        assertThat(HtmlText.toText("<p>Kyiv<br>Ukraine<br/>  26 November</p><p>Next</p>"))
                .isEqualTo("Kyiv\nUkraine\n26 November\n\nNext");
    }

    @Test
    void dropsScriptsStylesNavigationFormsAndHiddenElements() {
        String html = "<html><head><title>Site title</title><style>p{color:red}</style></head><body>"
                + "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
                + "<script>var tracking = 'x';</script><noscript>Enable JavaScript</noscript>"
                + "<article><p>The story itself.</p><iframe src='ad.html'>ad</iframe>"
                + "<form><input name=q><button>Search</button></form><div hidden>secret</div>"
                + "<span aria-hidden=\"true\">icon</span><svg><text>logo</text></svg></article></body></html>";

        assertThat(HtmlText.toText(html)).isEqualTo("The story itself.");
    }

    @Test
    void decodesNamedAndNumericEntities() {
        assertThat(HtmlText.toText("<p>Caf&eacute; &amp; bar &#8212; &#x201C;quoted&#x201D; &lt;tag&gt; 5&nbsp;km</p>"))
                .isEqualTo("Caf\u00e9 & bar \u2014 \u201Cquoted\u201D <tag> 5 km");
    }

    @Test
    void collapsesSourceWhitespaceBetweenInlineElements() {
        assertThat(HtmlText.toText("<p>Putin\n   agreed\tto <a href='x'>Article\n5-like</a>   guarantees</p>"))
                .isEqualTo("Putin agreed to Article 5-like guarantees");
    }

    @Test
    void joinsInlineElementsWithoutInventingSpaces() {
        assertThat(HtmlText.toText("<p><b>Bre</b>aking: <i>news</i>!</p>")).isEqualTo("Breaking: news!");
    }

    @Test
    void keepsTableCellsApart() {
        assertThat(HtmlText.toText("<table><tr><th>City</th><th>Votes</th></tr><tr><td>Lviv</td><td>12</td></tr>"
                + "</table>")).isEqualTo("City Votes\n\nLviv 12");
    }

    @Test
    void keepsLineBreaksOfPreformattedText() {
        assertThat(HtmlText.toText("<pre>line one\nline two</pre>")).isEqualTo("line one\nline two");
    }

    @Test
    void passesPlainTextThroughNormalised() {
        assertThat(HtmlText.toText("Just text,   no markup.\r\n\r\n\r\nSecond paragraph."))
                .isEqualTo("Just text, no markup.\n\nSecond paragraph.");
    }

    @Test
    void keepsAngleBracketsThatAreNoHtmlTags() {
        assertThat(HtmlText.toLine("Markets & the <summit>: if a < b")).isEqualTo("Markets & the <summit>: if a < b");
        assertThat(HtmlText.toLine("Rates <em>rise</em> again")).isEqualTo("Rates rise again");
    }

    @Test
    void readsHtmlThatWasEscapedTwice() {
        assertThat(HtmlText.toText("&lt;p&gt;Escaped &amp;amp; again&lt;/p&gt;&lt;p&gt;Second&lt;/p&gt;"))
                .isEqualTo("Escaped & again\n\nSecond");
    }

    @Test
    void treatsNullAndBlankAsEmpty() {
        assertThat(HtmlText.toText(null)).isEmpty();
        assertThat(HtmlText.toText("  <p> </p> ")).isEmpty();
        assertThat(HtmlText.normalize(null)).isEmpty();
        assertThat(HtmlText.toLine(null)).isEmpty();
    }

    @Test
    void putsATitleOnOneLine() {
        assertThat(HtmlText.toLine("  Strikes on <em>Kharkiv</em>\n &amp; Odesa<br>overnight "))
                .isEqualTo("Strikes on Kharkiv & Odesa overnight");
    }

    @Test
    void composesUnicodeToNfc() {
        String decomposed = "Cafe\u0301 Zu\u0308rich \u0439";
        String precomposed = "Caf\u00e9 Z\u00fcrich \u0439";

        assertThat(HtmlText.normalize(decomposed)).isEqualTo(precomposed);
        assertThat(HtmlText.normalize("\u0438\u0306")).isEqualTo("\u0439");
    }

    @Test
    void removesControlAndInvisibleCharacters() {
        assertThat(HtmlText.normalize("A\u0000B\u0007C\u200BD\u00ADE\uFEFFF\u2060G\u009FH\ud800I"))
                .isEqualTo("ABCDEFGHI");
    }

    @Test
    void turnsUnicodeSpacesIntoPlainSpacesAndCollapsesThem() {
        assertThat(HtmlText.normalize("a\u00A0\u00A0b\u2009c\u202Fd\u3000e\t\tf")).isEqualTo("a b c d e f");
    }

    @Test
    void normalisesLineEndingsAndBlankLines() {
        assertThat(HtmlText.normalize("  one  \r\ntwo\rthree\u2028four\u2029five\n\n\n\n  six  "))
                .isEqualTo("one\ntwo\nthree\nfour\n\nfive\n\nsix");
    }

    @Test
    void keepsEmojiAndJoinersIntact() {
        assertThat(HtmlText.normalize("Flag \uD83C\uDDFA\uD83C\uDDE6 family \uD83D\uDC68\u200D\uD83D\uDC69"))
                .isEqualTo("Flag \uD83C\uDDFA\uD83C\uDDE6 family \uD83D\uDC68\u200D\uD83D\uDC69");
    }

    @Test
    void isIdempotentOnItsOwnOutput() {
        String once = HtmlText.toText("<div><h2>A</h2>\n<p>b &amp; c</p><br><br><p>d\u00A0e</p></div>");

        assertThat(HtmlText.toText(once)).isEqualTo(once);
        assertThat(HtmlText.normalize(once)).isEqualTo(once);
    }
}
