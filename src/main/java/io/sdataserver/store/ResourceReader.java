package io.sdataserver.store;

import io.sdataserver.contract.Property;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.ResourceState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads resources as trees: the row, its parent link, its children (recursively) and its link lists. */
final class ResourceReader {
    private final Database db;

    ResourceReader(Database db) { this.db = db; }

    /** The resource with its children and links, or null. */
    ResourceState readTree(Connection c, String ds, TableLayout l, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.selectList(l) + " FROM " + l.table()
                + " WHERE ds = ? AND k = ?")) {
            ps.setString(1, ds);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                ResourceState s = Rows.map(l, rs);
                addParentLink(l, s, Rows.parentTable(rs), Rows.parentKey(rs));
                loadRelations(c, ds, l, List.of(s));
                return s;
            }
        }
    }

    /** The resource with this sdata:uuid, or null. */
    ResourceState readByUuid(Connection c, String ds, TableLayout l, String uuid) throws SQLException {
        String key = Lookups.keyOfUuid(c, ds, l, uuid);
        return key == null ? null : readTree(c, ds, l, key);
    }

    void addParentLink(TableLayout l, ResourceState s, String parentTbl, String parentKey) {
        if (parentTbl == null) return;
        for (Property p : l.type().properties()) {
            if (p.isParent() && p.target() != null && db.layout(p.target()).tableId().equals(parentTbl)) {
                s.links().put(p.name(), new LinkTarget(parentKey, null));
            }
        }
    }

    /**
     * Fills the children and link lists of several resources of one type at once: one query per relationship for
     * the whole batch (not per resource), then the children's own relationships the same way.
     */
    void loadRelations(Connection c, String ds, TableLayout l, List<ResourceState> owners) throws SQLException {
        if (owners.isEmpty()) return;
        Map<String, ResourceState> byKey = new HashMap<>();
        for (ResourceState s : owners) byKey.put(s.key(), s);
        String in = String.join(", ", Collections.nCopies(byKey.size(), "?"));
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
}
