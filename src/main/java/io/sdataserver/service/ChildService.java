package io.sdataserver.service;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.PayloadChanges;
import io.sdataserver.payload.PayloadReader;
import io.sdataserver.payload.PayloadSource;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.store.ResourceStore;
import io.sdataserver.store.StoreFault;
import io.sdataserver.store.UnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Children through their property URLs (§8.3, §9.4, §10.3): {@code salesOrders('1')/orderLines} (POST appends),
 * {@code salesOrders('1')/orderLines('3')} and {@code salesOrders('1')/billAddress} (GET, PUT, DELETE; POST sets an
 * absent single child). The relationship's sme:canPost/canPut/canDelete decide; the child's own ETag protocol
 * applies. Updates and deletes go through the child's row, so its parent's ETag moves as with any change.
 */
public final class ChildService {
    private final ResourceStore store;
    private final ResourceService resources;

    public ChildService(ResourceStore store, ResourceService resources) {
        this.store = store;
        this.resources = resources;
    }

    public ResourceState read(UnitOfWork uow, Dataset ds, ResourceKind owner, String key, Property p, String childKey) {
        resources.read(uow, ds, owner, key); // the owner first: 404 / deleted
        return store.child(uow, ds.storageName(), owner.type(), key, p, childKey).orElseThrow(() -> missing(owner, key, p, childKey));
    }

    public ResourceState add(UnitOfWork uow, Dataset ds, ResourceKind owner, String key, Property p, Supplier<PayloadSource> body) {
        if (!p.canPost()) throw notAllowed(p, "POST", p.isCollection() ? allowedOnList(p) : allowedOnChild(p));
        PayloadSource element = body.get();
        if (element == null) throw SDataException.badRequest("MissingPayload", "the entry has no sdata:payload");
        PayloadChanges item = PayloadReader.read(p.target(), p.isCollection() ? p.itemElementName() : p.name(), element);
        resources.read(uow, ds, owner, key);
        try {
            return store.addChild(uow, ds.storageName(), owner.type(), key, p, item)
                    .orElseThrow(() -> SDataException.resourceNotFound("no " + owner.elementName() + " with key '" + key + "'"));
        } catch (StoreFault e) {
            // as for a top-level create (CRE-5, CRE-19): a uuid already stored as this owner's child is the same
            // create sent again, answered with the stored child; a uuid used elsewhere stays a conflict
            if (e.reason() != StoreFault.Reason.CONFLICT || item.uuid() == null) throw e;
            ResourceState same = store.readByUuid(uow, ds.storageName(), p.target(), item.uuid())
                    .filter(c -> store.child(uow, ds.storageName(), owner.type(), key, p, p.isCollection() ? c.key() : null)
                            .filter(mine -> mine.key().equals(c.key())).isPresent())
                    .orElse(null);
            if (same == null) throw e;
            return same;
        }
    }

    public ResourceService.Written update(UnitOfWork uow, Dataset ds, ResourceKind owner, String key, Property p, String childKey,
                                Supplier<PayloadSource> body, String ifMatch) {
        if (!p.canPut()) throw notAllowed(p, "PUT", allowedOnChild(p));
        ResourceState child = read(uow, ds, owner, key, p, childKey);
        return resources.update(uow, ds, childKind(p), child.key(), body, ifMatch, p.isCollection() ? p.itemElementName() : p.name());
    }

    public void delete(UnitOfWork uow, Dataset ds, ResourceKind owner, String key, Property p, String childKey, String ifMatch) {
        if (!p.canDelete()) throw notAllowed(p, "DELETE", allowedOnChild(p));
        ResourceState child = read(uow, ds, owner, key, p, childKey);
        resources.deleteAllowed(uow, ds, childKind(p), child.key(), ifMatch);
    }

    /** The kind that gives children their URL, entry and ETag protocol. */
    public static ResourceKind childKind(Property p) {
        ResourceKind k = p.target() == null ? null : p.target().resourceKind();
        if (k == null) {
            throw new SDataException(501, io.sdataserver.diagnosis.Diagnosis.application("NotImplemented",
                    "children of " + p.name() + " have no resource kind of their own; their property URL is not served", null));
        }
        return k;
    }

    /** What a child list URL answers. */
    public static List<String> allowedOnList(Property p) {
        List<String> a = new ArrayList<>(List.of("GET"));
        if (p.canPost()) a.add("POST");
        return a;
    }

    /** What a child's own property URL answers. */
    public static List<String> allowedOnChild(Property p) {
        List<String> a = new ArrayList<>(List.of("GET"));
        if (p.canPost() && !p.isCollection()) a.add("POST");
        if (p.canPut()) a.add("PUT");
        if (p.canDelete()) a.add("DELETE");
        return a;
    }

    private static MethodNotAllowedException notAllowed(Property p, String method, List<String> allowed) {
        return new MethodNotAllowedException(method + " is not allowed on " + p.name() + ": the contract does not set sme:can"
                + method.charAt(0) + method.substring(1).toLowerCase() + " on this relationship", allowed);
    }

    private static SDataException missing(ResourceKind owner, String key, Property p, String childKey) {
        return SDataException.resourceNotFound(owner.elementName() + " '" + key + "' has no " + p.name()
                + (childKey != null ? " with key '" + childKey + "'" : ""));
    }
}
