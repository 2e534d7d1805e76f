package io.sdataserver.atom;

import io.sdataserver.diagnosis.Diagnosis;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Streams Atom entries and feeds straight to the response with a Woodstox StAX writer: Atom is the default
 * namespace and the SData prefixes are declared on the root, as Sage's clients expect. Namespaces are written as
 * declared, not repaired: this writer knows every prefix it uses (measured against Abdera's StreamWriter in
 * bench/results/atom-writer.md, which cost a fifth of an entry GET).
 */
public final class AtomWriter implements AutoCloseable {
    public static final String CATEGORY_SCHEME = "http://schemas.sage.com/sdata/categories";
    private static final String SLE = "http://www.microsoft.com/schemas/rss/core/2005";
    private static final XMLOutputFactory FACTORY = factory();
    /** RFC 3339 with milliseconds, always in UTC, as Atom processors have read from this server since its start. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final XMLStreamWriter sw;
    /**
     * Links written out once and then copied: a batch answer carries its kind's schema, template and post links on
     * every entry, the same objects each time. The first few links of a document are kept, which are those.
     */
    private final Map<Link, String> prepared = new IdentityHashMap<>();
    private static final int PREPARED = 8;
    /** The default namespace in force at each open payload element, to declare a payload's own only where it changes. */
    private final Deque<String> defaults = new ArrayDeque<>();
    private boolean broken;

