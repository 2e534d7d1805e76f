package io.sdataserver.atom;

import io.sdataserver.diagnosis.Diagnosis;
import java.io.OutputStream;
import java.util.Date;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.abdera.Abdera;
import org.apache.abdera.writer.StreamWriter;

/**
 * Streams Atom entries and feeds with Abdera's StreamWriter straight to the response: Atom is the default
 * namespace and the SData prefixes are declared on the root, as Sage's clients expect.
 */
public final class AtomWriter implements AutoCloseable {
    public static final String CATEGORY_SCHEME = "http://schemas.sage.com/sdata/categories";
    private static final QName PAYLOAD = new QName(Namespaces.SDATA, "payload", "sdata");
    private static final String SLE = "http://www.microsoft.com/schemas/rss/core/2005";
    private static final QName ETAG = new QName(Namespaces.HTTP, "etag", "http");

    private final StreamWriter sw;

    public AtomWriter(Abdera abdera, OutputStream out) {
        this.sw = new org.apache.abdera.parser.stax.StaxStreamWriter(abdera); // not newStreamWriter(): it runs service discovery per call
        sw.setOutputStream(out, "UTF-8");
        sw.setAutoflush(false);
        sw.startDocument();
    }

    /** A response whose root is one entry; outside a feed an entry names its author itself (RFC 4287 4.1.2). */
    public void entryDocument(AtomEntry e, String author) {
        sw.startEntry();
        declareNamespaces(false);
        sw.writeAuthor(e.author() != null ? e.author() : author);
        entryBody(e);
        sw.endEntry();
    }

    public void startFeed(AtomFeed f) {
        sw.startFeed();
        declareNamespaces(true);
        sw.writeTitle(f.title());
        sw.writeId(f.id());
        sw.writeUpdated(Date.from(f.updated()));
        sw.writeAuthor(f.author());
        for (Link l : f.links()) link(l);
        if (f.categoryTerm() != null) sw.writeCategory(f.categoryTerm(), CATEGORY_SCHEME, f.categoryLabel());
        if (f.totalResults() != null) {
            simple(Namespaces.OPENSEARCH, "totalResults", "opensearch", f.totalResults().toString());
            simple(Namespaces.OPENSEARCH, "startIndex", "opensearch", f.startIndex().toString());
            simple(Namespaces.OPENSEARCH, "itemsPerPage", "opensearch", f.itemsPerPage().toString());
        }
        if (!f.listSorts().isEmpty()) listInfo(f);
        for (Diagnosis d : f.diagnoses()) diagnosis(d);
    }

    /** An sdata:diagnosis inside a feed, with all six children as sdata.xsd wants them (§3.10). */
    private void diagnosis(Diagnosis d) {
        sw.startElement(new QName(Namespaces.SDATA, "diagnosis", "sdata"));
        simple(Namespaces.SDATA, "severity", "sdata", d.severity());
        simple(Namespaces.SDATA, "sdataCode", "sdata", d.sdataCode());
        simple(Namespaces.SDATA, "applicationCode", "sdata", d.applicationCode());
        simple(Namespaces.SDATA, "message", "sdata", d.message());
        simple(Namespaces.SDATA, "stackTrace", "sdata", "");
        simple(Namespaces.SDATA, "payloadPath", "sdata", d.payloadPath());
        sw.endElement();
    }

    /** Simple List Extensions (§3.6): feed readers offer these sorts; the first is the feed's own (key) order. */
    private void listInfo(AtomFeed f) {
        simple(SLE, "treatAs", "sle", "list");
        sw.startElement(new QName(SLE, "listinfo", "sle"));
        sw.startElement(new QName(SLE, "sort", "sle")).writeAttribute("label", "ID").writeAttribute("default", "true").endElement();
        for (AtomFeed.ListSort s : f.listSorts()) {
            sw.startElement(new QName(SLE, "sort", "sle")).writeAttribute("ns", s.namespace()).writeAttribute("element", s.element())
                    .writeAttribute("label", s.label()).writeAttribute("data-type", s.dataType()).endElement();
        }
        sw.endElement();
    }

