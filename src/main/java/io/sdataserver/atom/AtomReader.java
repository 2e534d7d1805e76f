package io.sdataserver.atom;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.RequestEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads request entries (§3.2, §13.3) in one streaming pass over the body, through {@link SafeXml}: no document tree
 * is built, only each entry's operation fields and its resource element, copied into an {@link XmlElement}. A batch
 * of a thousand entries so costs the compact copies, not a parsed feed beside them.
 */
public final class AtomReader implements io.sdataserver.payload.RequestFormat {
    private static final QName ENTRY = new QName(Namespaces.ATOM, "entry");
    private static final QName FEED = new QName(Namespaces.ATOM, "feed");
    private static final QName PAYLOAD = new QName(Namespaces.SDATA, "payload");
    private static final QName IF_MATCH = new QName(Namespaces.HTTP, "ifMatch");
    private static final QName HTTP_METHOD = new QName(Namespaces.HTTP, "httpMethod");
    private static final QName ID = new QName(Namespaces.ATOM, "id");

    private final SafeXml safeXml = new SafeXml();

    /** Reads an Atom entry request body; 400 with a diagnosis when it is not one. */
    @Override
    public RequestEntry readEntry(InputStream body) {
        try {
            XMLStreamReader x = open(body);
            if (x == null) throw invalid("the request body is empty; an Atom <entry> is expected");
            if (!ENTRY.equals(x.getName())) {
                throw invalid("the request body is <" + x.getLocalName() + ">; an Atom <entry> is expected");
            }
            RequestEntry entry = entry(x);
            toEnd(x); // every fault of the body surfaces before anything is applied
            return entry;
        } catch (SDataException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Reads a batch request (§13.3): an Atom feed of entries, each an operation. A body that is not such a feed, or
     * holds more than {@code maxEntries} entries, is refused whole with 400, before anything is applied.
     */
    @Override
    public List<RequestEntry> readBatch(InputStream body, int maxEntries) {
        try {
            XMLStreamReader x = open(body);
            if (x == null) throw invalidBatch("the request body is empty; a batch is an Atom <feed> of entries");
            if (!FEED.equals(x.getName())) {
                throw invalidBatch("the request body is <" + x.getLocalName() + ">; a batch is an Atom <feed> of entries");
            }
            List<RequestEntry> entries = new ArrayList<>();
            while (nextChild(x)) {
                if (!ENTRY.equals(x.getName())) {
                    skip(x);
                    continue;
                }
                if (entries.size() == maxEntries) {
                    throw invalidBatch("the batch holds more than " + maxEntries + " entries (--batch-max-entries); send it in parts");
                }
                try {
                    entries.add(entry(x));
                } catch (SDataException fault) {
                    throw invalidBatch("entry " + (entries.size() + 1) + ": " + fault.getMessage());
                }
            }
            toEnd(x);
            return entries;
        } catch (SDataException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            throw invalidBatch(translate(e).getMessage());
        }
    }

    /** A reader positioned on the root element, or null for an empty body. */
    private XMLStreamReader open(InputStream body) throws XMLStreamException {
        InputStream in = body.markSupported() ? body : new BufferedInputStream(body);
        try {
            in.mark(1);
            if (in.read() < 0) return null;
            in.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        XMLStreamReader x = safeXml.reader(in);
        while (x.next() != XMLStreamConstants.START_ELEMENT) { /* prolog: comments, processing instructions */ }
        return x;
    }

    /**
     * An entry's operation: atom:id, http:httpMethod and http:ifMatch (the first of each, blank as absent), and its
     * resource element, the child of sdata:payload or else a foreign element directly in the entry (UPD-25).
     * The reader is on the entry's start and is left on its end.
     */
    private static RequestEntry entry(XMLStreamReader x) throws XMLStreamException {
        String id = null, method = null, ifMatch = null;
        boolean seenId = false, seenMethod = false, seenIfMatch = false, seenPayload = false;
        XmlElement payload = null, foreign = null;
        while (nextChild(x)) {
            QName q = x.getName();
            if (q.equals(ID) && !seenId) {
                seenId = true;
                id = trimmed(text(x));
            } else if (q.equals(HTTP_METHOD) && !seenMethod) {
                seenMethod = true;
                method = trimmed(text(x));
            } else if (q.equals(IF_MATCH) && !seenIfMatch) {
                seenIfMatch = true;
                ifMatch = trimmed(text(x));
            } else if (q.equals(PAYLOAD) && !seenPayload) {
                seenPayload = true;
                payload = payloadItem(x);
            } else if (foreign == null && !Namespaces.ATOM.equals(q.getNamespaceURI()) && !Namespaces.SDATA.equals(q.getNamespaceURI())
                    && !Namespaces.HTTP.equals(q.getNamespaceURI())) {
                foreign = element(x);
            } else {
                skip(x);
            }
        }
        XmlElement resource = seenPayload ? payload : foreign;
        return new RequestEntry(resource == null ? null : new AtomPayloadSource(resource),
                resource == null ? null : resource.localName(), ifMatch, method, id);
    }

    /** The one element inside sdata:payload (null when it is empty). */
    private static XmlElement payloadItem(XMLStreamReader x) throws XMLStreamException {
        XmlElement first = null;
        int count = 0;
        while (nextChild(x)) {
            count++;
            if (first == null) first = element(x);
            else skip(x);
        }
        if (count > 1) throw invalid("sdata:payload holds " + count + " elements; exactly one is expected");
        return first;
    }

    /** Copies the element the reader is on, with its attributes, children and (for a leaf) its text. */
    private static XmlElement element(XMLStreamReader x) throws XMLStreamException {
        XmlElement out = new XmlElement(x.getNamespaceURI(), x.getLocalName());
        for (int i = 0; i < x.getAttributeCount(); i++) {
            out.attribute(x.getAttributeNamespace(i), x.getAttributeLocalName(i), x.getAttributeValue(i));
        }
        StringBuilder text = null;
        boolean leaf = true;
        while (true) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                leaf = false;
                out.add(element(x));
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            } else if (leaf && isText(event)) {
                if (text == null) text = new StringBuilder();
                text.append(x.getText());
            }
        }
        if (leaf) out.text(text == null ? "" : text.toString());
        return out;
    }

    /** The text inside the element the reader is on, at any depth; the reader is left on its end. */
    private static String text(XMLStreamReader x) throws XMLStreamException {
        StringBuilder b = new StringBuilder();
        for (int depth = 0; ; ) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) depth++;
            else if (event == XMLStreamConstants.END_ELEMENT && depth-- == 0) return b.toString();
            else if (isText(event)) b.append(x.getText());
        }
    }

    /** Moves to the next child element's start (true) or to the end of the current element (false). */
    private static boolean nextChild(XMLStreamReader x) throws XMLStreamException {
        while (true) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) return true;
            if (event == XMLStreamConstants.END_ELEMENT) return false;
        }
    }

    private static void skip(XMLStreamReader x) throws XMLStreamException {
        for (int depth = 0; ; ) {
            int event = x.next();
            if (event == XMLStreamConstants.START_ELEMENT) depth++;
            else if (event == XMLStreamConstants.END_ELEMENT && depth-- == 0) return;
        }
    }

    /** Reads past the root to the end of the document, so trailing garbage is a fault too. */
    private static void toEnd(XMLStreamReader x) throws XMLStreamException {
        while (x.hasNext()) x.next();
        x.close();
    }

    private static boolean isText(int event) {
        return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE;
    }

    private static String trimmed(String t) { return t == null || t.isBlank() ? null : t.trim(); }

    private static SDataException invalidBatch(String message) {
        return new SDataException(400, Diagnosis.application("InvalidBatch", message, null));
    }

    private static SDataException translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SafeXml.RefusedXml) return invalid(t.getMessage());
            if (t.getCause() == t) break;
        }
        String msg = rootMessage(e);
        if (msg.contains("DOCTYPE") || msg.contains("DTD")) return invalid("a DOCTYPE (DTD) is not allowed in SData requests");
        return invalid("the request body is not well-formed XML: " + msg);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ");
    }

    private static SDataException invalid(String message) {
        return new SDataException(400, Diagnosis.application("InvalidEntry", message, null));
    }
}
