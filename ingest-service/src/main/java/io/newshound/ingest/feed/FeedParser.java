package io.newshound.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.JDOMParseException;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;

import io.newshound.ingest.normalize.CanonicalUrl;
import io.newshound.ingest.normalize.HtmlText;
import io.newshound.ingest.normalize.PublishedTime;
import io.newshound.ingest.normalize.RejectedTimeException;
import io.newshound.ingest.normalize.RejectedUrlException;
import io.newshound.ingest.normalize.TrackingParameters;

/**
 * Reads RSS (0.9x, 1.0, 2.0) and Atom documents with Rome into normalised {@link FeedItem}s.
 * <p>
 * Leniency first: the encoding is sniffed leniently, undeclared HTML entities ({@code &nbsp;}) and leading junk are
 * healed, DOCTYPEs are allowed (external entities are never loaded). Per item: links are resolved against
 * {@code xml:base} or the feed's own URL and canonicalised; the text comes from the fullest content, HTML and CDATA
 * included, through {@link HtmlText}; the date is read from the raw {@code pubDate}, {@code published},
 * {@code dc:date}, {@code updated} (in that order) with {@link PublishedTime}, falling back to what Rome parsed. Items
 * without a usable http(s) link are skipped with a reason. Thread-safe.
 */
public final class FeedParser {

    /** Raw date elements, most to least specific about publication. */
    private static final List<String> DATE_ELEMENTS = List.of("pubDate", "published", "issued", "date", "created",
            "updated", "modified");
    private static final Pattern EMAIL_WITH_NAME = Pattern.compile("\\S+@\\S+\\s*\\((.+)\\)");
    private static final Pattern NAME_WITH_EMAIL = Pattern.compile("(.+?)\\s*<\\S+@\\S+>");
    private static final Pattern LANGUAGE = Pattern.compile("([a-zA-Z]{2,3})(?:[-_].*)?");
    private static final int DERIVED_TITLE_LENGTH = 140;

    private final PublishedTime publishedTime;
    private final TrackingParameters tracking;

    /** A parser with the default timestamp rules and tracking parameters. */
    public FeedParser() {
        this(new PublishedTime(), TrackingParameters.defaults());
    }

    /**
     * @param publishedTime
     *            how item dates are read and which are plausible
     * @param tracking
     *            the query parameters dropped from item links
     */
    public FeedParser(PublishedTime publishedTime, TrackingParameters tracking) {
        this.publishedTime = publishedTime;
        this.tracking = tracking;
    }

    /**
     * Parses a fetched feed document.
     *
     * @param fetched
     *            what {@link FeedFetcher} returned
     * @return the items, or why the document is not a readable feed
     */
    public FeedParseResult parse(FetchResult.Fetched fetched) {
        return parse(fetched.body(), fetched.finalUrl(), fetched.contentType());
    }

