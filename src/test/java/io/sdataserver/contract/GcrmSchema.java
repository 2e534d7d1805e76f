package io.sdataserver.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the GCRM contract files say, read independently of the server with a plain DOM parser: the resource kinds
 * (elements with sme:role="resourceKind" in the main file and every file it imports or includes), their sme flags and
 * their simple properties with the built-in XSD type and enumeration they resolve to. Tests compare the server
 * against this, so the expected values never come from the code under test.
 */
final class GcrmSchema {
    static final String SME = "http://schemas.sage.com/sdata/sme/2007";
    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    /** A simple property: the built-in type it derives from (local name, e.g. "decimal") and its enumeration. */
    record Prop(String name, String builtin, List<String> enumeration, boolean mandatory, boolean readOnly, boolean nillable) { }

    /** A resource kind as declared: element name, plural, namespace, the file declaring it, its sme flags. */
    record Kind(String element, String plural, String namespace, String file, Map<String, String> flags,
                Map<String, Prop> simpleProperties, List<String> mandatoryRelationships) {
        /** An sme flag with its SME default: canGet is true unless said otherwise, every other flag false (§4.8). */
        boolean flag(String name) {
            String v = flags.get(name);
            if (v == null) return name.equals("canGet");
            return v.trim().equals("true") || v.trim().equals("1");
        }

        @Override public String toString() { return plural; }
    }

    private record TypeDecl(Element element, String namespace) { }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, Integer> kindsPerFile = new LinkedHashMap<>();
    private final Map<String, TypeDecl> complexTypes = new LinkedHashMap<>();
    private final Map<String, TypeDecl> simpleTypes = new LinkedHashMap<>();

    private GcrmSchema() { }

    /** Reads the main contract file and, transitively, every xs:import / xs:include with a schemaLocation. */
    static GcrmSchema load(Path mainFile) {
        GcrmSchema s = new GcrmSchema();
        List<Element> kindElements = new ArrayList<>();
        List<String> kindNamespaces = new ArrayList<>();
        List<String> kindFiles = new ArrayList<>();
        List<Path> todo = new ArrayList<>(List.of(mainFile.toAbsolutePath().normalize()));
        List<Path> seen = new ArrayList<>();
        while (!todo.isEmpty()) {
            Path file = todo.remove(0);
            if (seen.contains(file)) continue;
            seen.add(file);
            Element root = parse(file).getDocumentElement();
            String tns = root.getAttribute("targetNamespace");
            String fileName = file.getFileName().toString();
            s.kindsPerFile.put(fileName, 0);
            for (Element e : children(root)) {
                if (!XS.equals(e.getNamespaceURI())) continue;
                switch (e.getLocalName()) {
                    case "import", "include" -> {
                        if (e.hasAttribute("schemaLocation")) todo.add(file.resolveSibling(e.getAttribute("schemaLocation")).normalize());
                    }
                    case "complexType" -> s.complexTypes.put(qname(tns, e.getAttribute("name")), new TypeDecl(e, tns));
                    case "simpleType" -> s.simpleTypes.put(qname(tns, e.getAttribute("name")), new TypeDecl(e, tns));
                    case "element" -> {
                        if ("resourceKind".equals(e.getAttributeNS(SME, "role"))) {
                            kindElements.add(e);
                            kindNamespaces.add(tns);
                            kindFiles.add(fileName);
                            s.kindsPerFile.merge(fileName, 1, Integer::sum);
                        }
                    }
                    default -> { }
                }
            }
        }
        for (int i = 0; i < kindElements.size(); i++) {
            Element e = kindElements.get(i);
            Map<String, String> flags = new LinkedHashMap<>();
            var attrs = e.getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                Node n = attrs.item(a);
                if (SME.equals(n.getNamespaceURI())) flags.put(n.getLocalName(), n.getNodeValue());
            }
            String plural = e.getAttributeNS(SME, "pluralName");
            TypeDecl type = s.complexTypes.get(s.resolve(e, e.getAttribute("type")));
            if (type == null) throw new IllegalStateException("kind " + plural + ": type " + e.getAttribute("type") + " not found");
            Map<String, Prop> props = new LinkedHashMap<>();
            List<String> mandatoryRels = new ArrayList<>();
            NodeList els = type.element().getElementsByTagNameNS(XS, "element");
            for (int j = 0; j < els.getLength(); j++) {
                Element p = (Element) els.item(j);
                String name = p.getAttribute("name");
                boolean mandatory = "true".equals(p.getAttributeNS(SME, "isMandatory"));
                String typeQName = s.resolve(p, p.getAttribute("type"));
                if (!p.getAttributeNS(SME, "relationship").isEmpty() || s.complexTypes.containsKey(typeQName)) {
                    if (mandatory) mandatoryRels.add(name + " (" + p.getAttributeNS(SME, "relationship") + ")");
                    continue;
                }
                List<String> enumeration = new ArrayList<>();
                String builtin = s.builtin(typeQName, enumeration, 0);
                props.put(name, new Prop(name, builtin, List.copyOf(enumeration), mandatory,
                        "true".equals(p.getAttributeNS(SME, "isReadOnly")), "true".equals(p.getAttribute("nillable"))));
            }
            s.kinds.put(plural, new Kind(e.getAttribute("name"), plural, kindNamespaces.get(i), kindFiles.get(i),
                    Collections.unmodifiableMap(flags), Collections.unmodifiableMap(props), List.copyOf(mandatoryRels)));
        }
        return s;
    }

    /** Resource kinds by plural name, in declaration order (main file first). */
    Map<String, Kind> kinds() { return kinds; }

    /** How many resource kinds each file declares, by file name. */
    Map<String, Integer> kindsPerFile() { return kindsPerFile; }

    Kind kind(String plural) {
        Kind k = kinds.get(plural);
        if (k == null) throw new IllegalArgumentException("the GCRM contract has no resource kind " + plural);
        return k;
    }

    private String builtin(String qname, List<String> enumeration, int depth) {
        if (depth > 20) throw new IllegalStateException("simple type loop at " + qname);
        if (qname.startsWith("{" + XS + "}")) return qname.substring(XS.length() + 2);
        TypeDecl st = simpleTypes.get(qname);
        if (st == null) throw new IllegalStateException("simple type " + qname + " not found");
        NodeList restrictions = st.element().getElementsByTagNameNS(XS, "restriction");
        if (restrictions.getLength() == 0) return "anySimpleType"; // list or union: kept as text
        Element r = (Element) restrictions.item(0);
        if (enumeration.isEmpty()) {
            for (Element f : children(r)) {
                if ("enumeration".equals(f.getLocalName())) enumeration.add(f.getAttribute("value"));
            }
        }
        return builtin(resolve(r, r.getAttribute("base")), enumeration, depth + 1);
    }

    /** A prefixed name in an attribute value as {namespace}local, using the in-scope namespace declarations. */
    private String resolve(Element context, String prefixed) {
        int colon = prefixed.indexOf(':');
        String prefix = colon < 0 ? null : prefixed.substring(0, colon);
        String ns = context.lookupNamespaceURI(prefix);
        return qname(ns == null ? "" : ns, prefixed.substring(colon + 1));
    }

    private static String qname(String ns, String local) { return "{" + ns + "}" + local; }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) out.add((Element) n);
        }
        return out;
    }

    static Document parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
