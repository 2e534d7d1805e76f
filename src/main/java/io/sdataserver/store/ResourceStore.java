package io.sdataserver.store;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.contract.ValueType;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.diagnosis.Severity;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.PayloadChanges;
import io.sdataserver.payload.ResourceState;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Resources in the database. Every write is one transaction; a conditional update or delete is a single
 * compare-and-set statement on the etag column, so it is correct with several server processes on one database.
 */
public final class ResourceStore {
    private final Database db;
    private final SecureRandom random = new SecureRandom();

    public ResourceStore(Database db) { this.db = db; }

    // ------------------------------------------------------------------ reads

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
        } catch (SDataException e) {
            if (e.status() != 409) throw e; // recorded meanwhile by a copy of the same post
        }
        return trackedPost(uow, ds, trackingId);
    }

    /** Forgets a reliable post (the resource stays); false when there was nothing to forget. */
    public boolean discardTrackedPost(UnitOfWork uow, String ds, String trackingId) {
        return uow.run(c -> PostTrackings.discard(c, ds, trackingId));
    }

    /** The resource with this sdata:uuid, or empty. */
    public Optional<ResourceState> readByUuid(UnitOfWork uow, String ds, EntityType type, String uuid) {
        return uow.run(c -> Optional.ofNullable(readByUuid(c, ds, db.layout(type), uuid)));
    }

    private ResourceState readByUuid(Connection c, String ds, TableLayout l, String uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT k FROM " + l.table() + " WHERE ds = ? AND " + UUID_MATCH)) {
            ps.setString(1, ds);
            ps.setString(2, uuidKey(uuid));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readTree(c, ds, l, rs.getString(1)) : null;
            }
        }
    }

    /** The resource with its children and links, or empty. */
    public Optional<ResourceState> read(UnitOfWork uow, String ds, EntityType type, String key) {
        return uow.run(c -> Optional.ofNullable(readTree(c, ds, db.layout(type), key)));
    }

    public boolean isDeleted(UnitOfWork uow, String ds, EntityType type, String key) {
        return uow.run(c -> tombstoned(c, ds, db.layout(type), key));
    }

    // ------------------------------------------------------------------ create

    /**
     * A create; with a trackingID (reliable posting, §8.4) the tracking row is written in the same transaction, so a
     * second post with that trackingID fails on its primary key (409) and nothing of it is kept.
     */
    public ResourceState create(UnitOfWork uow, String ds, ResourceKind kind, PayloadChanges changes, String trackingId) {
        TableLayout l = db.layout(kind.type());
        return uow.write(ds, c -> {
            String key = changes.key();
            if (key != null && exists(c, ds, l, key)) {
                throw SDataException.conflict("a " + kind.elementName() + " with key '" + key + "' already exists");
            }
            if (key == null) key = nextKey(c, ds, l);
            String uuid = changes.uuid() != null ? changes.uuid() : kind.hasUuid() ? newUuid() : null;
            if (changes.uuid() != null && uuidTaken(c, ds, l, changes.uuid())) {
                throw SDataException.conflict("a " + kind.elementName() + " with sdata:uuid '" + changes.uuid() + "' already exists");
            }
            List<Diagnosis> faults = new ArrayList<>();
            Instant now = now();
            insertTree(c, ds, l, key, uuid, changes, null, null, null, 0, now, faults);
            if (!faults.isEmpty()) throw new SDataException(400, faults);
            if (trackingId != null) PostTrackings.insert(c, ds, trackingId, kind.pluralName(), key, now);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sd_tombstones WHERE ds = ? AND tbl = ? AND k = ?")) {
                ps.setString(1, ds);
                ps.setString(2, l.tableId());
                ps.setString(3, key);
                ps.executeUpdate();
            }
            return readTree(c, ds, l, key);
        });
    }

    // ------------------------------------------------------------------ update

    /**
     * Applies a partial payload. With {@code expectedEtags} the write happens only if the stored etag is one of them
     * (one UPDATE ... WHERE etag = ?); otherwise the last writer wins.
     */
    public WriteResult update(UnitOfWork uow, String ds, EntityType type, String key, PayloadChanges changes, List<String> expectedEtags) {
        TableLayout l = db.layout(type);
        return conditional(uow, ds, c -> {
            Instant now = now();
            List<Diagnosis> faults = new ArrayList<>();
            int rows = updateRow(c, ds, l, key, changes, expectedEtags, now, faults);
            if (rows == 0) {
                // nothing was written: the current state (412) or why there is none (404, 410)
                ResourceState current = readTree(c, ds, l, key);
                return current != null ? WriteResult.stale(current) : WriteResult.missing(tombstoned(c, ds, l, key));
            }
            List<Removed> removed = new ArrayList<>();
            applyRelations(c, ds, l, key, changes, now, faults, removed);
            checkUnreferenced(c, ds, removed, faults);
            if (!faults.isEmpty()) throw new SDataException(400, faults);
            touchAncestors(c, ds, l, key, now);
            return WriteResult.done(readTree(c, ds, l, key));
        });
    }

    // ------------------------------------------------------------------ delete

    /** Deletes the resource, its children and its links, and leaves a tombstone; conditional like update. */
    public WriteResult delete(UnitOfWork uow, String ds, EntityType type, String key, List<String> expectedEtags) {
        TableLayout l = db.layout(type);
        return conditional(uow, ds, c -> {
            String[] parent = parentOf(c, ds, l, key);
            int rows;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + l.table() + " WHERE ds = ? AND k = ?"
                    + etagCondition(expectedEtags))) {
                ps.setString(1, ds);
                ps.setString(2, key);
                bindEtags(ps, 3, expectedEtags);
                rows = ps.executeUpdate();
            }
            if (rows == 0) {
                ResourceState current = readTree(c, ds, l, key);
                return current != null ? WriteResult.stale(current) : WriteResult.missing(tombstoned(c, ds, l, key));
            }
            Instant now = now();
            List<Removed> removed = new ArrayList<>();
            removed.add(new Removed(l, key, null));
            deleteDependents(c, ds, l, key, now, removed, null);
            List<Diagnosis> faults = new ArrayList<>();
            checkUnreferenced(c, ds, removed, faults);
            if (!faults.isEmpty()) throw new SDataException(409, faults); // the unit of work rolls the delete back
            if (parent != null) {
                // every ancestor's representation lost this child (a grandchild deleted through a chained URL too)
                TableLayout pl = db.layoutByTable(parent[0]);
                if (pl != null) touchWithAncestors(c, ds, pl, parent[1], now);
            }
            return WriteResult.done(null);
        });
    }

    // ------------------------------------------------------------------ tree writing

    private void insertTree(Connection c, String ds, TableLayout l, String key, String uuid, PayloadChanges changes,
                            String parentTbl, String parentKey, String parentProp, int pos, Instant now,
                            List<Diagnosis> faults) throws SQLException {
        List<String> cols = new ArrayList<>(List.of("ds", "k", "uuid", "etag", "ver", "updated", "parent_tbl", "parent_key",
                "parent_prop", "pos", "published"));
        List<Object[]> binds = new ArrayList<>(); // {ValueType, value}
        binds.add(new Object[] {ValueType.STRING, ds});
        binds.add(new Object[] {ValueType.STRING, key});
        binds.add(new Object[] {ValueType.STRING, uuid});
        binds.add(new Object[] {ValueType.STRING, newEtag()});
        binds.add(new Object[] {ValueType.LONG, 1L});
        binds.add(new Object[] {ValueType.DATETIME, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)});
        binds.add(new Object[] {ValueType.STRING, parentTbl});
        binds.add(new Object[] {ValueType.STRING, parentKey});
        binds.add(new Object[] {ValueType.STRING, parentProp});
        binds.add(new Object[] {ValueType.INT, parentTbl == null ? null : pos});
        binds.add(new Object[] {ValueType.DATETIME, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)});
        Property mirror = keyMirror(l);
        if (mirror != null) {
            addValue(l, mirror, mirror.valueType() == ValueType.STRING ? key : null, cols, binds);
        }
        payloadColumns(c, ds, l, changes, cols, binds, faults);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(l.table()).append(" (").append(String.join(", ", cols))
                .append(") VALUES (");
        for (int i = 0; i < cols.size(); i++) sql.append(i == 0 ? "?" : ", ?");
        sql.append(")");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < binds.size(); i++) Rows.bind(ps, i + 1, (ValueType) binds.get(i)[0], binds.get(i)[1]);
            ps.executeUpdate();
        }
        for (Map.Entry<Property, PayloadChanges.ChildChange> e : changes.children().entrySet()) {
            if (e.getValue().nil()) continue;
            int childPos = 0;
            for (PayloadChanges item : e.getValue().items()) {
                if (item.isDeleted()) continue;
                insertChild(c, ds, l, key, e.getKey(), item, ++childPos, now, faults);
            }
        }
        for (Map.Entry<Property, PayloadChanges.LinkListChange> e : changes.linkLists().entrySet()) {
            writeLinkList(c, ds, l, key, e.getKey(), e.getValue(), changes.path(), faults);
        }
    }

    /** Inserts one child under its parent; returns its key, or null when a fault was recorded. */
    private String insertChild(Connection c, String ds, TableLayout parent, String parentKey, Property p, PayloadChanges item,
                               int pos, Instant now, List<Diagnosis> faults) throws SQLException {
        TableLayout cl = db.layout(p.target());
        String key = item.key();
        if (key != null && exists(c, ds, cl, key)) {
            faults.add(Diagnosis.application("Conflict", "a " + p.itemElementName() + " with key '" + key + "' already exists",
                    item.path()));
            return null;
        }
        if (key == null) key = nextKey(c, ds, cl);
        ResourceKind ck = cl.type().resourceKind();
        String uuid = item.uuid() != null ? item.uuid() : ck != null && ck.hasUuid() ? newUuid() : null;
        if (item.uuid() != null && uuidTaken(c, ds, cl, item.uuid())) {
            faults.add(Diagnosis.application("Conflict", "sdata:uuid '" + item.uuid() + "' is already used", item.path()));
            return null;
        }
        insertTree(c, ds, cl, key, uuid, item, parent.tableId(), parentKey, p.name(), pos, now, faults);
        return key;
    }

    // ------------------------------------------------------------------ children by property URL (§8.3, §9.4, §10.3)

    /** The child of {@code owner} under {@code p}: the one with {@code childKey} in a list, or the single child. */
    public Optional<ResourceState> child(UnitOfWork uow, String ds, EntityType ownerType, String ownerKey, Property p, String childKey) {
        TableLayout ol = db.layout(ownerType);
        TableLayout cl = db.layout(p.target());
        return uow.run(c -> {
            for (String[] k : childKeys(c, ds, cl, ol.tableId(), ownerKey, p.name())) {
                if (childKey == null || childKey.equals(k[0])) return Optional.ofNullable(readTree(c, ds, cl, k[0]));
            }
            return Optional.empty();
        });
    }

    /**
     * Appends a child to a list, or sets a single child that is absent (409 when it exists). The owner's ETag moves.
     * Empty when the owner does not exist.
     */
    public Optional<ResourceState> addChild(UnitOfWork uow, String ds, EntityType ownerType, String ownerKey, Property p, PayloadChanges item) {
        TableLayout ol = db.layout(ownerType);
        TableLayout cl = db.layout(p.target());
        Optional<ResourceState> added = uow.run(c -> {
            if (!exists(c, ds, ol, ownerKey)) return Optional.empty();
            List<String[]> existing = childKeys(c, ds, cl, ol.tableId(), ownerKey, p.name());
            if (!p.isCollection() && !existing.isEmpty()) {
                throw SDataException.conflict(p.name() + " already exists; update it with PUT");
            }
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
            Instant now = now();
            String key = insertChild(c, ds, ol, ownerKey, p, item, pos, now, faults);
            if (!faults.isEmpty()) throw new SDataException(faults.get(0).applicationCode().equals("Conflict") ? 409 : 400, faults);
            touchAncestors(c, ds, cl, key, now);
            return Optional.of(readTree(c, ds, cl, key));
        });
        if (added.isPresent()) uow.changed(ds);
        return added;
    }

    /** The compare-and-set condition: the stored etag must be one of those the client holds (none: unconditional). */
    private static String etagCondition(List<String> expected) {
        if (expected == null) return "";
        return " AND etag IN (" + String.join(", ", java.util.Collections.nCopies(expected.size(), "?")) + ")";
    }

    private static void bindEtags(PreparedStatement ps, int from, List<String> expected) throws SQLException {
        if (expected == null) return;
        for (String e : expected) ps.setString(from++, e);
    }

    /** The columns a payload sets: simple values (nil = NULL) and single links resolved to their target's key and uuid. */
    private void payloadColumns(Connection c, String ds, TableLayout l, PayloadChanges changes, List<String> cols,
                                List<Object[]> binds, List<Diagnosis> faults) throws SQLException {
        Property mirror = keyMirror(l);
        for (Map.Entry<Property, Object> e : changes.values().entrySet()) {
            if (e.getKey() == mirror) continue; // the key mirror is the server's, like every read-only property
            addValue(l, e.getKey(), e.getValue() == PayloadChanges.NIL ? null : e.getValue(), cols, binds);
        }
        for (Map.Entry<Property, Object> e : changes.links().entrySet()) {
            LinkTarget t = e.getValue() == PayloadChanges.NIL ? null
                    : resolve(c, ds, e.getKey(), (LinkTarget) e.getValue(), changes.path(), faults);
            cols.add(l.linkKeyColumn(e.getKey()).name());
            binds.add(new Object[] {ValueType.STRING, t == null ? null : t.key()});
            cols.add(l.linkUuidColumn(e.getKey()).name());
            binds.add(new Object[] {ValueType.STRING, t == null ? null : t.uuid()});
        }
    }

    private static Property keyMirror(TableLayout l) {
        return l.type().resourceKind() == null ? null : l.type().resourceKind().keyMirror();
    }

    private static void addValue(TableLayout l, Property p, Object value, List<String> cols, List<Object[]> binds) {
        cols.add(l.valueColumn(p).name());
        binds.add(new Object[] {p.valueType(), value});
        TableLayout.Column scale = l.scaleColumn(p);
        if (scale != null) {
            cols.add(scale.name());
            binds.add(new Object[] {ValueType.INT, value == null ? null : ((BigDecimal) value).scale()});
        }
    }

    /** UPDATE of one row's simple values and single links, with the new etag; returns the rows changed (0 or 1). */
    private int updateRow(Connection c, String ds, TableLayout l, String key, PayloadChanges changes, List<String> expectedEtags,
                          Instant now, List<Diagnosis> faults) throws SQLException {
        List<String> cols = new ArrayList<>();
        List<Object[]> binds = new ArrayList<>();
        payloadColumns(c, ds, l, changes, cols, binds, faults);
        StringBuilder sql = new StringBuilder("UPDATE ").append(l.table()).append(" SET etag = ?, ver = ver + 1, updated = ?");
        for (String col : cols) sql.append(", ").append(col).append(" = ?");
        sql.append(" WHERE ds = ? AND k = ?").append(etagCondition(expectedEtags));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, newEtag());
            ps.setObject(i++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            for (Object[] b : binds) Rows.bind(ps, i++, (ValueType) b[0], b[1]);
            ps.setString(i++, ds);
            ps.setString(i++, key);
            bindEtags(ps, i, expectedEtags);
            return ps.executeUpdate();
        }
    }

    /**
     * Child lists and single children of an update (§9.2): delta mode matches by sdata:key or sdata:uuid, updates
     * matches partially, creates the rest and deletes those flagged isDeleted; deleteMissing also deletes the
     * unlisted. Link lists follow the same two modes on link rows only.
     */
    private void applyRelations(Connection c, String ds, TableLayout l, String key, PayloadChanges changes, Instant now,
                                List<Diagnosis> faults, List<Removed> removed) throws SQLException {
        for (Map.Entry<Property, PayloadChanges.ChildChange> e : changes.children().entrySet()) {
            Property p = e.getKey();
            PayloadChanges.ChildChange change = e.getValue();
            TableLayout cl = db.layout(p.target());
            List<String[]> existing = childKeys(c, ds, cl, l.tableId(), key, p.name()); // {key, uuid}
            String listPath = changes.path() + "/" + p.name();
            if (change.nil()) {
                for (String[] ex : existing) deleteWithDependents(c, ds, cl, ex[0], now, removed, listPath);
                continue;
            }
            Set<String> matched = new HashSet<>();
            int pos = existing.size();
            for (PayloadChanges item : change.items()) {
                String[] match = p.isCollection() ? findMatch(existing, item) : existing.isEmpty() ? null : existing.get(0);
                if (match == null) {
                    if (!item.isDeleted()) insertChild(c, ds, l, key, p, item, ++pos, now, faults);
                    continue;
                }
                matched.add(match[0]);
                if (item.isDeleted()) {
                    deleteWithDependents(c, ds, cl, match[0], now, removed, item.path());
                } else {
                    updateRow(c, ds, cl, match[0], item, null, now, faults);
                    applyRelations(c, ds, cl, match[0], item, now, faults, removed);
                }
            }
            if (change.deleteMissing()) {
                for (String[] ex : existing) {
                    if (!matched.contains(ex[0])) deleteWithDependents(c, ds, cl, ex[0], now, removed, listPath);
                }
            }
        }
        for (Map.Entry<Property, PayloadChanges.LinkListChange> e : changes.linkLists().entrySet()) {
            writeLinkList(c, ds, l, key, e.getKey(), e.getValue(), changes.path(), faults);
        }
    }

    private static String[] findMatch(List<String[]> existing, PayloadChanges item) {
        for (String[] ex : existing) {
            if (item.key() != null && item.key().equals(ex[0])) return ex;
            if (item.uuid() != null && item.uuid().equalsIgnoreCase(ex[1])) return ex;
        }
        return null;
    }

    private void writeLinkList(Connection c, String ds, TableLayout owner, String key, Property p,
                               PayloadChanges.LinkListChange change, String path, List<Diagnosis> faults) throws SQLException {
        TableLayout target = db.layout(p.target());
        String where = " WHERE ds = ? AND owner_tbl = ? AND owner_key = ? AND prop = ?";
        // targets whose mirror list (the read-only direction) this write changes: their ETags move too
        Set<String> mirrorsChanged = new java.util.TreeSet<>(); // touched in key order: concurrent writes lock alike
        if (change.deleteMissing()) {
            if (db.isMirrored(p)) mirrorsChanged.addAll(linkTargets(c, ds, owner, key, p));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sd_links" + where)) {
                bindOwner(ps, ds, owner, key, p);
                ps.executeUpdate();
            }
        }
        int pos;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(pos), 0) FROM sd_links" + where)) {
            bindOwner(ps, ds, owner, key, p);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pos = rs.getInt(1);
            }
        }
        for (LinkTarget item : change.items()) {
            LinkTarget t = resolve(c, ds, p, item, path, faults);
            if (t == null) continue;
            if (db.isMirrored(p)) mirrorsChanged.add(t.key());
            try (PreparedStatement del = c.prepareStatement("DELETE FROM sd_links" + where + " AND target_key = ?")) {
                bindOwner(del, ds, owner, key, p);
                del.setString(5, t.key());
                del.executeUpdate();
            }
            if (item.deleted()) continue;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO sd_links (ds, owner_tbl, owner_key, prop, pos, "
                    + "target_tbl, target_key, target_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                bindOwner(ins, ds, owner, key, p);
                ins.setInt(5, ++pos);
                ins.setString(6, target.tableId());
                ins.setString(7, t.key());
                ins.setString(8, t.uuid());
                ins.executeUpdate();
            }
        }
        Instant now = now();
        for (String k : mirrorsChanged) touchWithAncestors(c, ds, target, k, now);
    }

    private static List<String> linkTargets(Connection c, String ds, TableLayout owner, String key, Property p) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT target_key FROM sd_links"
                + " WHERE ds = ? AND owner_tbl = ? AND owner_key = ? AND prop = ?")) {
            bindOwner(ps, ds, owner, key, p);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /**
     * Before a resource's link rows go: the resources whose representation loses a link with them get a new ETag
     * (CONC-4). Those are the owners of lists pointing at it, and the targets of its own mirrored lists.
     */
    private void touchLinkedResources(Connection c, String ds, TableLayout l, String key, Instant now) throws SQLException {
        List<String[]> owners = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT owner_tbl, owner_key FROM sd_links"
                + " WHERE ds = ? AND target_tbl = ? AND target_key = ? ORDER BY owner_tbl, owner_key")) {
            ps.setString(1, ds);
            ps.setString(2, l.tableId());
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) owners.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] o : owners) {
            TableLayout ol = db.layoutByTable(o[0]);
            if (ol != null) touchWithAncestors(c, ds, ol, o[1], now);
        }
        for (Property p : l.type().properties()) {
            if (!db.isMirrored(p)) continue;
            TableLayout tl = db.layout(p.target());
            for (String k : new java.util.TreeSet<>(linkTargets(c, ds, l, key, p))) touchWithAncestors(c, ds, tl, k, now);
        }
    }

    private void touchWithAncestors(Connection c, String ds, TableLayout l, String key, Instant now) throws SQLException {
        touch(c, ds, l, key, now);
        touchAncestors(c, ds, l, key, now);
    }

    private static void bindOwner(PreparedStatement ps, String ds, TableLayout owner, String key, Property p) throws SQLException {
        ps.setString(1, ds);
        ps.setString(2, owner.tableId());
        ps.setString(3, key);
        ps.setString(4, p.name());
    }

    /** Finds the target of a reference by key or uuid; a missing target is a fault at the property's payloadPath. */
    private LinkTarget resolve(Connection c, String ds, Property p, LinkTarget t, String ownerPath, List<Diagnosis> faults)
            throws SQLException {
        TableLayout tl = db.layout(p.target());
        boolean byKey = t.key() != null;
        try (PreparedStatement ps = c.prepareStatement("SELECT k, uuid FROM " + tl.table() + " WHERE ds = ? AND "
                + (byKey ? "k = ?" : UUID_MATCH) + (t.deleted() ? "" : db.dialect().referenceLock()))) {
            ps.setString(1, ds);
            ps.setString(2, byKey ? t.key() : uuidKey(t.uuid()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return new LinkTarget(rs.getString(1), rs.getString(2), t.deleted());
            }
        }
        faults.add(new Diagnosis(Severity.error, SDataCode.ApplicationDiagnosis, "LinkTargetNotFound",
                p.name() + " points at " + (byKey ? "key '" + t.key() + "'" : "sdata:uuid '" + t.uuid() + "'")
                        + ", which does not exist", ownerPath + "/" + p.name()));
        return null;
    }

    // ------------------------------------------------------------------ deletion helpers

    /** A resource that still references this one through a single reference, named for the client, or null. */
    private String referrer(Connection c, String ds, TableLayout target, String key) throws SQLException {
        for (Database.Reference ref : db.referencesTo(target.type())) {
            TableLayout owner = ref.owner();
            try (PreparedStatement ps = c.prepareStatement("SELECT k FROM " + owner.table() + " WHERE ds = ? AND "
                    + owner.linkKeyColumn(ref.property()).name() + " = ?")) {
                ps.setString(1, ds);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return "the " + ref.property().name() + " of " + owner.type().baseName() + " '" + rs.getString(1) + "'";
                    }
                }
            }
        }
        return null;
    }

    /** A row a write removed, with the payload path that asked for it (null for a DELETE request). */
    private record Removed(TableLayout layout, String key, String path) { }

    /**
     * Refuses a write that removed a row a single reference still points at (UPD-11: the whole operation is
     * abandoned). Checked after all of the write's deletions, so references inside the removed tree do not count.
     */
    private void checkUnreferenced(Connection c, String ds, List<Removed> removed, List<Diagnosis> faults) throws SQLException {
        for (Removed r : removed) {
            String user = referrer(c, ds, r.layout(), r.key());
            if (user != null) {
                faults.add(Diagnosis.application("Conflict", r.layout().type().baseName() + " '" + r.key()
                        + "' is still referenced by " + user + "; re-point or clear that reference first", r.path()));
            }
        }
    }

    private void deleteWithDependents(Connection c, String ds, TableLayout l, String key, Instant now, List<Removed> removed,
                                      String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + l.table() + " WHERE ds = ? AND k = ?")) {
            ps.setString(1, ds);
            ps.setString(2, key);
            ps.executeUpdate();
        }
        removed.add(new Removed(l, key, path));
        deleteDependents(c, ds, l, key, now, removed, path);
    }

    /** Children (recursively), links from and to the resource; then a tombstone for it. */
    private void deleteDependents(Connection c, String ds, TableLayout l, String key, Instant now, List<Removed> removed,
                                  String path) throws SQLException {
        for (Property p : l.type().properties()) {
            if (!p.isChild()) continue;
            TableLayout cl = db.layout(p.target());
            for (String[] child : childKeys(c, ds, cl, l.tableId(), key, p.name())) {
                deleteWithDependents(c, ds, cl, child[0], now, removed, path);
            }
        }
        touchLinkedResources(c, ds, l, key, now);
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sd_links WHERE ds = ? AND ((owner_tbl = ? AND owner_key = ?) OR (target_tbl = ? AND target_key = ?))")) {
            ps.setString(1, ds);
            ps.setString(2, l.tableId());
            ps.setString(3, key);
            ps.setString(4, l.tableId());
            ps.setString(5, key);
            ps.executeUpdate();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM sd_tombstones WHERE ds = ? AND tbl = ? AND k = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO sd_tombstones (ds, tbl, k, deleted_at) VALUES (?, ?, ?, ?)")) {
            del.setString(1, ds);
            del.setString(2, l.tableId());
            del.setString(3, key);
            del.executeUpdate();
            ins.setString(1, ds);
            ins.setString(2, l.tableId());
            ins.setString(3, key);
            ins.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ins.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ tree reading

    private ResourceState readTree(Connection c, String ds, TableLayout l, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.selectList(l) + " FROM " + l.table()
                + " WHERE ds = ? AND k = ?")) {
            ps.setString(1, ds);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                ResourceState s = Rows.map(l, rs);
                addParentLink(l, s, Rows.parentTable(rs), Rows.parentKey(rs));
                loadRelations(c, ds, l, s);
                return s;
            }
        }
    }

    void addParentLink(TableLayout l, ResourceState s, String parentTbl, String parentKey) {
        if (parentTbl == null) return;
        for (Property p : l.type().properties()) {
            if (p.isParent() && p.target() != null && db.layout(p.target()).tableId().equals(parentTbl)) {
                s.links().put(p.name(), new LinkTarget(parentKey, null));
            }
        }
    }

    void loadRelations(Connection c, String ds, TableLayout l, ResourceState s) throws SQLException {
        loadRelations(c, ds, l, List.of(s));
    }

    /**
     * Fills the children and link lists of several resources of one type at once: one query per relationship for
     * the whole batch (not per resource), then the children's own relationships the same way.
     */
    void loadRelations(Connection c, String ds, TableLayout l, List<ResourceState> owners) throws SQLException {
        if (owners.isEmpty()) return;
        Map<String, ResourceState> byKey = new java.util.HashMap<>();
        for (ResourceState s : owners) byKey.put(s.key(), s);
        String in = String.join(", ", java.util.Collections.nCopies(byKey.size(), "?"));
        for (Property p : l.type().properties()) {
            if (p.isChild()) {
                TableLayout cl = db.layout(p.target());
                for (ResourceState s : owners) s.children().put(p.name(), new ArrayList<>());
                List<ResourceState> children = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.selectList(cl) + " FROM " + cl.table()
                        + " WHERE ds = ? AND parent_tbl = ? AND parent_prop = ? AND parent_key IN (" + in + ")"
                        + " ORDER BY parent_key, pos, k")) {
                    bindBatch(ps, ds, l, p, byKey.keySet());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ResourceState child = Rows.map(cl, rs);
                            String parentKey = Rows.parentKey(rs);
                            addParentLink(cl, child, l.tableId(), parentKey);
                            byKey.get(parentKey).children().get(p.name()).add(child);
                            children.add(child);
                        }
                    }
                }
                loadRelations(c, ds, cl, children);
            } else if (p.isLinkList()) {
                for (ResourceState s : owners) s.linkLists().put(p.name(), new ArrayList<>());
                Property source = db.mirrorSource(p);
                String sql = source == null
                        ? "SELECT owner_key, target_key, target_uuid FROM sd_links WHERE ds = ? AND owner_tbl = ? AND prop = ?"
                                + " AND owner_key IN (" + in + ") ORDER BY owner_key, pos"
                        // the read-only direction of a bidirectional association: the other direction's links, reversed
                        : "SELECT s.target_key, s.owner_key, o.uuid FROM sd_links s JOIN " + db.layout(p.target()).table()
                                + " o ON o.ds = s.ds AND o.k = s.owner_key WHERE s.ds = ? AND s.target_tbl = ? AND s.prop = ?"
                                + " AND s.target_key IN (" + in + ") AND s.owner_tbl = ? ORDER BY s.target_key, s.owner_key"
                                + db.dialect().binaryCollation();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    bindBatch(ps, ds, l, source == null ? p : source, byKey.keySet());
                    if (source != null) ps.setString(4 + byKey.size(), db.layout(p.target()).tableId());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            byKey.get(rs.getString(1)).linkLists().get(p.name()).add(new LinkTarget(rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
        }
    }

    /** dataset, owner table, property, then the owners' keys: the parameters of both batch queries. */
    private static void bindBatch(PreparedStatement ps, String ds, TableLayout l, Property p, Set<String> keys) throws SQLException {
        ps.setString(1, ds);
        ps.setString(2, l.tableId());
        ps.setString(3, p.name());
        int i = 4;
        for (String k : keys) ps.setString(i++, k);
    }

    private static List<String[]> childKeys(Connection c, String ds, TableLayout cl, String parentTbl, String parentKey,
                                            String prop) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k, uuid FROM " + cl.table()
                + " WHERE ds = ? AND parent_tbl = ? AND parent_key = ? AND parent_prop = ? ORDER BY pos, k")) {
            ps.setString(1, ds);
            ps.setString(2, parentTbl);
            ps.setString(3, parentKey);
            ps.setString(4, prop);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) keys.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return keys;
    }

    // ------------------------------------------------------------------ small helpers

    /** A child's change is a change of its parent: the parent's etag moves too, up to the root (CONC-4). */
    private void touchAncestors(Connection c, String ds, TableLayout l, String key, Instant now) throws SQLException {
        String[] parent = parentOf(c, ds, l, key);
        int guard = 0;
        while (parent != null && guard++ < 32) {
            TableLayout pl = db.layoutByTable(parent[0]);
            if (pl == null) return;
            touch(c, ds, pl, parent[1], now);
            parent = parentOf(c, ds, pl, parent[1]);
        }
    }

    private void touch(Connection c, String ds, TableLayout l, String key, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + l.table()
                + " SET etag = ?, ver = ver + 1, updated = ? WHERE ds = ? AND k = ?")) {
            ps.setString(1, newEtag());
            ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(3, ds);
            ps.setString(4, key);
            ps.executeUpdate();
        }
    }

    private static String[] parentOf(Connection c, String ds, TableLayout l, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT parent_tbl, parent_key FROM " + l.table()
                + " WHERE ds = ? AND k = ?")) {
            ps.setString(1, ds);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static boolean exists(Connection c, String ds, TableLayout l, String key) throws SQLException {
        return anyRow(c, "SELECT 1 FROM " + l.table() + " WHERE ds = ? AND k = ?", ds, key);
    }

    private static boolean uuidTaken(Connection c, String ds, TableLayout l, String uuid) throws SQLException {
        return anyRow(c, "SELECT 1 FROM " + l.table() + " WHERE ds = ? AND " + UUID_MATCH, ds, uuidKey(uuid));
    }

    /**
     * A uuid is kept as the consumer wrote it (the spec's examples echo it verbatim) but found whatever the letter
     * case (RFC 4122: case-insensitive on input), through the lower-cased column the database keeps beside it.
     */
    private static final String UUID_MATCH = "uuid_lc = ?";

    private static String uuidKey(String uuid) { return uuid == null ? null : uuid.trim().toLowerCase(java.util.Locale.ROOT); }

    private static boolean tombstoned(Connection c, String ds, TableLayout l, String key) throws SQLException {
        return anyRow(c, "SELECT 1 FROM sd_tombstones WHERE ds = ? AND tbl = ? AND k = ?", ds, l.tableId(), key);
    }

    private static boolean anyRow(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The next free key from the type's sequence (a consumer may have taken a number already). */
    private String nextKey(Connection c, String ds, TableLayout l) throws SQLException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String key;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(db.dialect().nextValue(l.sequence()))) {
                rs.next();
                key = Long.toString(rs.getLong(1));
            }
            if (!exists(c, ds, l, key) && !tombstoned(c, ds, l, key)) return key;
        }
        throw new IllegalStateException("no free key in " + l.sequence());
    }

    /** 16 random bytes in URL-safe base64: no '/', so an ETag never begins with "W/" and is never taken for a weak one. */
    private String newEtag() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().encodeToString(b);
    }

    private static String newUuid() { return UUID.randomUUID().toString(); }

    private static Instant now() { return Instant.now().truncatedTo(ChronoUnit.MILLIS); }

    // ------------------------------------------------------------------ transactions

    @FunctionalInterface
    interface Work<T> { T run(Connection c) throws SQLException; }

    /** A compare-and-set write: only a write that happened changes the dataset (a 412, 404 or 410 moves no stamp). */
    private static WriteResult conditional(UnitOfWork uow, String ds, Work<WriteResult> work) {
        WriteResult r = uow.run(work);
        if (r.outcome() == WriteResult.Outcome.DONE) uow.changed(ds);
        return r;
    }
}
