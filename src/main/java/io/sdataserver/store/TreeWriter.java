package io.sdataserver.store;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.contract.ValueType;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.PayloadChanges;
import io.sdataserver.store.SqlFragment.Bind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes resource trees (§8, §9.2): inserts a resource with the children in its payload, and applies a partial
 * update with a compare-and-set on the etag column, children matched by key or uuid in delta or full mode.
 * Faults found on the way are collected with their payloadPath, so a client hears of all of them at once.
 */
final class TreeWriter {
    private final Database db;
    private final VersionBumper versions;
    private final LinkWriter links;
    private final DeleteCascade deletes;

    TreeWriter(Database db, VersionBumper versions, LinkWriter links, DeleteCascade deletes) {
        this.db = db;
        this.versions = versions;
        this.links = links;
        this.deletes = deletes;
    }

    /** What goes in the same round trip as a new row's INSERT, once its key is known (its re-read, say). */
    interface AfterInsert { void queue(StatementChain chain, String key) throws SQLException; }

    /**
     * Inserts a resource's own row (top-level when {@code parentTbl} is null) with the key the client chose, or else
     * with the next candidate from the type's sequence that is neither a row nor a tombstone (a client may have
     * chosen it): the INSERT checks that itself, and when it inserted nothing the next candidate is tried. Returns
     * the key. The caller has checked a chosen key is free.
     */
    String insertRow(Connection c, String ds, TableLayout l, String chosenKey, String uuid, PayloadChanges changes,
                     String parentTbl, String parentKey, String parentProp, int pos, Write now, List<Diagnosis> faults,
                     AfterInsert after) throws SQLException {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String key = chosenKey != null ? chosenKey : db.keys().next(c, l);
            int found = faults.size();
            int[] rows = new int[1];
            StatementChain chain = new StatementChain(db.dialect());
            queueInsertRow(chain, c, ds, l, key, uuid, changes, parentTbl, parentKey, parentProp, pos, now, faults,
                    chosenKey == null, n -> rows[0] = n);
            after.queue(chain, key);
            chain.run(c);
            if (rows[0] == 1 || chosenKey != null) return key;
            faults.subList(found, faults.size()).clear(); // found again with the next candidate
        }
        throw new IllegalStateException("no free key in " + l.sequence());
    }

    /** Whether a payload changes child lists, single children or link lists: rows beyond the resource's own. */
    static boolean touchesRelations(PayloadChanges changes) {
        return !changes.children().isEmpty() || !changes.linkLists().isEmpty();
    }

    /**
     * Queues the INSERT of the resource's own row; its single references are resolved now (a read each), so that
     * the statement can go with others in one round trip. A key from the sequence ({@code unchecked}) is inserted
     * only if it is neither a row nor a tombstone; {@code inserted} hears whether it was.
     */
    private void queueInsertRow(StatementChain chain, Connection c, String ds, TableLayout l, String key, String uuid,
                                PayloadChanges changes, String parentTbl, String parentKey, String parentProp, int pos,
                                Write now, List<Diagnosis> faults, boolean unchecked, StatementChain.CountReader inserted)
            throws SQLException {
        List<String> cols = new ArrayList<>(List.of("ds", "k", "uuid", "etag", "ver", "updated", "parent_tbl", "parent_key",
                "parent_prop", "pos", "published", "updated_by"));
        OffsetDateTime at = OffsetDateTime.ofInstant(now.at(), ZoneOffset.UTC);
        List<Bind> binds = new ArrayList<>(List.of(new Bind(ValueType.STRING, ds), new Bind(ValueType.STRING, key),
                new Bind(ValueType.STRING, uuid), new Bind(ValueType.STRING, versions.newEtag()), new Bind(ValueType.LONG, 1L),
                new Bind(ValueType.DATETIME, at), new Bind(ValueType.STRING, parentTbl), new Bind(ValueType.STRING, parentKey),
                new Bind(ValueType.STRING, parentProp), new Bind(ValueType.INT, parentTbl == null ? null : pos),
                new Bind(ValueType.DATETIME, at), new Bind(ValueType.STRING, now.by())));
        Property mirror = keyMirror(l);
        if (mirror != null) addValue(l, mirror, mirror.valueType() == ValueType.STRING ? key : null, cols, binds);
        payloadColumns(c, ds, l, changes, cols, binds, faults);
        String values = String.join(", ", Collections.nCopies(cols.size(), "?"));
        String sql = "INSERT INTO " + l.table() + " (" + String.join(", ", cols) + ") "
                + (unchecked ? "SELECT " + values + " WHERE NOT EXISTS (SELECT 1 FROM " + l.table() + " WHERE ds = ? AND k = ?)"
                        + " AND NOT EXISTS (SELECT 1 FROM sd_tombstones WHERE ds = ? AND tbl = ? AND k = ?)"
                        : "VALUES (" + values + ")");
        chain.writeRow(l.table(), ds, key, sql, (ps, from) -> {
            int next = bind(ps, from, binds);
            return unchecked ? StatementChain.strings(ds, key, ds, l.tableId(), key).bind(ps, next) : next;
        }, count -> {
            now.changed(l, count);
            inserted.read(count);
        });
        db.statistics().inserted(l.table());
    }

    /** Inserts the children and link lists a new resource's payload carries. */
    void insertRelations(Connection c, String ds, TableLayout l, String key, PayloadChanges changes, Write now,
                         List<Diagnosis> faults) throws SQLException {
        for (Map.Entry<Property, PayloadChanges.ChildChange> e : changes.children().entrySet()) {
            if (e.getValue().nil()) continue;
            int childPos = 0;
            for (PayloadChanges item : e.getValue().items()) {
                if (item.isDeleted()) continue;
                insertChild(c, ds, l, key, e.getKey(), item, ++childPos, now, faults);
            }
        }
        for (Map.Entry<Property, PayloadChanges.LinkListChange> e : changes.linkLists().entrySet()) {
            links.writeLinkList(c, ds, l, key, e.getKey(), e.getValue(), changes.path(), faults, now);
        }
    }

    /** Inserts one child under its parent; returns its key, or null when a fault was recorded. */
    String insertChild(Connection c, String ds, TableLayout parent, String parentKey, Property p, PayloadChanges item,
                       int pos, Write now, List<Diagnosis> faults) throws SQLException {
        TableLayout cl = db.layout(p.target());
        String key = item.key();
        if (key != null && Lookups.exists(c, ds, cl, key)) {
            faults.add(Diagnosis.application("Conflict", "a " + p.itemElementName() + " with key '" + key + "' already exists",
                    item.path()));
            return null;
        }
        ResourceKind ck = cl.type().resourceKind();
        String uuid = item.uuid() != null ? item.uuid() : ck != null && ck.hasUuid() ? UUID.randomUUID().toString() : null;
        if (item.uuid() != null && Lookups.uuidTaken(c, ds, cl, item.uuid())) {
            faults.add(Diagnosis.application("Conflict", "sdata:uuid '" + item.uuid() + "' is already used", item.path()));
            return null;
        }
        key = insertRow(c, ds, cl, key, uuid, item, parent.tableId(), parentKey, p.name(), pos, now, faults, (chain, k) -> { });
        insertRelations(c, ds, cl, key, item, now, faults);
        return key;
    }

    /**
     * UPDATE of one row's simple values and single links, with a new etag; with {@code expectedEtags} only if the
     * stored etag is one of them (compare-and-set). Returns the rows changed (0 or 1).
     */
    int updateRow(Connection c, String ds, TableLayout l, String key, PayloadChanges changes, List<String> expectedEtags,
                  Write now, List<Diagnosis> faults) throws SQLException {
        int[] rows = new int[1];
        StatementChain chain = new StatementChain(db.dialect());
        queueUpdateRow(chain, c, ds, l, key, changes, expectedEtags, now, faults, n -> rows[0] = n);
        chain.run(c);
        return rows[0];
    }

    /** Queues {@link #updateRow}'s statement; {@code rows} hears how many rows it changed. */
    void queueUpdateRow(StatementChain chain, Connection c, String ds, TableLayout l, String key, PayloadChanges changes,
                        List<String> expectedEtags, Write now, List<Diagnosis> faults, StatementChain.CountReader rows)
            throws SQLException {
        List<String> cols = new ArrayList<>();
        List<Bind> binds = new ArrayList<>();
        payloadColumns(c, ds, l, changes, cols, binds, faults);
        StringBuilder sql = new StringBuilder("UPDATE ").append(l.table()).append(" SET etag = ?, ver = ver + 1, updated = ?, updated_by = ?");
        for (String col : cols) sql.append(", ").append(col).append(" = ?");
        sql.append(" WHERE ds = ? AND k = ?").append(etagCondition(expectedEtags));
        String etag = versions.newEtag();
        chain.writeRow(l.table(), ds, key, sql.toString(), (ps, from) -> {
            int i = from;
            ps.setString(i++, etag);
            ps.setObject(i++, OffsetDateTime.ofInstant(now.at(), ZoneOffset.UTC));
            ps.setString(i++, now.by());
            i = bind(ps, i, binds);
            ps.setString(i++, ds);
            ps.setString(i++, key);
            return bindEtags(ps, i, expectedEtags);
        }, n -> {
            now.changed(l, n);
            rows.read(n);
        });
    }

    private static int bind(PreparedStatement ps, int from, List<Bind> binds) throws SQLException {
        int i = from;
        for (Bind b : binds) Rows.bind(ps, i++, b.type(), b.value());
        return i;
    }

    /**
     * Child lists and single children of an update (§9.2): delta mode matches by sdata:key or sdata:uuid, updates
     * matches partially, creates the rest and deletes those flagged isDeleted; deleteMissing also deletes the
     * unlisted. Link lists follow the same two modes on link rows only.
     */
    void applyRelations(Connection c, String ds, TableLayout l, String key, PayloadChanges changes, Write now,
                        List<Diagnosis> faults, List<ReferenceGuard.Removed> removed) throws SQLException {
        for (Map.Entry<Property, PayloadChanges.ChildChange> e : changes.children().entrySet()) {
            Property p = e.getKey();
            PayloadChanges.ChildChange change = e.getValue();
            TableLayout cl = db.layout(p.target());
            List<Lookups.ChildRow> existing = Lookups.childRows(c, ds, cl, l.tableId(), key, p.name());
            String listPath = changes.path() + "/" + p.name();
            if (change.nil()) {
                for (Lookups.ChildRow ex : existing) deletes.deleteWithDependents(c, ds, cl, ex.key(), now, removed, listPath);
                continue;
            }
            Set<String> matched = new HashSet<>();
            int pos = existing.size();
            for (PayloadChanges item : change.items()) {
                Lookups.ChildRow match = p.isCollection() ? findMatch(existing, item) : existing.isEmpty() ? null : existing.get(0);
                if (match == null) {
                    if (!item.isDeleted()) insertChild(c, ds, l, key, p, item, ++pos, now, faults);
                    continue;
                }
                matched.add(match.key());
                if (item.isDeleted()) {
                    deletes.deleteWithDependents(c, ds, cl, match.key(), now, removed, item.path());
                } else {
                    updateRow(c, ds, cl, match.key(), item, null, now, faults);
                    applyRelations(c, ds, cl, match.key(), item, now, faults, removed);
                }
            }
            if (change.deleteMissing()) {
                for (Lookups.ChildRow ex : existing) {
                    if (!matched.contains(ex.key())) deletes.deleteWithDependents(c, ds, cl, ex.key(), now, removed, listPath);
                }
            }
        }
        for (Map.Entry<Property, PayloadChanges.LinkListChange> e : changes.linkLists().entrySet()) {
            links.writeLinkList(c, ds, l, key, e.getKey(), e.getValue(), changes.path(), faults, now);
        }
    }

    private static Lookups.ChildRow findMatch(List<Lookups.ChildRow> existing, PayloadChanges item) {
        for (Lookups.ChildRow ex : existing) {
            if (item.key() != null && item.key().equals(ex.key())) return ex;
            if (item.uuid() != null && item.uuid().equalsIgnoreCase(ex.uuid())) return ex;
        }
        return null;
    }

    /** The columns a payload sets: simple values (nil = NULL) and single links resolved to their target's key and uuid. */
    private void payloadColumns(Connection c, String ds, TableLayout l, PayloadChanges changes, List<String> cols,
                                List<Bind> binds, List<Diagnosis> faults) throws SQLException {
        Property mirror = keyMirror(l);
        for (Map.Entry<Property, Object> e : changes.values().entrySet()) {
            if (e.getKey() == mirror) continue; // the key mirror is the server's, like every read-only property
            addValue(l, e.getKey(), e.getValue() == PayloadChanges.NIL ? null : e.getValue(), cols, binds);
        }
        for (Map.Entry<Property, Object> e : changes.links().entrySet()) {
            LinkTarget t = e.getValue() == PayloadChanges.NIL ? null
                    : links.resolve(c, ds, e.getKey(), (LinkTarget) e.getValue(), changes.path(), faults);
            cols.add(l.linkKeyColumn(e.getKey()).name());
            binds.add(new Bind(ValueType.STRING, t == null ? null : t.key()));
            cols.add(l.linkUuidColumn(e.getKey()).name());
            binds.add(new Bind(ValueType.STRING, t == null ? null : t.uuid()));
        }
    }

    private static Property keyMirror(TableLayout l) {
        return l.type().resourceKind() == null ? null : l.type().resourceKind().keyMirror();
    }

    private static void addValue(TableLayout l, Property p, Object value, List<String> cols, List<Bind> binds) {
        cols.add(l.valueColumn(p).name());
        binds.add(new Bind(p.valueType(), value));
        TableLayout.Column scale = l.scaleColumn(p);
        if (scale != null) {
            cols.add(scale.name());
            binds.add(new Bind(ValueType.INT, value == null ? null : ((BigDecimal) value).scale()));
        }
    }

    /** The compare-and-set condition: the stored etag must be one of those the client holds (none: unconditional). */
    static String etagCondition(List<String> expected) {
        if (expected == null) return "";
        return " AND etag IN (" + String.join(", ", Collections.nCopies(expected.size(), "?")) + ")";
    }

    static int bindEtags(PreparedStatement ps, int from, List<String> expected) throws SQLException {
        if (expected == null) return from;
        for (String e : expected) ps.setString(from++, e);
        return from;
    }
}
