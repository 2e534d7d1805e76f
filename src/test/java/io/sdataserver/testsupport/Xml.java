package io.sdataserver.testsupport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A parsed XML response with XPath over fixed prefixes: a (Atom), sdata, http, opensearch, xsi, xs, sme, and
 * c (the bundled contract's namespace) / g (GCRM's).
 */
public final class Xml {
    private static final Map<String, String> NS = Map.of(
            "a", "http://www.w3.org/2005/Atom",
            "sdata", "http://schemas.sage.com/sdata/2008/1",
            "http", "http://schemas.sage.com/sdata/http/2008/1",
            "opensearch", "http://a9.com/-/spec/opensearch/1.1/",
            "xsi", "http://www.w3.org/2001/XMLSchema-instance",
            "xs", "http://www.w3.org/2001/XMLSchema",
            "sme", "http://schemas.sage.com/sdata/sme/2007",
            "c", "http://schemas.sage.com/myContract",
            "g", "http://schemas.sage.com/crmErp/2008");

    private final Document doc;
    private final XPath xpath;

    private Xml(Document doc) {
        this.doc = doc;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override public String getNamespaceURI(String prefix) { return NS.get(prefix); }
            @Override public String getPrefix(String uri) { return null; }
            @Override public Iterator<String> getPrefixes(String uri) { return null; }
        });
    }

    public static Xml parse(String text) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return new Xml(f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("response is not XML: " + e.getMessage() + "\n" + text, e);
        }
    }

    /** The string value of an XPath expression ("" when nothing matches). */
    public String text(String expr) {
        try {
            return (String) xpath.evaluate(expr, doc, XPathConstants.STRING);
        } catch (Exception e) {
            throw new IllegalArgumentException(expr, e);
        }
    }

    public int count(String expr) {
        try {
            return ((NodeList) xpath.evaluate(expr, doc, XPathConstants.NODESET)).getLength();
        } catch (Exception e) {
            throw new IllegalArgumentException(expr, e);
        }
    }

    public boolean has(String expr) { return count(expr) > 0; }

    public String rootName() { return doc.getDocumentElement().getLocalName(); }
    public String rootNamespace() { return doc.getDocumentElement().getNamespaceURI(); }
}
