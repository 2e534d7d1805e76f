package io.sdataserver.store;

import io.sdataserver.contract.Property;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

/**
 * New ETags for every resource whose representation a write changed (CONC-4): the resource, its ancestors (a
 * child's change is its parent's), and resources that gain or lose a link with it.
 */
final class VersionBumper {
    private final Database db;
    private final SecureRandom random = new SecureRandom();

    VersionBumper(Database db) { this.db = db; }

    /** 16 random bytes in URL-safe base64: no '/', so an ETag never begins with "W/" and is never taken for a weak one. */
    String newEtag() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().encodeToString(b);
    }

    void touch(Connection c, String ds, TableLayout l, String key, Write w) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + l.table()
                + " SET etag = ?, ver = ver + 1, updated = ? WHERE ds = ? AND k = ?")) {
            ps.setString(1, newEtag());
            ps.setObject(2, OffsetDateTime.ofInstant(w.at(), ZoneOffset.UTC));
            ps.setString(3, ds);
            ps.setString(4, key);
            w.changed(l, ps.executeUpdate());
        }
    }

    /** A child's change is a change of its parent: the parent's etag moves too, up to the root. */
    void touchAncestors(Connection c, String ds, TableLayout l, String key, Write w) throws SQLException {
        Lookups.RowRef parent = parentOf(c, ds, l, key);
        int guard = 0;
        while (parent != null && guard++ < 32) {
            TableLayout pl = db.layoutByTable(parent.table());
            if (pl == null) return;
            touch(c, ds, pl, parent.key(), w);
            parent = parentOf(c, ds, pl, parent.key());
        }
    }

    /** The row's parent; rows of a type no relationship holds as children have none, and no query is made for them. */
    Lookups.RowRef parentOf(Connection c, String ds, TableLayout l, String key) throws SQLException {
        return db.canHaveParent(l.type()) ? Lookups.parentOf(c, ds, l, key) : null;
    }

    void touchWithAncestors(Connection c, String ds, TableLayout l, String key, Write w) throws SQLException {
        touch(c, ds, l, key, w);
        touchAncestors(c, ds, l, key, w);
    }

    /**
     * Before a resource's link rows go: the resources whose representation loses a link with it get a new ETag.
     * Those are the owners of lists pointing at it, and the targets of its own mirrored lists.
     */
    void touchLinkedResources(Connection c, String ds, TableLayout l, String key, Write w) throws SQLException {
        List<Lookups.RowRef> owners = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT owner_tbl, owner_key FROM sd_links"
                + " WHERE ds = ? AND target_tbl = ? AND target_key = ? ORDER BY owner_tbl, owner_key")) {
            ps.setString(1, ds);
            ps.setString(2, l.tableId());
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) owners.add(new Lookups.RowRef(rs.getString(1), rs.getString(2)));
            }
        }
        for (Lookups.RowRef o : owners) {
            TableLayout ol = db.layoutByTable(o.table());
            if (ol != null) touchWithAncestors(c, ds, ol, o.key(), w);
        }
        for (Property p : l.type().properties()) {
            if (!db.isMirrored(p)) continue;
            TableLayout tl = db.layout(p.target());
            // in key order: concurrent writes lock alike
            for (String k : new TreeSet<>(Lookups.linkTargets(c, ds, l, key, p))) touchWithAncestors(c, ds, tl, k, w);
        }
    }
}
