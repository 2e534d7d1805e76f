package io.sdataserver.service;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.PayloadChanges;
import io.sdataserver.payload.PayloadReader;
import io.sdataserver.payload.PayloadSource;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.store.ResourceStore;
import io.sdataserver.store.StoreFault;
import io.sdataserver.store.TrackedPost;
import io.sdataserver.store.UnitOfWork;
import io.sdataserver.store.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The protocol rules of read, create, update and delete (§7-§10) over the store: flags, mandatory properties and
 * the ETag protocol. HTTP resources call it; it never sees HTTP.
 */
public final class ResourceService {
    private final ResourceStore store;
    private final ConcurrencyModes concurrency;

    public ResourceService(ResourceStore store, ConcurrencyModes concurrency) {
        this.store = store;
        this.concurrency = concurrency;
    }

    public ResourceState read(UnitOfWork uow, Dataset ds, ResourceKind kind, String key) {
        requireGet(kind);
        return store.read(uow, ds.storageName(), kind.type(), key).orElseThrow(() -> missing(uow, ds, kind, key));
    }

    /** A related resource for embedding, or null when it is gone. */
    public ResourceState find(UnitOfWork uow, Dataset ds, EntityType type, String key) {
        return store.read(uow, ds.storageName(), type, key).orElse(null);
    }

    /** POST: the body is parsed only once the kind is known to accept creates. */
    public Written create(UnitOfWork uow, Dataset ds, ResourceKind kind, Supplier<PayloadSource> body) {
        return create(uow, ds, kind, body, null);
    }

    /** A write's result and the request it carried out (for returnDelta). */
    public record Written(ResourceState state, PayloadChanges request) { }

    /**
     * Reliable posting (§8.4): the create and its tracking row commit together, so a trackingID sent again (after a
     * lost answer, a restart, by another process) is answered with the first post and never creates twice.
     */
    public TrackedPost postTracked(UnitOfWork uow, Dataset ds, ResourceKind kind, String trackingId, Supplier<PayloadSource> body) {
        if (!kind.canPost()) throw notAllowed(kind, "POST", "creating " + kind.pluralName(), allowedOnCollection(kind));
        String id = trackingId(trackingId);
        TrackedPost known = store.trackedPost(uow, ds.storageName(), id);
        if (known != null) return sameKind(known, kind);
        ResourceState created;
        try {
            created = create(uow, ds, kind, body, id).state();
        } catch (StoreFault e) {
            TrackedPost raced = e.reason() == StoreFault.Reason.CONFLICT ? store.trackedPost(uow, ds.storageName(), id) : null;
            if (raced == null) throw e;
            return sameKind(raced, kind);
        }
        TrackedPost post = store.trackedPost(uow, ds.storageName(), id);
        // null: the create was answered by a resource that already existed (its uuid was stored); track that one
        return post != null ? post : store.trackExisting(uow, ds.storageName(), id, kind.pluralName(), created.key());
    }

    /** GET or DELETE on {@code $post('id')}: 404 when unknown, forgotten, or made through another kind. */
    public TrackedPost trackedPost(UnitOfWork uow, Dataset ds, ResourceKind kind, String trackingId) {
        TrackedPost t = store.trackedPost(uow, ds.storageName(), trackingId(trackingId));
        if (t == null || t.discarded() || !t.kind().equals(kind.pluralName())) {
            throw SDataException.resourceNotFound("no reliable post '" + trackingId + "' of " + kind.pluralName()
                    + " is being tracked in dataset " + ds.name());
        }
        return t;
    }

    public void discardTrackedPost(UnitOfWork uow, Dataset ds, ResourceKind kind, String trackingId) {
        TrackedPost t = trackedPost(uow, ds, kind, trackingId);
        store.discardTrackedPost(uow, ds.storageName(), t.trackingId());
    }

    private static TrackedPost sameKind(TrackedPost t, ResourceKind kind) {
        if (!t.kind().equals(kind.pluralName())) {
            throw SDataException.conflict("trackingID '" + t.trackingId() + "' was already used to post to " + t.kind());
        }
        return t;
    }

