package io.sdataserver.pipeline;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.service.ChildService;
import io.sdataserver.service.Dataset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Turns the path below a dataset into a {@link Target}: the URL grammar of §2, in one place. */
public final class Targets {
    /**
     * The segments the spec reserves (§2, and the synchronization segments). Those not built yet answer 501; any
     * other {@code $} segment names nothing: 404, as an unknown resource kind would be.
     */
    private static final Set<String> RESERVED = Set.of("$service", "$queries", "$template", "$schema", "$batch", "$system",
            "$post", "$linked", "$syncDigest", "$syncSource", "$syncTarget", "$syncResults");

    private Targets() { }

    public static Target parse(Dataset ds, SDataPath path) {
        List<SDataPath.Segment> segs = path.segments();
        if (segs.isEmpty()) throw SDataException.badUrl("empty resource path");
        SDataPath.Segment first = segs.get(0);
        if (first.name().equals("$schema") && !first.hasSelector()) {
            if (segs.size() > 2) throw SDataException.badUrl("$schema has at most one sub-segment");
            return new Target.Schema(ds, segs.size() == 2 ? segs.get(1).name() : null);
        }
        if (first.name().equals("$batch") && !first.hasSelector() && segs.size() == 1) return new Target.Batch(ds, null);
        if (first.name().startsWith("$")) throw unbuilt(first.name(), SDataCode.ResourceKindNotFound);
        ResourceKind kind = ds.contract().kind(first.name());
        if (kind == null) {
            throw SDataException.notFound(SDataCode.ResourceKindNotFound, "resource kind '" + first.name()
                    + "' does not exist in contract " + ds.contract().name());
        }
        Target.ResourcePath anchor = first.hasSelector() ? Target.ResourcePath.of(kind, first.key(), first.clause()) : null;
        if (segs.size() == 1) return anchor != null ? new Target.Resource(ds, anchor) : new Target.Collection(ds, kind);
        return below(ds, kind, anchor, segs);
    }

    /**
     * The URL below {@code kind} (its collection when {@code owner} is null, else the resource it names); {@code segs}
     * starts with the segment that named it.
     */
    private static Target below(Dataset ds, ResourceKind kind, Target.ResourcePath owner, List<SDataPath.Segment> segs) {
        SDataPath.Segment second = segs.get(1);
        if (owner == null && segs.size() == 2 && !second.hasSelector()) {
            if (second.name().equals("$template")) return new Target.Template(ds, kind, null, kind.canPost());
            if (second.name().equals("$schema")) return new Target.KindSchema(ds, kind);
            if (second.name().equals("$batch")) return new Target.Batch(ds, kind);
        }
        if (owner == null && segs.size() == 2 && second.name().equals("$post") && second.key() != null) {
            return new Target.TrackedPost(ds, kind, second.key());
        }
        if (second.name().startsWith("$")) throw unbuilt(second.name(), SDataCode.ApplicationDiagnosis);
        if (owner == null) {
            throw SDataException.badUrl("a property segment may only follow a single resource, e.g. " + kind.pluralName() + "('key')/...");
        }
        Property p = kind.type().property(second.name());
        if (p == null || p.isSimple()) {
            throw SDataException.badUrl("'" + second.name() + "' is not a relationship of " + kind.elementName());
        }
        ResourceKind targetKind = p.target() == null ? null : p.target().resourceKind();
        // a collection relationship is a queryable feed (§6.8); its target kind names the entries (QRY-21)
        if (segs.size() == 2 && !second.hasSelector() && p.isCollection() && (p.isChild() || p.isLinkList()) && targetKind != null) {
            return new Target.Related(ds, owner, p);
        }
        // the template of a new child at its property URL (CRE-12)
        if (segs.size() == 3 && p.isChild() && !second.hasSelector() && segs.get(2).name().equals("$template")
                && !segs.get(2).hasSelector()) {
            return new Target.Template(ds, ChildService.childKind(p), owner, p.canPost());
        }
        if (segs.size() == 2 && p.isSingleLink() && !second.hasSelector() && targetKind != null) {
            return new Target.Reference(ds, owner, p);
        }
        // one child: a single child, or an item of a child list by its key (§8.3, §9.4, §10.3)
        boolean oneChild = p.isChild() && second.clause() == null && (p.isCollection() == (second.key() != null));
        if (segs.size() == 2 && oneChild) return new Target.Child(ds, owner, p, second.key());
        // a chain: salesOrders('1')/orderLines('7')/product continues from salesOrderLines('7')
        if (segs.size() > 2 && targetKind != null && (oneChild || (p.isSingleLink() && !second.hasSelector()))) {
            return below(ds, targetKind, owner.then(p, second.key()), segs.subList(1, segs.size()));
        }
        throw notImplemented("property URLs such as " + kind.pluralName() + "(...)/" + second.name()
                + (second.hasSelector() ? "(...)" : "") + (segs.size() > 2 ? "/..." : "") + " are not implemented yet");
    }

    private static SDataException unbuilt(String segment, SDataCode notFoundCode) {
        if (RESERVED.contains(segment)) return notImplemented(segment + " is not implemented by this server yet");
        String message = "'" + segment + "' is not an SData segment; the reserved ones are " + String.join(", ", new TreeSet<>(RESERVED));
        return notFoundCode == SDataCode.ApplicationDiagnosis
                ? new SDataException(404, Diagnosis.application("UnknownSegment", message, null))
                : SDataException.notFound(notFoundCode, message);
    }

    static SDataException notImplemented(String message) {
        return new SDataException(501, Diagnosis.application("NotImplemented", message, null));
    }
}
