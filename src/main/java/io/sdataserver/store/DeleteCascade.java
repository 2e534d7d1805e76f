package io.sdataserver.store;

import io.sdataserver.contract.Property;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Deleting a resource deletes its children (recursively) and every link from or to it, and leaves a tombstone, so
 * that a later PUT or DELETE is told it is gone (410).
 */
final class DeleteCascade {
    private final Database db;
    private final VersionBumper versions;

    DeleteCascade(Database db, VersionBumper versions) {
        this.db = db;
        this.versions = versions;
    }

    /** Deletes the row and all that depends on it; each removed row is recorded for the reference check. */
    void deleteWithDependents(Connection c, String ds, TableLayout l, String key, Write w, List<ReferenceGuard.Removed> removed,
                              String path) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + l.table() + " WHERE ds = ? AND k = ?")) {
            ps.setString(1, ds);
            ps.setString(2, key);
            w.changed(l, ps.executeUpdate());
        }
        removed.add(new ReferenceGuard.Removed(l, key, path));
        deleteDependents(c, ds, l, key, w, removed, path);
    }

    /** Children (recursively), links from and to the resource; then a tombstone for it. */
    void deleteDependents(Connection c, String ds, TableLayout l, String key, Write w, List<ReferenceGuard.Removed> removed,
                          String path) throws SQLException {
        for (Property p : l.type().properties()) {
            if (!p.isChild()) continue;
            TableLayout cl = db.layout(p.target());
            for (Lookups.ChildRow child : Lookups.childRows(c, ds, cl, l.tableId(), key, p.name())) {
                deleteWithDependents(c, ds, cl, child.key(), w, removed, path);
            }
        }
        // the owners of links to it are touched: their tables are recorded, so the link rows going here are accounted for
        versions.touchLinkedResources(c, ds, l, key, w);
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM sd_links WHERE ds = ? AND ((owner_tbl = ? AND owner_key = ?) OR (target_tbl = ? AND target_key = ?))")) {
            ps.setString(1, ds);
            ps.setString(2, l.tableId());
            ps.setString(3, key);
            ps.setString(4, l.tableId());
            ps.setString(5, key);
            w.changed(l, ps.executeUpdate());
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
            ins.setObject(4, OffsetDateTime.ofInstant(w.at(), ZoneOffset.UTC));
            ins.executeUpdate();
        }
    }

    /** A resource created again is no longer gone. */
    static void clearTombstone(Connection c, String ds, TableLayout l, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sd_tombstones WHERE ds = ? AND tbl = ? AND k = ?")) {
            ps.setString(1, ds);
            ps.setString(2, l.tableId());
            ps.setString(3, key);
            ps.executeUpdate();
        }
    }
}