    /**
     * Parses a feed document.
     *
     * @param document
     *            the raw bytes
     * @param feedUrl
     *            where the document came from; relative links are resolved against it
     * @param contentType
     *            the HTTP {@code Content-Type}, for its charset, or {@code null}
     * @return the items, or why the document is not a readable feed
     * @throws IllegalArgumentException
     *             if {@code feedUrl} is not an http(s) URL (a caller error: fetched documents always have one)
     */
    public FeedParseResult parse(byte[] document, URI feedUrl, String contentType) {
        if (document == null || document.length == 0) {
            return new FeedParseResult.Malformed("empty document");
        }
        CanonicalUrl base;
        try {
            base = CanonicalUrl.of(feedUrl.toString(), TrackingParameters.of(List.of()));
        } catch (RejectedUrlException e) {
            throw new IllegalArgumentException("feed URL must be an http(s) URL: " + e.getMessage(), e);
        }
        Document xml;
        try (Reader reader = new XmlFixerReader(xmlReader(document, contentType))) {
            xml = new LenientInput().newBuilder().build(reader);
        } catch (JDOMParseException e) {
            return new FeedParseResult.Malformed("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + rootMessage(e));
        } catch (JDOMException | IOException e) {
            return new FeedParseResult.Malformed("unreadable XML: " + rootMessage(e));
        }
        xml.setBaseURI(base.value());
        SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(xml);
        } catch (IllegalArgumentException e) {
            return new FeedParseResult.Malformed("not an RSS or Atom feed (root element <"
                    + xml.getRootElement().getName() + ">): " + e.getMessage());
        } catch (FeedException e) {
            return new FeedParseResult.Malformed("invalid " + xml.getRootElement().getName() + " feed: "
                    + rootMessage(e));
        }
        // Atom: an entry without author has the feed's (RFC 4287, 4.2.1); RSS has no such rule
        String feedAuthor = feed.getFeedType().startsWith("atom") ? author(feed.getAuthor(), feed.getAuthors()) : null;
        String feedLanguage = language(feed.getLanguage()).orElseGet(() -> language(
                xml.getRootElement().getAttributeValue("lang", Namespace.XML_NAMESPACE)).orElse(null));
        List<Element> itemElements = itemElements(xml.getRootElement());
        List<SyndEntry> entries = feed.getEntries();
        // raw elements are only trusted when they line up one to one with Rome's entries
        boolean aligned = itemElements.size() == entries.size();
        List<FeedItem> items = new ArrayList<>();
        List<FeedParseResult.SkippedItem> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            Element element = aligned ? itemElements.get(i) : null;
            try {
                items.add(item(entry, element, base, feedLanguage, feedAuthor));
            } catch (RejectedUrlException | UnusableItem e) {
                skipped.add(new FeedParseResult.SkippedItem(identifier(entry), e.getMessage()));
            }
        }
        return new FeedParseResult.Parsed(feed.getFeedType(), HtmlText.toLine(feed.getTitle()), feedLanguage,
                List.copyOf(items), List.copyOf(skipped));
    }

    private FeedItem item(SyndEntry entry, Element element, CanonicalUrl feedBase, String feedLanguage,
            String feedAuthor) {
        CanonicalUrl url = link(entry, element, feedBase);
        String text = text(entry);
        String title = HtmlText.toLine(entry.getTitle());
        if (title.isEmpty()) {
            title = derivedTitle(text);
        }
        String guid = blankToNull(entry.getUri());
        if (guid != null && guid.equals(entry.getLink())) {
            // Rome copies the link into the id when an RSS item has no guid: the canonical link identifies it better
            guid = null;
        }
        String language = element == null
                ? feedLanguage
                : language(element.getAttributeValue("lang", Namespace.XML_NAMESPACE))
                        .or(() -> language(childText(element, "language"))).orElse(feedLanguage);
        String author = author(entry.getAuthor(), entry.getAuthors());
        return new FeedItem(url, guid == null ? url.value() : guid.strip(), title, text, published(entry, element),
                author == null ? feedAuthor : author, language);
    }

    private CanonicalUrl link(SyndEntry entry, Element element, CanonicalUrl feedBase) {
        String href = blankToNull(entry.getLink());
        if (href == null) {
            for (SyndLink link : entry.getLinks()) {
                if ((link.getRel() == null || link.getRel().equals("alternate"))
                        && blankToNull(link.getHref()) != null) {
                    href = link.getHref();
                    break;
                }
            }
        }
        if (href == null && element != null) {
            Element guid = child(element, "guid");
            if (guid != null && !"false".equalsIgnoreCase(guid.getAttributeValue("isPermaLink"))) {
                href = blankToNull(guid.getTextTrim());
            }
        }
        if (href == null) {
            throw new UnusableItem("item has no link");
        }
        return base(element, feedBase).resolve(href, tracking);
    }

    /** The item's {@code xml:base} (inherited from its ancestors, resolved against the feed URL) or the feed URL. */
    private CanonicalUrl base(Element element, CanonicalUrl feedBase) {
        if (element == null) {
            return feedBase;
        }
        try {
            URI base = element.getXMLBaseURI();
            return base == null ? feedBase : CanonicalUrl.of(base.toString(), TrackingParameters.of(List.of()));
        } catch (URISyntaxException | RejectedUrlException e) {
            return feedBase;
        }
    }

    private static String text(SyndEntry entry) {
        StringBuilder content = new StringBuilder();
        for (SyndContent part : entry.getContents()) {
            if (part.getValue() != null) {
                content.append(part.getValue()).append('\n');
            }
        }
        String fromContent = HtmlText.toText(content.toString());
        if (!fromContent.isEmpty()) {
            return fromContent;
        }
        return entry.getDescription() == null ? "" : HtmlText.toText(entry.getDescription().getValue());
    }

    private Instant published(SyndEntry entry, Element element) {
        if (element != null) {
            for (String name : DATE_ELEMENTS) {
                Optional<Instant> parsed = publishedTime.tryParse(childText(element, name));
                if (parsed.isPresent()) {
                    return parsed.get();
                }
            }
        }
        for (Date date : new Date[]{entry.getPublishedDate(), entry.getUpdatedDate()}) {
            if (date != null) {
                try {
                    return publishedTime.check(date.toInstant());
                } catch (RejectedTimeException e) {
                    // implausible: try the next one
                }
            }
        }
        return null;
    }

    private static String author(String name, List<SyndPerson> people) {
        String author = blankToNull(name);
        if (author == null) {
            for (SyndPerson person : people) {
                author = blankToNull(person.getName());
                if (author != null) {
                    break;
                }
            }
        }
        if (author == null) {
            return null;
        }
        author = HtmlText.toLine(author);
        Matcher m = EMAIL_WITH_NAME.matcher(author);
        if (m.matches()) {
            return m.group(1).strip();
        }
        m = NAME_WITH_EMAIL.matcher(author);
        return m.matches() ? m.group(1).strip() : blankToNull(author);
    }

    private static String derivedTitle(String text) {
        String firstParagraph = text.split("\n", 2)[0];
        if (firstParagraph.length() <= DERIVED_TITLE_LENGTH) {
            return firstParagraph;
        }
        int cut = firstParagraph.lastIndexOf(' ', DERIVED_TITLE_LENGTH);
        return firstParagraph.substring(0, cut > 0 ? cut : DERIVED_TITLE_LENGTH) + "\u2026";
    }

    private static Optional<String> language(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        Matcher m = LANGUAGE.matcher(declared.strip());
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The elements Rome turns into entries, in document order: RSS {@code item}s or Atom {@code entry}s. */
    private static List<Element> itemElements(Element root) {
        if (root.getName().equals("rss")) {
            Element channel = child(root, "channel");
            return channel == null ? List.of() : children(channel, "item");
        }
        if (root.getName().equals("RDF")) {
            return children(root, "item");
        }
        return children(root, "entry");
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(localName)) {
                found.add(child);
            }
        }
        return found;
    }

    private static Element child(Element parent, String localName) {
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(localName)) {
                return child;
            }
        }
        return null;
    }

    private static String childText(Element parent, String localName) {
        Element child = child(parent, localName);
        return child == null ? null : child.getTextTrim();
    }

    private static String identifier(SyndEntry entry) {
        for (String candidate : new String[]{entry.getUri(), entry.getLink(), entry.getTitle()}) {
            if (blankToNull(candidate) != null) {
                return candidate.strip();
            }
        }
        return "(item without guid, link or title)";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Reader xmlReader(byte[] document, String contentType) throws IOException {
        InputStream in = new ByteArrayInputStream(document);
        return contentType == null ? new XmlReader(in, true) : new XmlReader(in, contentType, true);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** An item that cannot become an article; the message says why. */
    private static final class UnusableItem extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnusableItem(String message) {
            super(message);
        }
    }

    /** Rome's hardened XML parser setup (no external entities), with DOCTYPEs allowed for old RSS 0.91 feeds. */
    private static final class LenientInput extends WireFeedInput {

        LenientInput() {
            super(false, Locale.ROOT);
            setAllowDoctypes(true);
        }

        com.rometools.rome.io.SAXBuilder newBuilder() {
            return createSAXBuilder();
        }
    }
}
