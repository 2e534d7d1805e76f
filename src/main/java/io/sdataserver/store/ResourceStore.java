package io.sdataserver.store;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.payload.PayloadChanges;
import io.sdataserver.payload.ResourceState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Resources in the database: what the protocol layer asks of the store, each operation in the caller's unit of
 * work. A conditional update or delete is a single compare-and-set statement on the etag column, so it is correct
 * with several server processes on one database. Refusals are {@link StoreFault}s, never HTTP statuses.
 */
public final class ResourceStore {
    private final Database db;
    private final ResourceReader reader;
    private final VersionBumper versions;
    private final TreeWriter trees;
    private final DeleteCascade deletes;
    private final ReferenceGuard references;

    public ResourceStore(Database db) {
        this.db = db;
        this.reader = new ResourceReader(db);
        this.versions = new VersionBumper(db);
        this.deletes = new DeleteCascade(db, versions);
        this.trees = new TreeWriter(db, versions, new LinkWriter(db, versions), deletes);
        this.references = new ReferenceGuard(db);
    }

    /** The reader of resource trees, shared with the feed queries. */
    ResourceReader reader() { return reader; }

    @FunctionalInterface
    interface Work<T> { T run(java.sql.Connection c) throws java.sql.SQLException; }

    // ------------------------------------------------------------------ reads

    /** The resource with its children and links, or empty. */
    public Optional<ResourceState> read(UnitOfWork uow, String ds, EntityType type, String key) {
        return uow.run(c -> Optional.ofNullable(reader.readTree(c, ds, db.layout(type), key)));
    }

    /** The resource with this sdata:uuid, or empty. */
    public Optional<ResourceState> readByUuid(UnitOfWork uow, String ds, EntityType type, String uuid) {
        return uow.run(c -> Optional.ofNullable(reader.readByUuid(c, ds, db.layout(type), uuid)));
    }

    public boolean isDeleted(UnitOfWork uow, String ds, EntityType type, String key) {
        return uow.run(c -> Lookups.tombstoned(c, ds, db.layout(type), key));
    }

    /** The child of {@code owner} under {@code p}: the one with {@code childKey} in a list, or the single child. */
    public Optional<ResourceState> child(UnitOfWork uow, String ds, EntityType ownerType, String ownerKey, Property p, String childKey) {
        TableLayout ol = db.layout(ownerType);
        TableLayout cl = db.layout(p.target());
        return uow.run(c -> {
            for (Lookups.ChildRow row : Lookups.childRows(c, ds, cl, ol.tableId(), ownerKey, p.name())) {
                if (childKey == null || childKey.equals(row.key())) return Optional.ofNullable(reader.readTree(c, ds, cl, row.key()));
            }
            return Optional.empty();
        });
    }

    // ------------------------------------------------------------------ reliable posts (§8.4)

    /** The reliable post with this trackingID, or null. */
    public TrackedPost trackedPost(UnitOfWork uow, String ds, String trackingId) {
        return uow.run(c -> PostTrackings.read(c, ds, trackingId));
    }

    /** Records a reliable post answered by a resource that already existed (a create sent again with its uuid). */
    public TrackedPost trackExisting(UnitOfWork uow, String ds, String trackingId, String kind, String key) {
        try {
            uow.run(c -> {
                PostTrackings.insert(c, ds, trackingId, kind, key, now());
                return null;
            });
        } catch (StoreFault f) {
            if (f.reason() != StoreFault.Reason.CONFLICT) throw f; // recorded meanwhile by a copy of the same post
        }
        return trackedPost(uow, ds, trackingId);
    }

    /** Forgets a reliable post (the resource stays); false when there was nothing to forget. */
    public boolean discardTrackedPost(UnitOfWork uow, String ds, String trackingId) {
        return uow.run(c -> PostTrackings.discard(c, ds, trackingId));
    }

    // ------------------------------------------------------------------ writes

