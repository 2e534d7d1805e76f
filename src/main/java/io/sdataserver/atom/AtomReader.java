package io.sdataserver.atom;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import java.io.InputStream;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.abdera.Abdera;
import org.apache.abdera.model.Document;
import org.apache.abdera.model.Element;
import org.apache.abdera.parser.Parser;

/**
 * Parses request entries with Abdera, through {@link SafeXml}, and hands the rest of the server a
 * {@link RequestEntry}: Abdera types do not leave this package.
 */
public final class AtomReader {
    private static final QName ENTRY = new QName(Namespaces.ATOM, "entry");
    private static final QName FEED = new QName(Namespaces.ATOM, "feed");
    private static final QName PAYLOAD = new QName(Namespaces.SDATA, "payload");
    private static final QName IF_MATCH = new QName(Namespaces.HTTP, "ifMatch");
    private static final QName HTTP_METHOD = new QName(Namespaces.HTTP, "httpMethod");
    private static final QName ID = new QName(Namespaces.ATOM, "id");

    private final Parser parser;
    private final SafeXml safeXml = new SafeXml();

    public AtomReader(Abdera abdera) { this.parser = abdera.getParser(); }

    /** Reads an Atom entry request body; 400 (or 413) with a diagnosis when it is not one. */
    public RequestEntry readEntry(InputStream body) {
        Element root;
        try {
            Document<Element> doc = parser.parse(safeXml.reader(body));
            root = doc.getRoot();
            if (root == null) throw invalid("the request body is empty; an Atom <entry> is expected");
            root.complete(); // Abdera builds lazily: force the whole parse here so every fault surfaces now
            if (!ENTRY.equals(root.getQName())) {
                throw invalid("the request body is <" + root.getQName().getLocalPart() + ">; an Atom <entry> is expected");
            }
            return entry(root);
        } catch (SDataException e) {
            throw e;
        } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Reads a batch request (§13.3): an Atom feed of entries, each an operation. A body that is not such a feed, or
     * holds more than {@code maxEntries} entries, is refused whole with 400, before anything is applied.
     */
    public List<RequestEntry> readBatch(InputStream body, int maxEntries) {
        try {
            Document<Element> doc = parser.parse(safeXml.reader(body));
            Element root = doc.getRoot();
            if (root == null) throw invalidBatch("the request body is empty; a batch is an Atom <feed> of entries");
            root.complete();
            if (!FEED.equals(root.getQName())) {
                throw invalidBatch("the request body is <" + root.getQName().getLocalPart() + ">; a batch is an Atom <feed> of entries");
            }
            List<RequestEntry> entries = new java.util.ArrayList<>();
            for (Element e : root.getElements()) {
                if (!ENTRY.equals(e.getQName())) continue;
                if (entries.size() == maxEntries) {
                    throw invalidBatch("the batch holds more than " + maxEntries + " entries (--batch-max-entries); send it in parts");
                }
                try {
                    entries.add(entry(e));
                } catch (SDataException fault) {
                    throw invalidBatch("entry " + (entries.size() + 1) + ": " + fault.getMessage());
                }
            }
            return entries;
        } catch (SDataException e) {
            throw e;
        } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
            RuntimeException t = translate(e);
            throw invalidBatch(t.getMessage());
        }
    }

    private static RequestEntry entry(Element root) {
        XmlElement resource = resourceElement(root);
        return new RequestEntry(resource == null ? null : new AtomPayloadSource(resource),
                resource == null ? null : resource.localName(), text(root, IF_MATCH), text(root, HTTP_METHOD), text(root, ID));
    }

    private static SDataException invalidBatch(String message) {
        return new SDataException(400, Diagnosis.application("InvalidBatch", message, null));
    }

    private static RuntimeException translate(Throwable e) {
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

    private static String text(Element root, QName name) {
        Element e = root.getFirstChild(name);
        if (e == null) return null;
        String t = e.getText();
        return t == null || t.isBlank() ? null : t.trim();
    }

    /** The resource element: the child of sdata:payload, or a foreign element directly in the entry (UPD-25). */
    private static XmlElement resourceElement(Element entry) {
        Element payload = entry.getFirstChild(PAYLOAD);
        if (payload != null) {
            List<Element> items = payload.getElements();
            if (items.size() > 1) throw invalid("sdata:payload holds " + items.size() + " elements; exactly one is expected");
            return items.isEmpty() ? null : convert(items.get(0));
        }
        for (Element child : entry.getElements()) {
            String ns = child.getQName().getNamespaceURI();
            if (!Namespaces.ATOM.equals(ns) && !Namespaces.SDATA.equals(ns) && !Namespaces.HTTP.equals(ns)) {
                return convert(child);
            }
        }
        return null;
    }

    private static XmlElement convert(Element e) {
        XmlElement out = new XmlElement(e.getQName().getNamespaceURI(), e.getQName().getLocalPart());
        for (QName a : e.getAttributes()) out.attribute(a.getNamespaceURI(), a.getLocalPart(), e.getAttributeValue(a));
        for (QName a : e.getExtensionAttributes()) out.attribute(a.getNamespaceURI(), a.getLocalPart(), e.getAttributeValue(a));
        List<Element> children = e.getElements();
        if (children.isEmpty()) {
            out.text(e.getText());
        } else {
            for (Element c : children) out.add(convert(c));
        }
        return out;
    }
}
