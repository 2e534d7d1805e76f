package io.sdataserver.atom;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.Identity;
import io.sdataserver.payload.PayloadSink;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A payload as Atom XML (§3.8): a resource is an element named for its kind or its property, a list item is named
 * by the contract's item element ({@code salesOrderLine} inside {@code orderLines}); identity and links are
 * sdata:url, sdata:key, sdata:uuid and sdata:lookup attributes; nil is xsi:nil="true".
 *
 * <p>Namespaces: an embedded resource's element is in its own type's namespace; every other element (values,
 * links, lists and their link items) is in the namespace of the resource that holds it.
 */
final class AtomPayloadSink implements PayloadSink {
    /** An open element: the namespace its properties are written in, and the list it is (null for a resource). */
    private record Open(String namespace, Property list) { }

    private final XmlSink xml;
    private final Deque<Open> open = new ArrayDeque<>();

    AtomPayloadSink(XmlSink xml) { this.xml = xml; }

    @Override public void startResource(ResourceKind kind, Identity id) {
        resource(kind.namespace(), kind.elementName(), id);
    }

    @Override public void startResource(Property p, Identity id) {
        resource(p.target().namespace(), p.name(), id);
    }

    @Override public void startItem(Identity id) {
        Property list = list();
        resource(list.target().namespace(), list.itemElementName(), id);
    }

    private void resource(String namespace, String element, Identity id) {
        xml.start(namespace, element);
        identity(id);
        open.push(new Open(namespace, null));
    }

    @Override public void endResource() { close(); }

    @Override public void simple(Property p, String lexical) {
        xml.start(namespace(), p.name());
        xml.text(lexical);
        xml.end();
    }

    @Override public void nil(Property p) {
        xml.start(namespace(), p.name());
        xml.attribute(Namespaces.XSI, "nil", "true");
        xml.end();
    }

    @Override public void link(Property p, Identity target, String lookup) {
        xml.start(namespace(), p.name());
        identity(target);
        xml.attribute(Namespaces.SDATA, "lookup", lookup);
        xml.end();
    }

    @Override public void startList(Property p, String url, boolean withItems) { // XML shows an unexpanded list empty
        String namespace = namespace();
        xml.start(namespace, p.name());
        xml.attribute(Namespaces.SDATA, "url", url);
        open.push(new Open(namespace, p));
    }

    @Override public void linkItem(Identity target) {
        String element = list().itemElementName();
        if (element == null) return; // XML names every item: a list whose contract names none cannot show them
        xml.start(namespace(), element);
        identity(target);
        xml.end();
    }

    @Override public void emptyItem() {
        xml.start(namespace(), list().itemElementName());
        xml.end();
    }

    @Override public void endList() { close(); }

    private void identity(Identity id) {
        xml.attribute(Namespaces.SDATA, "url", id.url());
        xml.attribute(Namespaces.SDATA, "key", id.key());
        xml.attribute(Namespaces.SDATA, "uuid", id.uuid());
    }

    private String namespace() { return open.peek().namespace(); }

    private Property list() { return open.peek().list(); }

    private void close() {
        open.pop();
        xml.end();
    }
}