    public void feedEntry(AtomEntry e) {
        sw.startEntry();
        if (e.author() != null) sw.writeAuthor(e.author()); // the last writer; else the feed's author stands (RFC 4287 4.2.1)
        entryBody(e);
        sw.endEntry();
    }

    public void endFeed() { sw.endFeed(); }

    /** What a batch response entry says in http: elements about its operation (§13.4). */
    public record HttpOutcome(int status, String message, String method, String location, String etag) { }

    /**
     * One entry of a batch response (§13.4): the entry an individual call would return ({@code e}, or only an id and
     * title when that call returns none), the http: elements, and the diagnoses of a failed operation.
     */
    public void batchEntry(AtomEntry e, String id, String title, HttpOutcome http, List<Diagnosis> diagnoses) {
        sw.startEntry();
        if (e != null) {
            entryHead(e);
        } else {
            sw.writeId(id);
            sw.writeTitle(title);
            sw.writeUpdated(new Date());
        }
        simple(Namespaces.HTTP, "httpStatus", "http", Integer.toString(http.status()));
        simple(Namespaces.HTTP, "httpMessage", "http", http.message());
        if (http.location() != null) simple(Namespaces.HTTP, "location", "http", http.location());
        simple(Namespaces.HTTP, "httpMethod", "http", http.method());
        if (e != null) entryPayload(e);
        else if (http.etag() != null) sw.startElement(ETAG).writeElementText(http.etag()).endElement();
        for (Diagnosis d : diagnoses) diagnosis(d);
        sw.endEntry();
    }

    private void declareNamespaces(boolean feed) {
        sw.writeNamespace("sdata", Namespaces.SDATA);
        sw.writeNamespace("http", Namespaces.HTTP);
        if (feed) sw.writeNamespace("opensearch", Namespaces.OPENSEARCH);
        if (feed) sw.writeNamespace("sle", SLE);
        sw.writeNamespace("sme", Namespaces.SME);
        sw.writeNamespace("xsi", Namespaces.XSI);
    }

    private void entryBody(AtomEntry e) {
        entryHead(e);
        entryPayload(e);
    }

    private void entryHead(AtomEntry e) {
        sw.writeId(e.id());
        sw.writeTitle(e.title());
        sw.writeUpdated(Date.from(e.updated()));
        if (e.published() != null) sw.writePublished(Date.from(e.published()));
        for (Link l : e.links()) link(l);
        if (e.categoryTerm() != null) sw.writeCategory(e.categoryTerm(), CATEGORY_SCHEME, e.categoryLabel());
        if (e.content() != null) sw.writeContent(org.apache.abdera.model.Content.Type.TEXT, e.content());
    }

    private void entryPayload(AtomEntry e) {
        if (e.payload() != null) {
            sw.startElement(PAYLOAD);
            e.payload().accept(new AtomPayloadSink(new Sink()));
            sw.endElement();
        }
        if (e.etag() != null) sw.startElement(ETAG).writeElementText(e.etag()).endElement();
    }

    private void link(Link l) {
        sw.startLink(l.href(), l.rel(), l.type(), l.title(), null, -1);
        sw.endLink();
    }

    private void simple(String ns, String local, String prefix, String text) {
        sw.startElement(new QName(ns, local, prefix)).writeElementText(text).endElement();
    }

    @Override public void close() {
        sw.endDocument();
        sw.flush();
    }

    /** Payload elements: the resource element declares the contract namespace as default, like the spec's examples. */
    private final class Sink implements XmlSink {
        @Override public void start(String ns, String localName) {
            sw.startElement(new QName(ns, localName, ""));
        }

        @Override public void attribute(String ns, String localName, String value) {
            if (value == null) return;
            String prefix = Namespaces.SDATA.equals(ns) ? "sdata" : Namespaces.XSI.equals(ns) ? "xsi" : "";
            sw.writeAttribute(new QName(ns, localName, prefix), value);
        }

        @Override public void text(String text) { sw.writeElementText(text); }

        @Override public void end() { sw.endElement(); }
    }
}