    public AtomWriter(OutputStream out) {
        try {
            this.sw = FACTORY.createXMLStreamWriter(out, "UTF-8");
            sw.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static XMLOutputFactory factory() {
        XMLOutputFactory f = new com.ctc.wstx.stax.WstxOutputFactory();
        f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, false);
        f.setProperty(com.ctc.wstx.api.WstxOutputProperties.P_OUTPUT_VALIDATE_STRUCTURE, false);
        // a character XML 1.0 cannot carry becomes U+FFFD rather than an ill-formed document
        f.setProperty(com.ctc.wstx.api.WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
                new com.ctc.wstx.api.InvalidCharHandler.ReplacingHandler('\uFFFD'));
        return f;
    }

    /** A response whose root is one entry; outside a feed an entry names its author itself (RFC 4287 4.1.2). */
    public void entryDocument(AtomEntry e, String author) {
        root("entry", false);
        author(e.author() != null ? e.author() : author);
        entryBody(e);
        end();
    }

    public void startFeed(AtomFeed f) {
        root("feed", true);
        text("title", f.title());
        simple("id", f.id());
        simple("updated", date(f.updated()));
        author(f.author());
        for (Link l : f.links()) link(l);
        if (f.categoryTerm() != null) category(f.categoryTerm(), f.categoryLabel());
        if (f.totalResults() != null) {
            simple("opensearch", Namespaces.OPENSEARCH, "totalResults", f.totalResults().toString());
            simple("opensearch", Namespaces.OPENSEARCH, "startIndex", f.startIndex().toString());
            simple("opensearch", Namespaces.OPENSEARCH, "itemsPerPage", f.itemsPerPage().toString());
        }
        if (!f.listSorts().isEmpty()) listInfo(f);
        for (Diagnosis d : f.diagnoses()) diagnosis(d);
    }

    /** An sdata:diagnosis inside a feed, with all six children as sdata.xsd wants them (§3.10). */
    private void diagnosis(Diagnosis d) {
        start("sdata", Namespaces.SDATA, "diagnosis");
        simple("sdata", Namespaces.SDATA, "severity", d.severity());
        simple("sdata", Namespaces.SDATA, "sdataCode", d.sdataCode());
        simple("sdata", Namespaces.SDATA, "applicationCode", d.applicationCode());
        simple("sdata", Namespaces.SDATA, "message", d.message());
        simple("sdata", Namespaces.SDATA, "stackTrace", "");
        simple("sdata", Namespaces.SDATA, "payloadPath", d.payloadPath());
        end();
    }

    /** Simple List Extensions (§3.6): feed readers offer these sorts; the first is the feed's own (key) order. */
    private void listInfo(AtomFeed f) {
        simple("sle", SLE, "treatAs", "list");
        start("sle", SLE, "listinfo");
        empty("sle", SLE, "sort");
        attribute("label", "ID");
        attribute("default", "true");
        for (AtomFeed.ListSort s : f.listSorts()) {
            empty("sle", SLE, "sort");
            attribute("ns", s.namespace());
            attribute("element", s.element());
            attribute("label", s.label());
            attribute("data-type", s.dataType());
        }
        end();
    }

    public void feedEntry(AtomEntry e) {
        start("entry");
        if (e.author() != null) author(e.author()); // the last writer; else the feed's author stands (RFC 4287 4.2.1)
        entryBody(e);
        end();
    }

    public void endFeed() { end(); }

    /** What a batch response entry says in http: elements about its operation (§13.4). */
    public record HttpOutcome(int status, String message, String method, String location, String etag) { }

    /**
     * One entry of a batch response (§13.4): the entry an individual call would return ({@code e}, or only an id and
     * title when that call returns none), the http: elements, and the diagnoses of a failed operation.
     */
    public void batchEntry(AtomEntry e, String id, String title, HttpOutcome http, List<Diagnosis> diagnoses) {
        start("entry");
        if (e != null) {
            entryHead(e);
        } else {
            simple("id", id);
            text("title", title);
            simple("updated", date(Instant.now()));
        }
        simple("http", Namespaces.HTTP, "httpStatus", Integer.toString(http.status()));
        simple("http", Namespaces.HTTP, "httpMessage", http.message());
        if (http.location() != null) simple("http", Namespaces.HTTP, "location", http.location());
        simple("http", Namespaces.HTTP, "httpMethod", http.method());
        if (e != null) entryPayload(e);
        else if (http.etag() != null) simple("http", Namespaces.HTTP, "etag", http.etag());
        for (Diagnosis d : diagnoses) diagnosis(d);
        end();
    }

    /** The document's root element, with Atom as the default namespace and every SData prefix declared once. */
    private void root(String local, boolean feed) {
        try {
            sw.setDefaultNamespace(Namespaces.ATOM);
            sw.writeStartElement("", local, Namespaces.ATOM);
            sw.writeDefaultNamespace(Namespaces.ATOM);
            sw.writeNamespace("sdata", Namespaces.SDATA);
            sw.writeNamespace("http", Namespaces.HTTP);
            if (feed) sw.writeNamespace("opensearch", Namespaces.OPENSEARCH);
            if (feed) sw.writeNamespace("sle", SLE);
            sw.writeNamespace("sme", Namespaces.SME);
            sw.writeNamespace("xsi", Namespaces.XSI);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        defaults.push(Namespaces.ATOM);
    }

    private void entryBody(AtomEntry e) {
        entryHead(e);
        entryPayload(e);
    }

    private void entryHead(AtomEntry e) {
        simple("id", e.id());
        text("title", e.title());
        simple("updated", date(e.updated()));
        if (e.published() != null) simple("published", date(e.published()));
        for (Link l : e.links()) link(l);
        if (e.categoryTerm() != null) category(e.categoryTerm(), e.categoryLabel());
        if (e.content() != null) text("content", e.content());
    }

    private void entryPayload(AtomEntry e) {
        if (e.payload() != null) {
            start("sdata", Namespaces.SDATA, "payload");
            e.payload().accept(new AtomPayloadSink(new Sink()));
            end();
        }
        if (e.etag() != null) simple("http", Namespaces.HTTP, "etag", e.etag());
    }

    private void author(String name) {
        start("author");
        simple("name", name);
        end();
    }

    private void link(Link l) {
        String raw = prepared.get(l);
        if (raw == null && prepared.size() < PREPARED && (raw = written(l)) != null) prepared.put(l, raw);
        if (raw != null) {
            try {
                ((org.codehaus.stax2.XMLStreamWriter2) sw).writeRaw(raw);
            } catch (XMLStreamException e) {
                throw failed(e);
            }
            return;
        }
        empty("", Namespaces.ATOM, "link");
        attribute("href", l.href());
        attribute("rel", l.rel());
        attribute("type", l.type());
        attribute("title", l.title());
    }

    /** The link as the writer would write it, or null when it has a character left to the writer's own handling. */
    private static String written(Link l) {
        StringBuilder b = new StringBuilder(160).append("<link");
        String[][] attributes = {{"href", l.href()}, {"rel", l.rel()}, {"type", l.type()}, {"title", l.title()}};
        for (String[] a : attributes) {
            if (a[1] == null) continue;
            b.append(' ').append(a[0]).append("=\"");
            for (int i = 0; i < a[1].length(); i++) {
                char c = a[1].charAt(i);
                if (c < 0x20 || c >= 0xD800) return null;
                switch (c) {
                    case '&' -> b.append("&amp;");
                    case '<' -> b.append("&lt;");
                    case '"' -> b.append("&quot;");
                    default -> b.append(c);
                }
            }
            b.append('"');
        }
        return b.append("/>").toString();
    }

    private void category(String term, String label) {
        empty("", Namespaces.ATOM, "category");
        attribute("term", term);
        attribute("scheme", CATEGORY_SCHEME);
        attribute("label", label);
    }

    /** An Atom text construct (title, content) of type text. */
    private void text(String local, String value) {
        start(local);
        attribute("type", "text");
        characters(value);
        end();
    }

    private void simple(String local, String value) { simple("", Namespaces.ATOM, local, value); }

    private void simple(String prefix, String ns, String local, String value) {
        start(prefix, ns, local);
        characters(value);
        end();
    }

    private static String date(Instant i) { return DATE.format(i); }

    private void start(String local) { start("", Namespaces.ATOM, local); }

    private void start(String prefix, String ns, String local) {
        try {
            sw.writeStartElement(prefix, local, ns);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        defaults.push(defaults.peek());
    }

    private void empty(String prefix, String ns, String local) {
        try {
            sw.writeEmptyElement(prefix, local, ns);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private void attribute(String name, String value) {
        if (value == null) return;
        try {
            sw.writeAttribute(name, value);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private void characters(String text) {
        if (text == null) return;
        try {
            sw.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private void end() {
        try {
            sw.writeEndElement();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
        defaults.pop();
    }

    /** A failure to write is the connection's (the client went away), never a fault of the data. */
    private RuntimeException failed(XMLStreamException e) {
        broken = true;
        return e.getCause() instanceof java.io.IOException io ? new java.io.UncheckedIOException(io) : new IllegalStateException(e);
    }

    @Override public void close() {
        if (broken) return; // the first failure is the one to report; ending the document would only fail again
        try {
            sw.writeEndDocument();
            sw.flush();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** Payload elements: the resource element declares the contract namespace as default, like the spec's examples. */
    private final class Sink implements XmlSink {
        @Override public void start(String ns, String localName) {
            try {
                sw.writeStartElement("", localName, ns);
                if (!ns.equals(defaults.peek())) sw.writeDefaultNamespace(ns);
            } catch (XMLStreamException e) {
                throw failed(e);
            }
            defaults.push(ns);
        }

        @Override public void attribute(String ns, String localName, String value) {
            if (value == null) return;
            try {
                if (ns == null || ns.isEmpty()) sw.writeAttribute(localName, value);
                else sw.writeAttribute(prefixOf(ns), ns, localName, value);
            } catch (XMLStreamException e) {
                throw failed(e);
            }
        }

        /** Payload attributes are sdata: or xsi: ones, both declared on the root; no other can be written unrepaired. */
        private String prefixOf(String ns) {
            if (Namespaces.SDATA.equals(ns)) return "sdata";
            if (Namespaces.XSI.equals(ns)) return "xsi";
            throw new IllegalArgumentException("no prefix declared for attribute namespace " + ns);
        }

        @Override public void text(String text) { characters(text); }

        @Override public void end() { AtomWriter.this.end(); }
    }
}
