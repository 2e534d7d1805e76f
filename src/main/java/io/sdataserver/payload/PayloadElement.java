package io.sdataserver.payload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload element as read from a request, independent of the Atom library that parsed it: name, attributes
 * (keyed "{namespace}local"), child elements and text.
 */
public final class PayloadElement {
    private final String namespace;
    private final String localName;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<PayloadElement> children = new ArrayList<>();
    private String text = "";

    public PayloadElement(String namespace, String localName) {
        this.namespace = namespace == null ? "" : namespace;
        this.localName = localName;
    }

    public void attribute(String namespace, String localName, String value) {
        attributes.put(key(namespace, localName), value);
    }

    public void add(PayloadElement child) { children.add(child); }
    public void text(String text) { this.text = text == null ? "" : text; }

    public String namespace() { return namespace; }
    public String localName() { return localName; }
    public String attribute(String namespace, String localName) { return attributes.get(key(namespace, localName)); }
    public List<PayloadElement> children() { return Collections.unmodifiableList(children); }
    public String text() { return text; }

    private static String key(String ns, String local) { return "{" + (ns == null ? "" : ns) + "}" + local; }
}