    /**
     * Inserts the resource and the children in its payload; with a trackingID (reliable posting) the tracking row
     * is written in the same transaction, so a second post with that trackingID fails on its primary key.
     */
    public ResourceState create(UnitOfWork uow, String ds, ResourceKind kind, PayloadChanges changes, String trackingId) {
        TableLayout l = db.layout(kind.type());
        Write write = new Write(now(), uow.actor());
        return uow.write(ds, write, c -> {
            boolean chosen = changes.key() != null; // a key from the sequence is known to be neither taken nor tombstoned
            if (chosen && Lookups.exists(c, ds, l, changes.key())) {
                throw StoreFault.conflict("a " + kind.elementName() + " with key '" + changes.key() + "' already exists");
            }
            String uuid = changes.uuid() != null ? changes.uuid() : kind.hasUuid() ? UUID.randomUUID().toString() : null;
            if (changes.uuid() != null && Lookups.uuidTaken(c, ds, l, changes.uuid())) {
                throw StoreFault.conflict("a " + kind.elementName() + " with sdata:uuid '" + changes.uuid() + "' already exists");
            }
            List<Diagnosis> faults = new ArrayList<>();
            // the row and its re-read go together; rows beyond it (children, links) need the row first
            boolean flat = !TreeWriter.touchesRelations(changes);
            ResourceReader.Tree[] created = new ResourceReader.Tree[1];
            String key = trees.insertRow(c, ds, l, changes.key(), uuid, changes, null, null, null, 0, write, faults,
                    (chain, k) -> created[0] = flat ? reader.queueCreated(chain, ds, l, k) : null);
            trees.insertRelations(c, ds, l, key, changes, write, faults);
            if (!faults.isEmpty()) throw new StoreFault(StoreFault.Reason.INVALID, faults);
            if (trackingId != null) PostTrackings.insert(c, ds, trackingId, kind.pluralName(), key, write.at());
            if (chosen) DeleteCascade.clearTombstone(c, ds, l, key);
            return flat ? created[0].finish(c) : reader.readTree(c, ds, l, key);
        });
    }

    /**
     * Applies a partial payload. With {@code expectedEtags} the write happens only if the stored etag is one of them
     * (one UPDATE ... WHERE etag = ?); otherwise the last writer wins.
     */
    public WriteResult update(UnitOfWork uow, String ds, EntityType type, String key, PayloadChanges changes, List<String> expectedEtags) {
        TableLayout l = db.layout(type);
        Write write = new Write(now(), uow.actor());
        return conditional(uow, ds, write, c -> {
            List<Diagnosis> faults = new ArrayList<>();
            // the compare-and-set and the re-read go together: the tree read is the new state when the row was
            // written, the current one (412) when it was not; relation changes must come between, so not with them
            int[] rows = new int[1];
            StatementChain chain = new StatementChain(db.dialect());
            trees.queueUpdateRow(chain, c, ds, l, key, changes, expectedEtags, write, faults, n -> rows[0] = n);
            boolean flat = !TreeWriter.touchesRelations(changes);
            ResourceReader.Tree after = flat ? reader.queueTree(chain, ds, l, key) : null;
            chain.run(c);
            if (rows[0] == 0) {
                // nothing was written: the current state (412) or why there is none (404, 410)
                ResourceState current = flat ? after.finish(c) : reader.readTree(c, ds, l, key);
                return current != null ? WriteResult.stale(current) : WriteResult.missing(Lookups.tombstoned(c, ds, l, key));
            }
            List<ReferenceGuard.Removed> removed = new ArrayList<>();
            trees.applyRelations(c, ds, l, key, changes, write, faults, removed);
            references.check(c, ds, removed, faults);
            if (!faults.isEmpty()) throw new StoreFault(StoreFault.Reason.INVALID, faults);
            versions.touchAncestors(c, ds, l, key, write);
            return WriteResult.done(flat ? after.finish(c) : reader.readTree(c, ds, l, key));
        });
    }

