package io.sdataserver.atom;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.Identity;
import io.sdataserver.payload.PayloadSource;
import io.sdataserver.payload.SentList;
import io.sdataserver.payload.SentResource;
import io.sdataserver.payload.SentValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource element of an Atom request as a {@link PayloadSource}: what XML spells, read out. A resource or a
 * property is an element named for it, in the contract's namespace (or none); identity and flags are sdata:key,
 * sdata:uuid, sdata:url, sdata:isDeleted and sdata:deleteMissing; nil is xsi:nil; a list's items are its child
 * elements named by the contract's item element ({@code salesOrderLine} in {@code orderLines}). An element of a
 * resource in another namespace is foreign; the rules that judge all this are the payload reader's.
 */
final class AtomPayloadSource implements PayloadSource {
    private final XmlElement root;

    AtomPayloadSource(XmlElement root) { this.root = root; }

    @Override public SentResource resource(EntityType type, String name) {
        if (!name.equals(root.localName())) {
            throw new SDataException(400, Diagnosis.application("WrongPayloadElement", "the payload element is <"
                    + root.localName() + ">; this URL expects <" + name + ">", root.localName()));
        }
        if (!inNamespaceOf(type, root)) {
            throw new SDataException(400, Diagnosis.application("WrongPayloadElement", "the payload element <" + root.localName()
                    + "> is in namespace '" + root.namespace() + "'; this URL expects the contract's '" + type.namespace() + "'",
                    root.localName()));
        }
        return new Resource(root, type);
    }

    /**
     * Sage's JavaScript client writes every payload in its own namespace, whatever the contract's: that namespace
     * stands for the contract's, as no namespace does for clients that omit xmlns.
     */
    static final String SAGE_DYNAMIC = "http://schemas.sage.com/dynamic/2007";

    /** An element in the contract's namespace, in none, or in Sage's dynamic one. */
    private static boolean inNamespaceOf(EntityType type, XmlElement e) {
        return type == null || e.namespace().isEmpty() || e.namespace().equals(type.namespace()) || e.namespace().equals(SAGE_DYNAMIC);
    }

    private static boolean flag(XmlElement e, String ns, String name) {
        String v = e.attribute(ns, name);
        return v != null && "true".equals(v.trim());
    }

    /** A resource element; {@code type} decides which namespace its property elements must be in. */
    private record Resource(XmlElement element, EntityType type) implements SentResource {
        @Override public Identity identity() {
            return new Identity(element.attribute(Namespaces.SDATA, "key"), element.attribute(Namespaces.SDATA, "uuid"),
                    element.attribute(Namespaces.SDATA, "url"));
        }

        @Override public boolean isDeleted() { return flag(element, Namespaces.SDATA, "isDeleted"); }

        @Override public List<SentValue> properties() {
            List<SentValue> values = new ArrayList<>();
            for (XmlElement child : element.children()) values.add(new Value(child, !inNamespaceOf(type, child)));
            return values;
        }
    }

    /** A property element. */
    private record Value(XmlElement element, boolean isForeign) implements SentValue {
        @Override public String name() { return element.localName(); }

        // xsi:nil is an xs:boolean: "1" says true too
        @Override public boolean isNil() {
            String v = element.attribute(Namespaces.XSI, "nil");
            return v != null && ("true".equals(v.trim()) || "1".equals(v.trim()));
        }

        @Override public String lexical() { return element.children().isEmpty() ? element.text() : null; }

        @Override public SentResource resource(EntityType type) { return new Resource(element, type); }

        @Override public SentList list(Property p) {
            List<SentList.Item> items = new ArrayList<>();
            for (XmlElement item : element.children()) {
                String name = item.localName();
                boolean ofList = p.itemElementName() == null || p.itemElementName().equals(name);
                items.add(new SentList.Item(name, ofList ? new Resource(item, p.target()) : null));
            }
            return new SentList(flag(element, Namespaces.SDATA, "deleteMissing"), items);
        }
    }
}