    /** A trackingID is a UUID (§2.11); kept in its lower-case canonical form. Reliable posts and async batches alike. */
    public static String trackingId(String raw) {
        try {
            return java.util.UUID.fromString(raw.trim()).toString();
        } catch (RuntimeException e) {
            throw SDataException.badParameter("trackingID must be a UUID (got '" + raw + "')");
        }
    }

    private Written create(UnitOfWork uow, Dataset ds, ResourceKind kind, Supplier<PayloadSource> body, String trackingId) {
        if (!kind.canPost()) throw notAllowed(kind, "POST", "creating " + kind.pluralName(), allowedOnCollection(kind));
        PayloadSource resource = body.get();
        if (resource == null) throw missingPayload(kind);
        PayloadChanges changes = PayloadReader.read(kind, resource);
        requireMandatory(kind, changes);
        try {
            return new Written(store.create(uow, ds.storageName(), kind, changes, trackingId), changes);
        } catch (StoreFault e) {
            // A consumer-made uuid that is already stored is the same create sent again (a retry after a lost
            // answer, §8.4): the stored resource is the answer and nothing new is made (CRE-5). This also covers
            // two copies racing, where the loser's insert hits the uuid index.
            if (e.reason() == StoreFault.Reason.CONFLICT && changes.uuid() != null) {
                ResourceState existing = store.readByUuid(uow, ds.storageName(), kind.type(), changes.uuid()).orElse(null);
                if (existing != null) return new Written(existing, changes);
            }
            throw e;
        }
    }

    /** PUT: If-Match is required on kinds with sme:supportsETag (CONC-6) and ignored on the others (CONC-12). */
    public Written update(UnitOfWork uow, Dataset ds, ResourceKind kind, String key, Supplier<PayloadSource> body, String ifMatch) {
        if (!kind.canPut()) throw notAllowed(kind, "PUT", "updating " + kind.pluralName(), allowedOnResource(kind));
        return update(uow, ds, kind, key, body, ifMatch, kind.elementName());
    }

    /**
     * The ETag protocol and the partial update, once the URL's flags allowed the PUT (a kind's, or a child
     * relationship's); {@code elementName} is the payload element the URL expects.
     */
    public Written update(UnitOfWork uow, Dataset ds, ResourceKind kind, String key, Supplier<PayloadSource> body,
                          String ifMatch, String elementName) {
        EtagPolicy policy = EtagPolicy.of(kind);
        EtagRule.IfMatch condition = policy.condition(ifMatch);
        if (policy.requiredOnUpdate() && concurrency.of(kind) == ConcurrencyModes.Mode.STRICT && !condition.present()) {
            // a PUT on nothing is a 404 (GEN-3) whatever its headers; only an existing resource needs If-Match
            if (store.read(uow, ds.storageName(), kind.type(), key).isEmpty()) {
                outcome(ds, kind, key, store.isDeleted(uow, ds.storageName(), kind.type(), key)
                        ? new WriteResult(WriteResult.Outcome.GONE, null) : new WriteResult(WriteResult.Outcome.NOT_FOUND, null));
            }
            throw SDataException.badRequest("MissingIfMatch", "updating " + kind.pluralName()
                    + " requires an If-Match header with the resource's ETag (the kind supports ETags)");
        }
        PayloadChanges changes;
        try {
            PayloadSource resource = body.get();
            if (resource == null) throw missingPayload(kind);
            changes = PayloadReader.read(kind.type(), elementName, resource);
        } catch (SDataException refused) {
            // preconditions come before the content (RFC 9110 §13.2.1): a stale If-Match is 412 whatever was sent
            if (refused.status() == 400) preconditionHolds(uow, ds, kind, key, condition);
            throw refused;
        }
        return new Written(outcome(ds, kind, key, store.update(uow, ds.storageName(), kind.type(), key, changes, condition.expected())),
                changes);
    }

    /** 412 (with the current resource) when If-Match names another version, 404/410 when there is none. */
    private void preconditionHolds(UnitOfWork uow, Dataset ds, ResourceKind kind, String key, EtagRule.IfMatch condition) {
        if (!condition.present()) return;
        ResourceState current = store.read(uow, ds.storageName(), kind.type(), key).orElse(null);
        if (current == null) {
            outcome(ds, kind, key, store.isDeleted(uow, ds.storageName(), kind.type(), key)
                    ? new WriteResult(WriteResult.Outcome.GONE, null) : new WriteResult(WriteResult.Outcome.NOT_FOUND, null));
        }
        if (!condition.matches(current.etag())) throw new PreconditionFailedException(ds, kind, current);
    }

