package io.sdataserver.store;

import io.sdataserver.contract.Property;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.Severity;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.PayloadChanges;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** References and link lists: finding (and locking) what a payload points at, and writing link rows in order. */
final class LinkWriter {
    private final Database db;
    private final VersionBumper versions;

    LinkWriter(Database db, VersionBumper versions) {
        this.db = db;
        this.versions = versions;
    }

    /**
     * Finds the target of a reference by key or uuid and locks it until the write commits (so a concurrent delete
     * of it waits, then sees the reference); a missing target is a fault at the property's payloadPath.
     */
    LinkTarget resolve(Connection c, String ds, Property p, LinkTarget t, String ownerPath, List<Diagnosis> faults)
            throws SQLException {
        TableLayout tl = db.layout(p.target());
        boolean byKey = t.key() != null;
        try (PreparedStatement ps = c.prepareStatement("SELECT k, uuid FROM " + tl.table() + " WHERE ds = ? AND "
                + (byKey ? "k = ?" : Lookups.UUID_MATCH) + (t.deleted() ? "" : db.dialect().referenceLock()))) {
            ps.setString(1, ds);
            ps.setString(2, byKey ? t.key() : Lookups.uuidKey(t.uuid()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return new LinkTarget(rs.getString(1), rs.getString(2), t.deleted());
            }
        }
        faults.add(new Diagnosis(Severity.error, SDataCode.ApplicationDiagnosis, "LinkTargetNotFound",
                p.name() + " points at " + (byKey ? "key '" + t.key() + "'" : "sdata:uuid '" + t.uuid() + "'")
                        + ", which does not exist", ownerPath + "/" + p.name()));
        return null;
    }

    /** Writes a link list in the payload's mode: delta (add, move to the end, remove flagged) or full (replace). */
    void writeLinkList(Connection c, String ds, TableLayout owner, String key, Property p, PayloadChanges.LinkListChange change,
                       String path, List<Diagnosis> faults, Write w) throws SQLException {
        TableLayout target = db.layout(p.target());
        String where = " WHERE ds = ? AND owner_tbl = ? AND owner_key = ? AND prop = ?";
        // targets whose mirror list (the read-only direction) this write changes: their ETags move too
        Set<String> mirrorsChanged = new TreeSet<>(); // touched in key order: concurrent writes lock alike
        if (change.deleteMissing()) {
            if (db.isMirrored(p)) mirrorsChanged.addAll(Lookups.linkTargets(c, ds, owner, key, p));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sd_links" + where)) {
                Lookups.bindOwner(ps, ds, owner, key, p);
                w.changed(owner, ps.executeUpdate()); // link rows are their owner's
            }
        }
        int pos;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(pos), 0) FROM sd_links" + where)) {
            Lookups.bindOwner(ps, ds, owner, key, p);
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
                Lookups.bindOwner(del, ds, owner, key, p);
                del.setString(5, t.key());
                w.changed(owner, del.executeUpdate());
            }
            if (item.deleted()) continue;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO sd_links (ds, owner_tbl, owner_key, prop, pos, "
                    + "target_tbl, target_key, target_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                Lookups.bindOwner(ins, ds, owner, key, p);
                ins.setInt(5, ++pos);
                ins.setString(6, target.tableId());
                ins.setString(7, t.key());
                ins.setString(8, t.uuid());
                w.changed(owner, ins.executeUpdate());
            }
        }
        for (String k : mirrorsChanged) versions.touchWithAncestors(c, ds, target, k, w);
    }
}
