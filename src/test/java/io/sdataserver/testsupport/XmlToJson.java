package io.sdataserver.testsupport;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Spells an Atom payload element the way a JSON client would send it, so that generated writes (valid or not) can be
 * sent in either format: sdata:key, uuid, url, isDeleted and deleteMissing become $ members, xsi:nil a null, a list
 * (by name) an object with $resources, an element with elements an object, a leaf its text (a JSON number when it
 * is one). What JSON cannot say (other attributes) is left out; what JSON says twice stays twice.
 */
public final class XmlToJson {
    private static final String SDATA = "http://schemas.sage.com/sdata/2008/1";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private XmlToJson() { }

    /** {@code resourceXml}: one element, its prefixes sdata: and xsi: as Entries declares them. */
    public static String convert(String resourceXml, Set<String> lists) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            String wrapped = "<w xmlns:sdata=\"" + SDATA + "\" xmlns:xsi=\"" + XSI + "\">" + resourceXml + "</w>";
            Element root = (Element) f.newDocumentBuilder().parse(new InputSource(new StringReader(wrapped)))
                    .getDocumentElement().getFirstChild();
            StringBuilder out = new StringBuilder();
            object(root, lists, out);
            return out.toString();
        } catch (Exception e) {
            throw new IllegalArgumentException("not convertible: " + resourceXml, e);
        }
    }

    private static void object(Element e, Set<String> lists, StringBuilder out) {
        List<String> members = new ArrayList<>();
        identity(e, members);
        for (Element child : children(e)) members.add(quote(child.getLocalName()) + ":" + value(child, lists));
        out.append("{").append(String.join(",", members)).append("}");
    }

    private static String value(Element e, Set<String> lists) {
        if ("true".equals(e.getAttributeNS(XSI, "nil"))) return "null";
        if (lists.contains(e.getLocalName())) {
            List<String> members = new ArrayList<>();
            String mode = e.getAttributeNS(SDATA, "deleteMissing");
            if (!mode.isEmpty()) members.add("\"$deleteMissing\":" + ("true".equals(mode) || "false".equals(mode) ? mode : quote(mode)));
            List<String> items = new ArrayList<>();
            for (Element item : children(e)) {
                StringBuilder b = new StringBuilder();
                object(item, lists, b);
                items.add(b.toString());
            }
            members.add("\"$resources\":[" + String.join(",", items) + "]");
            return "{" + String.join(",", members) + "}";
        }
        List<Element> kids = children(e);
        List<String> identity = new ArrayList<>();
        identity(e, identity);
        if (kids.isEmpty() && identity.isEmpty()) {
            String text = e.getTextContent();
            return text.matches("-?(0|[1-9]\\d{0,17})(\\.\\d+)?") ? text : quote(text);
        }
        StringBuilder b = new StringBuilder();
        object(e, lists, b);
        return b.toString();
    }

    private static void identity(Element e, List<String> members) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            if (!SDATA.equals(a.getNamespaceURI())) continue;
            String name = a.getLocalName();
            if (name.equals("deleteMissing")) continue; // a list's, written with it
            String v = a.getNodeValue();
            boolean flag = name.equals("isDeleted") && (v.equals("true") || v.equals("false"));
            members.add(quote("$" + name) + ":" + (flag ? v : quote(v)));
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element c) out.add(c);
        return out;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