    /** DELETE: If-Match is optional; when present it must match (CONC-10, CONC-11). */
    public void delete(UnitOfWork uow, Dataset ds, ResourceKind kind, String key, String ifMatch) {
        if (!kind.canDelete()) throw notAllowed(kind, "DELETE", "deleting " + kind.pluralName(), allowedOnResource(kind));
        deleteAllowed(uow, ds, kind, key, ifMatch);
    }

    /** The ETag protocol of a delete, once the URL's flags allowed it (a kind's, or a child relationship's). */
    public void deleteAllowed(UnitOfWork uow, Dataset ds, ResourceKind kind, String key, String ifMatch) {
        EtagRule.IfMatch condition = EtagPolicy.of(kind).condition(ifMatch);
        outcome(ds, kind, key, store.delete(uow, ds.storageName(), kind.type(), key, condition.expected()));
    }

    private ResourceState outcome(Dataset ds, ResourceKind kind, String key, WriteResult r) {
        switch (r.outcome()) {
            case DONE: return r.state();
            case STALE: throw new PreconditionFailedException(ds, kind, r.state());
            case GONE: throw SDataException.gone(kind.elementName() + " '" + key + "' has been deleted");
            default: throw SDataException.resourceNotFound("no " + kind.elementName() + " with key '" + key + "' in dataset "
                    + ds.name());
        }
    }

    private SDataException missing(UnitOfWork uow, Dataset ds, ResourceKind kind, String key) {
        if (store.isDeleted(uow, ds.storageName(), kind.type(), key)) {
            // a read of a deleted resource is still a 404 (§7.5 allows no 410); the message says why
            return SDataException.resourceNotFound(kind.elementName() + " '" + key + "' has been deleted");
        }
        return SDataException.resourceNotFound("no " + kind.elementName() + " with key '" + key + "' in dataset " + ds.name());
    }

    static void requireGet(ResourceKind kind) {
        if (!kind.canGet()) throw notAllowed(kind, "GET", "reading " + kind.pluralName(), allowedOnResource(kind));
    }

    /** sme:isMandatory properties must be sent, and not nil, on create (CRE-4); not on update (UPD-6). */
    private static void requireMandatory(ResourceKind kind, PayloadChanges changes) {
        List<Diagnosis> faults = new ArrayList<>();
        for (Property p : kind.type().properties()) {
            if (!p.isMandatory() || p.isReadOnly()) continue;
            boolean nil = changes.values().get(p) == PayloadChanges.NIL || changes.links().get(p) == PayloadChanges.NIL;
            if (!changes.mentions(p) || nil) {
                faults.add(Diagnosis.application("MandatoryProperty", p.name() + " is mandatory when creating a "
                        + kind.elementName(), kind.elementName() + "/" + p.name()));
            }
        }
        if (!faults.isEmpty()) throw new SDataException(400, faults);
    }

    private static SDataException missingPayload(ResourceKind kind) {
        return SDataException.badRequest("MissingPayload", "the entry has no sdata:payload with a <" + kind.elementName()
                + "> element");
    }

    public static MethodNotAllowedException notAllowed(ResourceKind kind, String method, String what, List<String> allowed) {
        return new MethodNotAllowedException(what + " is not allowed: the contract does not set sme:can"
                + method.charAt(0) + method.substring(1).toLowerCase() + " on " + kind.pluralName(), allowed);
    }

    /** The methods a collection URL of this kind answers (Allow on a 405). */
    public static List<String> allowedOnCollection(ResourceKind kind) {
        List<String> allowed = new ArrayList<>();
        if (kind.canGet()) allowed.add("GET");
        if (kind.canPost()) allowed.add("POST");
        return allowed;
    }

    /** The methods a single-resource URL of this kind answers. */
    public static List<String> allowedOnResource(ResourceKind kind) {
        List<String> allowed = new ArrayList<>();
        if (kind.canGet()) allowed.add("GET");
        if (kind.canPut()) allowed.add("PUT");
        if (kind.canDelete()) allowed.add("DELETE");
        return allowed;
    }
}
