package io.sdataserver.http;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.service.ChildService;
import io.sdataserver.service.Dataset;
import java.util.List;

/** Picks the sub-resource for a URL below a dataset; each sub-resource serves one kind of SData URL. */
final class DatasetLocator {
    private final Services services;
    private final Dataset ds;
    private final Urls urls;

    DatasetLocator(Services services, Dataset ds, Urls urls) {
        this.services = services;
        this.ds = ds;
        this.urls = urls;
    }

    Object locate(SDataPath path) {
        List<SDataPath.Segment> segs = path.segments();
        if (segs.isEmpty()) throw SDataException.badUrl("empty resource path");
        SDataPath.Segment first = segs.get(0);
        if (first.name().equals("$schema") && !first.hasSelector()) {
            if (segs.size() > 2) throw SDataException.badUrl("$schema has at most one sub-segment");
            return new SchemaResource(ds, urls, segs.size() == 2 ? segs.get(1).name() : null);
        }
        if (first.name().startsWith("$")) throw unbuilt(first.name(), SDataCode.ResourceKindNotFound);
        ResourceKind kind = ds.contract().kind(first.name());
        if (kind == null) {
            throw SDataException.notFound(SDataCode.ResourceKindNotFound, "resource kind '" + first.name()
                    + "' does not exist in contract " + ds.contract().name());
        }
        // a clause selector addresses the one resource it matches (§2.2); from here on it is like its key
        String key = first.clause() != null ? services.queries().selectOne(ds, kind, first.clause()).key() : first.key();
        if (segs.size() == 1) {
            return key != null ? new SingleResource(services, ds, urls, kind, key)
                    : new CollectionResource(services, ds, urls, kind);
        }
        return below(kind, key, segs);
    }

    /**
     * The URL below {@code kind('key')} (or below the collection when key is null): {@code segs} starts with the
     * segment that named it. Property URLs chain (§2.3): a resource reached through one child or a single reference
     * is the start of the rest of the path, as if it had been named by its own kind and key.
     */
    private Object below(ResourceKind kind, String key, List<SDataPath.Segment> segs) {
        SDataPath.Segment second = segs.get(1);
        if (key == null && segs.size() == 2 && !second.hasSelector()) {
            if (second.name().equals("$template")) return new TemplateResource(services, urls, kind);
            if (second.name().equals("$schema")) return new SchemaResource.KindRedirect(urls, kind);
        }
        if (key == null && segs.size() == 2 && second.name().equals("$post") && second.key() != null) {
            return new TrackedPostResource(services, ds, urls, kind, second.key());
        }
        if (second.name().startsWith("$")) throw unbuilt(second.name(), SDataCode.ApplicationDiagnosis);
        if (key == null) {
            throw SDataException.badUrl("a property segment may only follow a single resource, e.g. " + kind.pluralName() + "('key')/...");
        }
        Property p = kind.type().property(second.name());
        if (p == null || p.isSimple()) {
            throw SDataException.badUrl("'" + second.name() + "' is not a relationship of " + kind.elementName());
        }
        // a collection relationship is a queryable feed (§6.8); its target kind names the entries (QRY-21)
        if (segs.size() == 2 && !second.hasSelector() && p.isCollection() && (p.isChild() || p.isLinkList())
                && p.target() != null && p.target().resourceKind() != null) {
            return new RelatedFeedResource(services, ds, urls, kind, key, p);
        }
        // the template of a new child at its property URL (CRE-12)
        if (segs.size() == 3 && p.isChild() && !second.hasSelector() && segs.get(2).name().equals("$template")
                && !segs.get(2).hasSelector()) {
            services.resources().read(ds, kind, key);
            return new TemplateResource(services, urls, ChildService.childKind(p), p.canPost());
        }
        // a single reference: the referenced resource, read-only here
        if (segs.size() == 2 && p.isSingleLink() && !second.hasSelector() && p.target() != null
                && p.target().resourceKind() != null) {
            return new ReferenceResource(services, ds, urls, kind, key, p);
        }
        // one child: a single child, or an item of a child list by its key (§8.3, §9.4, §10.3)
        boolean oneChild = p.isChild() && second.clause() == null && (p.isCollection() == (second.key() != null));
        if (segs.size() == 2 && oneChild) {
            return new ChildResource(services, ds, urls, kind, key, p, second.key());
        }
        // a chain: salesOrders('1')/orderLines('7')/product continues from salesOrderLines('7')
        if (segs.size() > 2 && oneChild && p.target() != null && p.target().resourceKind() != null) {
            String childKey = services.children().read(ds, kind, key, p, second.key()).key();
            return below(p.target().resourceKind(), childKey, segs.subList(1, segs.size()));
        }
        if (segs.size() > 2 && p.isSingleLink() && !second.hasSelector() && p.target() != null
                && p.target().resourceKind() != null) {
            io.sdataserver.payload.LinkTarget target = services.resources().read(ds, kind, key).links().get(p.name());
            if (target == null) {
                throw SDataException.resourceNotFound(kind.elementName() + " '" + key + "' has no " + p.name());
            }
            return below(p.target().resourceKind(), target.key(), segs.subList(1, segs.size()));
        }
        throw notImplemented("property URLs such as " + kind.pluralName() + "('" + key + "')/" + second.name()
                + (second.hasSelector() ? "(...)" : "") + (segs.size() > 2 ? "/..." : "") + " are not implemented yet");
    }

    /**
     * The segments the spec reserves (§2, and the synchronization segments) that this server has not built yet.
     * Any other {@code $} segment names nothing: 404, as an unknown resource kind would be.
     */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("$service", "$queries", "$template", "$schema",
            "$batch", "$system", "$post", "$linked", "$syncDigest", "$syncSource", "$syncTarget", "$syncResults");

    private static SDataException unbuilt(String segment, SDataCode notFoundCode) {
        if (RESERVED.contains(segment)) return notImplemented(segment + " is not implemented by this server yet");
        String message = "'" + segment + "' is not an SData segment; the reserved ones are " + String.join(", ", new java.util.TreeSet<>(RESERVED));
        return notFoundCode == SDataCode.ApplicationDiagnosis
                ? new SDataException(404, Diagnosis.application("UnknownSegment", message, null))
                : SDataException.notFound(notFoundCode, message);
    }

    private static SDataException notImplemented(String message) {
        return new SDataException(501, Diagnosis.application("NotImplemented", message, null));
    }
}
