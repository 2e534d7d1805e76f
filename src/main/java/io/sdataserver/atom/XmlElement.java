package io.sdataserver.atom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload element as parsed from a request, copied out of the request's StAX stream so that reading it needs no parser: name,
 * attributes (keyed "{namespace}local"), child elements and text. {@link AtomPayloadSource} reads it.
 */
final class XmlElement {
    private final String namespace;
    private final String localName;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlElement> children = new ArrayList<>();
    private String text = "";

    XmlElement(String namespace, String localName) {
        this.namespace = namespace == null ? "" : namespace;
        this.localName = localName;
    }

    void attribute(String namespace, String localName, String value) {
        attributes.put(key(namespace, localName), value);
    }

    void add(XmlElement child) { children.add(child); }
    void text(String text) { this.text = text == null ? "" : text; }

    String namespace() { return namespace; }
    String localName() { return localName; }
    String attribute(String namespace, String localName) { return attributes.get(key(namespace, localName)); }
    List<XmlElement> children() { return Collections.unmodifiableList(children); }
    String text() { return text; }

    private static String key(String ns, String local) { return "{" + (ns == null ? "" : ns) + "}" + local; }
}