    /** Deletes the resource, its children and its links, and leaves a tombstone; conditional like update. */
    public WriteResult delete(UnitOfWork uow, String ds, EntityType type, String key, List<String> expectedEtags) {
        TableLayout l = db.layout(type);
        Write write = new Write(now(), uow.actor());
        return conditional(uow, ds, write, c -> {
            Lookups.RowRef parent = versions.parentOf(c, ds, l, key);
            int rows;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + l.table() + " WHERE ds = ? AND k = ?"
                    + TreeWriter.etagCondition(expectedEtags))) {
                ps.setString(1, ds);
                ps.setString(2, key);
                TreeWriter.bindEtags(ps, 3, expectedEtags);
                rows = ps.executeUpdate();
            }
            write.changed(l, rows);
            if (rows == 0) {
                ResourceState current = reader.readTree(c, ds, l, key);
                return current != null ? WriteResult.stale(current) : WriteResult.missing(Lookups.tombstoned(c, ds, l, key));
            }
            List<ReferenceGuard.Removed> removed = new ArrayList<>();
            removed.add(new ReferenceGuard.Removed(l, key, null));
            deletes.deleteDependents(c, ds, l, key, write, removed, null);
            List<Diagnosis> faults = new ArrayList<>();
            references.check(c, ds, removed, faults);
            if (!faults.isEmpty()) throw new StoreFault(StoreFault.Reason.CONFLICT, faults); // the unit rolls the delete back
            if (parent != null) {
                // every ancestor's representation lost this child (a grandchild deleted through a chained URL too)
                TableLayout pl = db.layoutByTable(parent.table());
                if (pl != null) versions.touchWithAncestors(c, ds, pl, parent.key(), write);
            }
            return WriteResult.done(null);
        });
    }

    /**
     * Appends a child to a list, or sets a single child that is absent (a conflict when it exists). The owner's
     * ETag moves. Empty when the owner does not exist.
     */
    public Optional<ResourceState> addChild(UnitOfWork uow, String ds, EntityType ownerType, String ownerKey, Property p,
                                            PayloadChanges item) {
        TableLayout ol = db.layout(ownerType);
        TableLayout cl = db.layout(p.target());
        Write write = new Write(now(), uow.actor());
        return uow.write(ds, write, c -> {
            if (!Lookups.exists(c, ds, ol, ownerKey)) return Optional.empty();
            List<Lookups.ChildRow> existing = Lookups.childRows(c, ds, cl, ol.tableId(), ownerKey, p.name());
            if (!p.isCollection() && !existing.isEmpty()) throw StoreFault.conflict(p.name() + " already exists; update it with PUT");
            int pos;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(pos), 0) FROM " + cl.table()
                    + " WHERE ds = ? AND parent_tbl = ? AND parent_key = ? AND parent_prop = ?")) {
                ps.setString(1, ds);
                ps.setString(2, ol.tableId());
                ps.setString(3, ownerKey);
                ps.setString(4, p.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pos = rs.getInt(1) + 1;
                }
            }
            List<Diagnosis> faults = new ArrayList<>();
            String key = trees.insertChild(c, ds, ol, ownerKey, p, item, pos, write, faults);
            if (!faults.isEmpty()) {
                boolean taken = faults.get(0).applicationCode().equals("Conflict"); // its key or uuid is already used
                throw new StoreFault(taken ? StoreFault.Reason.CONFLICT : StoreFault.Reason.INVALID, faults);
            }
            versions.touchAncestors(c, ds, cl, key, write);
            return Optional.of(reader.readTree(c, ds, cl, key));
        });
    }

    /**
     * A compare-and-set write. Only tables whose rows a statement actually changed move their stamps: a 412, 404 or
     * 410 changed none, so it moves nothing.
     */
    private static WriteResult conditional(UnitOfWork uow, String ds, Write write, Work<WriteResult> work) {
        return uow.write(ds, write, work);
    }

    private static Instant now() { return Instant.now().truncatedTo(ChronoUnit.MILLIS); }
}
