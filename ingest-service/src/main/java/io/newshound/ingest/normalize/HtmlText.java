package io.newshound.ingest.normalize;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.parser.Tag;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns HTML (article pages, feed descriptions, titles with entities) into clean plain text.
 * <p>
 * Block elements become paragraph breaks, {@code <br>
 * } a line break; scripts, styles, navigation, forms, embedded frames and hidden elements are dropped; entities are
 * decoded. The text is then {@linkplain #normalize(String) normalised}. All methods are pure and thread-safe.
 */
public final class HtmlText {

    private static final String REMOVED = "script, style, noscript, template, nav, iframe, object, embed, svg, canvas,"
            + " form, button, select, textarea, head, [hidden], [aria-hidden=true]";
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "caption",
            "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1",
            "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section",
            "summary", "table", "tbody", "thead", "tfoot", "tr", "ul");
    private static final Set<String> CELLS = Set.of("td", "th");
    /** HTML that was escaped once too often ({@code &lt;p&gt;}) shows up as tags in the decoded text. */
    private static final Pattern ESCAPED_MARKUP = Pattern
            .compile("</?(p|br|div|a|img|b|i|em|strong|span|ul|li|h[1-6])(\\s[^<>]*)?/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG_NAME = Pattern.compile("</?([a-zA-Z][a-zA-Z0-9]*)[\\s/>]");
    private static final Pattern ANY_WHITESPACE = Pattern.compile("\\s+");

    private HtmlText() {
    }

    /**
     * Extracts the readable text of an HTML fragment or document.
     *
     * @param html
     *            HTML, or plain text (which passes through with entities decoded); {@code null} counts as empty
     * @return paragraphs separated by one blank line, lines within a paragraph by a line break; never {@code null}
     */
    public static String toText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        // without any HTML tag it is plain text, whose line breaks are content rather than source layout
        String text = looksLikeHtml(html) ? extract(html) : Parser.unescapeEntities(html, false);
        if (ESCAPED_MARKUP.matcher(text).find()) {
            text = extract(text);
        }
        return normalize(text);
    }

    /**
     * Extracts text for a single line, such as a title: like {@link #toText(String)}, with all line and paragraph
     * breaks turned into single spaces.
     *
     * @param html
     *            HTML or plain text; {@code null} counts as empty
     * @return the text on one line; never {@code null}
     */
    public static String toLine(String html) {
        return ANY_WHITESPACE.matcher(toText(html)).replaceAll(" ").strip();
    }

    /**
     * Normalises plain text: Unicode NFC; CR LF, CR and the Unicode line and paragraph separators become line breaks;
     * no-break and other Unicode spaces become plain spaces; control characters, zero-width spaces, soft hyphens, byte
     * order marks and unpaired surrogates are removed; runs of spaces collapse to one; lines are trimmed; more than one
     * blank line collapses to one; leading and trailing blank lines go.
     *
     * @param text
     *            plain text; {@code null} counts as empty
     * @return the normalised text; never {@code null}
     */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder mapped = new StringBuilder(text.length());
        char highest = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                mapped.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\u2028' || c == '\u0085') {
                mapped.append('\n');
            } else if (c == '\u2029') {
                mapped.append("\n\n");
            } else if (c == '\t' || c == '\u00A0' || c == '\u3000' || (c >= '\u2000' && c <= '\u200A')
                    || c == '\u202F' || c == '\u205F' || c == '\u1680') {
                mapped.append(' ');
            } else if (c == '\u200B' || c == '\u00AD' || c == '\u2060' || c == '\uFEFF' || c == '\uFFFE'
                    || c == '\uFFFF' || Character.isISOControl(c)) {
                // invisible or not text at all: drop
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                mapped.append(c).append(text.charAt(++i));
                highest = Character.MAX_VALUE;
            } else if (!Character.isSurrogate(c)) {
                mapped.append(c);
                highest = c > highest ? c : highest;
            }
        }
        // below U+0300 (where combining marks begin) every string is already NFC
        CharSequence composed = highest < '\u0300' ? mapped : Normalizer.normalize(mapped, Normalizer.Form.NFC);
        return collapseWhitespace(composed);
    }

    /**
     * Collapses runs of spaces to one, drops spaces next to line breaks, keeps at most one blank line and trims the
     * ends; one pass instead of a chain of regular expressions, as this runs on every article.
     */
    private static String collapseWhitespace(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        int newlines = 0;
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                space = true;
            } else if (c == '\n') {
                newlines++;
            } else {
                if (out.length() > 0) {
                    if (newlines > 0) {
                        out.append(newlines == 1 ? "\n" : "\n\n");
                    } else if (space) {
                        out.append(' ');
                    }
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True if the text contains at least one HTML tag or comment; {@code a <b} or {@code <summit>} do not count. */
    private static boolean looksLikeHtml(String text) {
        if (text.indexOf('<') < 0) {
            return false;
        }
        if (text.contains("<!--")) {
            return true;
        }
        Matcher tags = TAG_NAME.matcher(text);
        while (tags.find()) {
            if (Tag.isKnownTag(tags.group(1).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String extract(String html) {
        Document document = Jsoup.parse(html);
        document.select(REMOVED).remove();
        StringBuilder out = new StringBuilder(html.length() / 2);
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    appendCollapsed(out, text.getWholeText(), inPre(text));
                } else if (node instanceof Element element) {
                    String tag = element.normalName();
                    if (BLOCKS.contains(tag)) {
                        out.append("\n\n");
                    } else if (tag.equals("br")) {
                        out.append('\n');
                    } else if (CELLS.contains(tag)) {
                        out.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }
        }, document);
        return out.toString();
    }

    private static boolean inPre(TextNode text) {
        for (Node n = text.parentNode(); n != null; n = n.parentNode()) {
            if (n instanceof Element e && e.normalName().equals("pre")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Source line breaks are layout, not content, except inside {@code
     *
     *

    <pre>
     * }.
     */
    private static void appendCollapsed(StringBuilder out, String text, boolean preformatted) {
        if (preformatted) {
            out.append(text);
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
    }
}
