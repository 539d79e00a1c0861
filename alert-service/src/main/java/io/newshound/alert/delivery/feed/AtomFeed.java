package io.newshound.alert.delivery.feed;

import java.io.StringWriter;
import java.time.Instant;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes a feed page as Atom 1.0 (RFC 4287); each entry carries the event's JSON as its content. */
final class AtomFeed {

    private static final String NS = "http://www.w3.org/2005/Atom";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AtomFeed() {
    }

    static String render(String tenantId, String self, String next, FeedPage page) {
        var out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("feed");
            w.writeDefaultNamespace(NS);
            element(w, "id", "urn:newshound:feed:" + tenantId);
            element(w, "title", "Newshound alerts");
            Instant updated = page.items().isEmpty()
                    ? Instant.now()
                    : page.items().get(page.items().size() - 1).createdAt();
            element(w, "updated", updated.toString());
            link(w, "self", self, null);
            link(w, "next", next, null);
            w.writeStartElement("author");
            element(w, "name", "Newshound");
            w.writeEndElement();
            for (FeedPage.Item item : page.items()) {
                entry(w, tenantId, item);
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write Atom", e);
        }
        return out.toString();
    }

    private static void entry(XMLStreamWriter w, String tenantId, FeedPage.Item item) throws XMLStreamException {
        JsonNode data = parse(item.data()).path("data");
        w.writeStartElement("entry");
        element(w, "id", "urn:newshound:" + tenantId + ":" + item.cursor());
        element(w, "title", title(item.type(), data));
        element(w, "updated", item.createdAt().toString());
        String url = firstText(data.path("url"), data.path("articles").path(0).path("url"));
        if (url != null) {
            link(w, "alternate", url, "text/html");
        }
        w.writeStartElement("category");
        w.writeAttribute("term", item.type());
        w.writeEndElement();
        for (JsonNode topic : data.path("topics")) {
            if (topic.hasNonNull("slug")) {
                w.writeStartElement("category");
                w.writeAttribute("term", topic.get("slug").asText());
                w.writeAttribute("scheme", "https://newshound.io/topics");
                w.writeEndElement();
            }
        }
        w.writeStartElement("content");
        w.writeAttribute("type", "application/json");
        w.writeCharacters(item.data());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static String title(String type, JsonNode data) {
        String title = firstText(data.path("story").path("headline"), data.path("title"),
                data.path("articles").path(0).path("title"));
        return title != null ? title : type;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
        }
        return null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeStartElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
        if (type != null) {
            w.writeAttribute("type", type);
        }
        w.writeEndElement();
    }
}
