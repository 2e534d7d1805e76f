package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a stored resource as its payload (§3.8, §3.9): every property the shape shows in contract order, null
 * values as nil where the contract allows nil, relationships as links carrying key, uuid and url, embedded where the
 * shape asks. It speaks to a {@link PayloadSink}, never to a format.
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

    public void write(PayloadSink out, ResourceKind kind, ResourceState state, PayloadShape shape) {
        resource(out, kind.type(), state, shape, id -> out.startResource(kind, id));
    }

    /**
     * The payload of a $template entry (§8.2): no identity and no values (our contracts give no defaults); each child
     * list the shape embeds shows one empty item, the form of a new child.
     */
    public static void template(PayloadSink out, ResourceKind kind, PayloadShape shape) {
        out.startResource(kind, Identity.NONE);
        for (Property p : kind.type().properties()) {
            if (p.isChild() && p.isCollection() && shape.embeds(p)) {
                out.startList(p, null, true);
                out.emptyItem();
                out.endList();
            }
        }
        out.endResource();
    }

    /** A resource with its properties; {@code start} opens it where it stands (entry, property value, list item). */
    private void resource(PayloadSink out, EntityType type, ResourceState s, PayloadShape shape, Consumer<Identity> start) {
        String url = urls.resource(type, s.key());
        start.accept(new Identity(s.key(), s.uuid(), url));
        for (Property p : type.properties()) {
            if (!shape.shows(p)) continue;
            if (p.isSimple()) {
                simple(out, p, s.values().get(p.name()));
            } else if (p.isChild()) {
                children(out, p, s, url, shape);
            } else if (p.isLinkList()) {
                linkList(out, p, s, url);
            } else {
                link(out, p, s.links().get(p.name()), shape);
            }
        }
        out.endResource();
    }

    private static void simple(PayloadSink out, Property p, Object value) {
        if (value == null) {
            nil(out, p);
            return;
        }
        out.simple(p, ValueCodec.format(p.valueType(), value));
    }

    // PAY-2 wants nulls as nil; a property the contract does not make nillable is left out instead, so that the
    // payload stays valid against the contract.
    private static void nil(PayloadSink out, Property p) {
        if (p.isNillable()) out.nil(p);
    }

    /** A reference: a link to its target, or the target's data when the shape embeds it. */
    private void link(PayloadSink out, Property p, LinkTarget target, PayloadShape shape) {
        if (target == null) {
            nil(out, p);
            return;
        }
        ResourceState embedded = shape.embeds(p) && p.target() != null && resolver != null
                ? resolver.resolve(p.target(), target.key()) : null;
        if (embedded != null) {
            resource(out, p.target(), embedded, shape.inner(p), id -> out.startResource(p, id));
            return;
        }
        EntityType t = p.target();
        String lookup = p.isSingleLink() && t != null ? urls.collection(t) : null;
        out.link(p, linkIdentity(p, target), lookup);
    }

    private Identity linkIdentity(Property p, LinkTarget target) {
        EntityType t = p.target();
        return new Identity(target.key(), target.uuid(), t == null ? null : urls.resource(t, target.key()));
    }

    private void children(PayloadSink out, Property p, ResourceState s, String ownerUrl, PayloadShape shape) {
        List<ResourceState> items = s.children().get(p.name());
        boolean embed = shape.embeds(p);
        if (!p.isCollection()) {
            ResourceState child = items == null || items.isEmpty() ? null : items.get(0);
            if (child == null) {
                nil(out, p);
            } else if (embed) {
                resource(out, p.target(), child, shape.inner(p), id -> out.startResource(p, id));
            } else {
                out.link(p, new Identity(child.key(), child.uuid(), childUrl(p, child, ownerUrl)), null);
            }
            return;
        }
        out.startList(p, listUrl(p, ownerUrl), embed && items != null);
        if (embed && items != null) {
            PayloadShape inner = shape.inner(p);
            for (ResourceState child : items) resource(out, p.target(), child, inner, out::startItem);
        }
        out.endList();
    }

    private String listUrl(Property p, String ownerUrl) {
        return ownerUrl == null ? null : urls.property(ownerUrl, p);
    }

    private String childUrl(Property p, ResourceState child, String ownerUrl) {
        String own = urls.resource(p.target(), child.key());
        return own != null ? own : listUrl(p, ownerUrl);
    }

    private void linkList(PayloadSink out, Property p, ResourceState s, String ownerUrl) {
        out.startList(p, listUrl(p, ownerUrl), true);
        List<LinkTarget> items = s.linkLists().get(p.name());
        if (items != null) {
            for (LinkTarget t : items) out.linkItem(linkIdentity(p, t));
        }
        out.endList();
    }
}
