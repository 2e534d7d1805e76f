package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import java.util.List;

/**
 * Writes a stored resource as its payload element (§3.8, §3.9): every property in contract order, null values as
 * xsi:nil="true" where the contract allows nil, relationships as elements carrying sdata:key/uuid/url.
 */
public final class PayloadWriter {
    /** Reads a referenced resource when a payload embeds it (include=contact, select=contact/*). */
    @FunctionalInterface
    public interface Resolver { ResourceState resolve(EntityType type, String key); }

    private final ResourceUrls urls;
    private final Resolver resolver;

    public PayloadWriter(ResourceUrls urls, Resolver resolver) {
        this.urls = urls;
        this.resolver = resolver;
    }

    public void write(XmlSink out, ResourceKind kind, ResourceState state, PayloadShape shape) {
        resource(out, kind.type(), kind.elementName(), state, shape, true);
    }

    private void resource(XmlSink out, EntityType type, String elementName, ResourceState s, PayloadShape shape, boolean root) {
        out.start(type.namespace(), elementName, root);
        String url = urls.resource(type, s.key());
        out.attribute(Namespaces.SDATA, "url", url);
        out.attribute(Namespaces.SDATA, "key", s.key());
        out.attribute(Namespaces.SDATA, "uuid", s.uuid());
        for (Property p : type.properties()) {
            if (!shape.shows(p)) continue;
            if (p.isSimple()) {
                simple(out, type, p, s.values().get(p.name()));
            } else if (p.isChild()) {
                children(out, type, p, s, url, shape);
            } else if (p.isLinkList()) {
                linkList(out, type, p, s, url);
            } else {
                link(out, type, p, s.links().get(p.name()), shape);
            }
        }
        out.end();
    }

    private static void simple(XmlSink out, EntityType type, Property p, Object value) {
        if (value == null) {
            nil(out, type, p);
            return;
        }
        out.start(type.namespace(), p.name(), false);
        out.text(ValueCodec.format(p.valueType(), value));
        out.end();
    }

    // PAY-2 wants nulls as xsi:nil; a property the contract does not make nillable is left out instead, so that
    // the payload stays valid against the contract.
    private static void nil(XmlSink out, EntityType type, Property p) {
        if (!p.isNillable()) return;
        out.start(type.namespace(), p.name(), false);
        out.attribute(Namespaces.XSI, "nil", "true");
        out.end();
    }

    /** A reference: its link attributes, and the referenced resource's data when the shape embeds it. */
    private void link(XmlSink out, EntityType type, Property p, LinkTarget target, PayloadShape shape) {
        if (target == null) {
            nil(out, type, p);
            return;
        }
        ResourceState embedded = shape.embeds(p) && p.target() != null && resolver != null
                ? resolver.resolve(p.target(), target.key()) : null;
        if (embedded != null) {
            resource(out, p.target(), p.name(), embedded, shape.inner(p), false);
            return;
        }
        out.start(type.namespace(), p.name(), false);
        linkAttributes(out, p, target);
        out.end();
    }

    private void linkAttributes(XmlSink out, Property p, LinkTarget target) {
        EntityType t = p.target();
        out.attribute(Namespaces.SDATA, "url", t == null ? null : urls.resource(t, target.key()));
        out.attribute(Namespaces.SDATA, "key", target.key());
        out.attribute(Namespaces.SDATA, "uuid", target.uuid());
        if (p.isSingleLink() && t != null) out.attribute(Namespaces.SDATA, "lookup", urls.collection(t));
    }

    private void children(XmlSink out, EntityType type, Property p, ResourceState s, String ownerUrl, PayloadShape shape) {
        List<ResourceState> items = s.children().get(p.name());
        boolean embed = shape.embeds(p);
        if (!p.isCollection()) {
            ResourceState child = items == null || items.isEmpty() ? null : items.get(0);
            if (child == null) {
                nil(out, type, p);
            } else if (embed) {
                resource(out, p.target(), p.name(), child, shape.inner(p), false);
            } else {
                out.start(type.namespace(), p.name(), false);
                out.attribute(Namespaces.SDATA, "url", childUrl(p, child, ownerUrl));
                out.attribute(Namespaces.SDATA, "key", child.key());
                out.attribute(Namespaces.SDATA, "uuid", child.uuid());
                out.end();
            }
            return;
        }
        out.start(type.namespace(), p.name(), false);
        out.attribute(Namespaces.SDATA, "url", ownerUrl == null ? null : urls.property(ownerUrl, p));
        if (embed && items != null) {
            PayloadShape inner = shape.inner(p);
            for (ResourceState child : items) resource(out, p.target(), p.itemElementName(), child, inner, false);
        }
        out.end();
    }

    private String childUrl(Property p, ResourceState child, String ownerUrl) {
        String own = urls.resource(p.target(), child.key());
        return own != null ? own : ownerUrl == null ? null : urls.property(ownerUrl, p);
    }

    private void linkList(XmlSink out, EntityType type, Property p, ResourceState s, String ownerUrl) {
        out.start(type.namespace(), p.name(), false);
        out.attribute(Namespaces.SDATA, "url", ownerUrl == null ? null : urls.property(ownerUrl, p));
        List<LinkTarget> items = s.linkLists().get(p.name());
        if (items != null && p.itemElementName() != null) { // link items are links, not embedded data (LNK-1)
            for (LinkTarget t : items) {
                out.start(type.namespace(), p.itemElementName(), false);
                linkAttributes(out, p, t);
                out.end();
            }
        }
        out.end();
    }
}
