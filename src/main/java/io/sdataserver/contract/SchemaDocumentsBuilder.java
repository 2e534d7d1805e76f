package io.sdataserver.contract;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Serializes the contract documents for $schema once, at start-up. The sme: flags are rewritten so that the
 * schema states what this server does (SME rows of the checklist): capabilities it has not built yet are
 * switched off, paging it always offers is switched on. Imports and includes point at {@code $schema/NAME}.
 */
final class SchemaDocumentsBuilder {
    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** Kind-level flags forced to a value because the server's behaviour is fixed, whatever the contract says. */
    private static final Map<String, String> KIND_FLAGS = Map.of(
            "canPageNext", "true", "canPagePrevious", "true", "canPageIndex", "true",
            "batchingMode", "syncOrAsync", "isSyncSource", "false", "isSyncTarget", "false", "canSearch", "false");
    /** Property-level flags for features not served (grouping, paging flags) or not on this relationship. */
    private static final String[] PROPERTY_FLAGS_OFF = {"canGet", "canPost", "canPut", "canDelete", "canGroup",
            "canPageNext", "canPagePrevious", "canPageIndex"};
    private static final java.util.Set<String> URL_WRITES = java.util.Set.of("canPost", "canPut", "canDelete");
    /** Every protocol variable the query language answers; $uuid only on kinds with hasUuid. */
    private static final String PROTOCOL_FILTERS = "$key,$uuid,$updated,$published,$title";

    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override public void warning(SAXParseException e) { }
        @Override public void error(SAXParseException e) throws SAXParseException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
    };

    private SchemaDocumentsBuilder() { }

    static SchemaDocuments build(Path mainFile) {
        try {
            Map<String, byte[]> parts = new LinkedHashMap<>();
            byte[] main = serialize(mainFile, parts, 0);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(main);
            for (byte[] p : parts.values()) md.update(p);
            String etag = Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest()).substring(0, 22);
            return new SchemaDocuments(main, parts, etag);
        } catch (ContractException e) {
            throw e;
        } catch (Exception e) {
            throw new ContractException("cannot serialize " + mainFile + ": " + e.getMessage(), e);
        }
    }

    private static byte[] serialize(Path file, Map<String, byte[]> parts, int depth) throws Exception {
        if (depth > 16) throw new ContractException("imports nested too deeply at " + file);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(QUIET); // the JDK's default handler prints to stderr; a fault must become one error line
        Document doc;
        try {
            doc = b.parse(file.toFile());
        } catch (SAXParseException e) {
            throw new ContractException(file.getFileName() + " line " + e.getLineNumber() + ": " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (!(n instanceof Element) || !XS.equals(n.getNamespaceURI())) continue;
            Element e = (Element) n;
            String local = e.getLocalName();
            if (("import".equals(local) || "include".equals(local)) && e.hasAttribute("schemaLocation")) {
                Path ref = file.resolveSibling(e.getAttribute("schemaLocation")).normalize();
                String name = ref.getFileName().toString().replaceFirst("\\.xsd$", "");
                if (!parts.containsKey(name)) {
                    parts.put(name, new byte[0]); // reserve: breaks import cycles
                    parts.put(name, serialize(ref, parts, depth + 1));
                }
                e.setAttribute("schemaLocation", "$schema/" + name);
            } else if ("element".equals(local) && "resourceKind".equals(e.getAttributeNS(Sme.NS, "role"))) {
                KIND_FLAGS.forEach((flag, value) -> e.setAttributeNS(Sme.NS, "sme:" + flag, value));
                String canPost = e.getAttributeNS(Sme.NS, "canPost");
                e.setAttributeNS(Sme.NS, "sme:hasTemplate", "true".equals(canPost) ? "true" : "false");
                boolean uuid = "true".equals(e.getAttributeNS(Sme.NS, "hasUuid"));
                e.setAttributeNS(Sme.NS, "sme:protocolFilters", uuid ? PROTOCOL_FILTERS : PROTOCOL_FILTERS.replace("$uuid,", ""));
            } else if ("complexType".equals(local)) {
                NodeList props = e.getElementsByTagNameNS(XS, "element");
                for (int j = 0; j < props.getLength(); j++) {
                    Element p = (Element) props.item(j);
                    // writes through property URLs are served for child relationships only, as the contract flags them
                    boolean child = "child".equals(p.getAttributeNS(Sme.NS, "relationship"));
                    for (String flag : PROPERTY_FLAGS_OFF) {
                        if (child && URL_WRITES.contains(flag)) continue;
                        if (p.hasAttributeNS(Sme.NS, flag)) p.setAttributeNS(Sme.NS, "sme:" + flag, "false");
                    }
                    // where and orderBy take every simple property; relationships only through their members
                    if ("unbounded".equals(p.getAttribute("maxOccurs"))) continue; // the item of a --list type, not a property
                    boolean relationship = p.hasAttributeNS(Sme.NS, "relationship");
                    String queryable = relationship ? "false" : "true";
                    if (!relationship || p.hasAttributeNS(Sme.NS, "canFilter")) p.setAttributeNS(Sme.NS, "sme:canFilter", queryable);
                    if (!relationship || p.hasAttributeNS(Sme.NS, "canSort")) p.setAttributeNS(Sme.NS, "sme:canSort", queryable);
                    // a collection relationship is a queryable feed at its property URL (§6.8)...
                    boolean collection = "true".equals(p.getAttributeNS(Sme.NS, "isCollection"))
                            || p.getAttribute("type").endsWith("--list");
                    // and a child, single or in a list, is readable at its own property URL
                    if (relationship && (collection || child)) p.setAttributeNS(Sme.NS, "sme:canGet", "true");
                }
            }
        }
        Transformer t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
