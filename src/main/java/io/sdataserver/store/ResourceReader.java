package io.sdataserver.store;

import io.sdataserver.contract.Property;
import io.sdataserver.payload.LinkTarget;
import io.sdataserver.payload.ResourceState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads resources as trees: the row, its parent link, its children (recursively) and its link lists. */
final class ResourceReader {
    private final Database db;

    ResourceReader(Database db) { this.db = db; }

    /** The resource with its children and links, or null. */
    ResourceState readTree(Connection c, String ds, TableLayout l, String key) throws SQLException {
        StatementChain chain = new StatementChain(db.dialect());
        Tree tree = queueTree(chain, ds, l, key);
        chain.run(c);
        return tree.finish(c);
    }

    /** A tree read queued on a chain: its row and direct relations come with the chain, deeper levels in {@link #finish}. */
    final class Tree {
        private final String ds;
        private final Map<String, ResourceState> byKey = new HashMap<>();
        private final Map<TableLayout, List<ResourceState>> children = new LinkedHashMap<>();
        private ResourceState state;

        private Tree(String ds) { this.ds = ds; }

        /** The resource, or null when there is no row; valid once the chain ran. */
        ResourceState finish(Connection c) throws SQLException {
            if (state == null) return null;
            for (Map.Entry<TableLayout, List<ResourceState>> e : children.entrySet()) loadRelations(c, ds, e.getKey(), e.getValue());
            return state;
        }
    }

    /** Queues the read of one resource's row and its direct children and link lists, so they share a round trip. */
    Tree queueTree(StatementChain chain, String ds, TableLayout l, String key) {
        Tree tree = queueRow(chain, ds, l, key, false);
        queueRelations(chain, ds, l, List.of(key), tree.byKey, tree.children);
        return tree;
    }

    /**
     * Queues the read of a resource just created with no children or link lists in its payload: only its row is read.
     * Nothing else can point at it as its parent or owner yet (deleting a resource deletes its children and the link
     * rows on both sides, and a link must name a target that exists), so its child and link lists are empty.
     */
    Tree queueCreated(StatementChain chain, String ds, TableLayout l, String key) {
        return queueRow(chain, ds, l, key, true);
    }

    private Tree queueRow(StatementChain chain, String ds, TableLayout l, String key, boolean noRelations) {
        Tree tree = new Tree(ds);
        chain.queryRow(l.table(), ds, key, "SELECT " + Rows.selectList(l) + " FROM " + l.table() + " WHERE ds = ? AND k = ?",
                StatementChain.strings(ds, key), rs -> {
                    if (!rs.next()) return;
                    ResourceState s = Rows.map(l, rs);
                    addParentLink(l, s, Rows.parentTable(rs), Rows.parentKey(rs));
                    if (noRelations) {
                        for (Property p : l.type().properties()) {
                            if (p.isChild()) s.children().put(p.name(), new ArrayList<>());
                            else if (p.isLinkList()) s.linkLists().put(p.name(), new ArrayList<>());
                        }
                    }
                    tree.state = s;
                    tree.byKey.put(key, s);
                });
        return tree;
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
     * all of them (not per resource), all sent together, then the children's own relationships the same way.
     */
    void loadRelations(Connection c, String ds, TableLayout l, List<ResourceState> owners) throws SQLException {
        if (owners.isEmpty()) return;
        Map<String, ResourceState> byKey = new HashMap<>();
        for (ResourceState s : owners) byKey.put(s.key(), s);
        StatementChain chain = new StatementChain(db.dialect());
        Map<TableLayout, List<ResourceState>> children = new LinkedHashMap<>();
        queueRelations(chain, ds, l, new ArrayList<>(byKey.keySet()), byKey, children);
        chain.run(c);
        for (Map.Entry<TableLayout, List<ResourceState>> e : children.entrySet()) loadRelations(c, ds, e.getKey(), e.getValue());
    }

    /**
     * Queues the queries for the children and link lists of the owners with these keys. The owners are looked up in
     * {@code byKey} as the rows are read (a row queued before on the same chain is there by then); the children
     * found are collected by type in {@code children}, for the next level.
     */
    private void queueRelations(StatementChain chain, String ds, TableLayout l, List<String> keys, Map<String, ResourceState> byKey,
                                Map<TableLayout, List<ResourceState>> children) {
        String in = String.join(", ", Collections.nCopies(keys.size(), "?"));
        for (Property p : l.type().properties()) {
            if (p.isChild()) {
                TableLayout cl = db.layout(p.target());
                chain.queryOwned(cl.table(), "SELECT " + Rows.selectList(cl) + " FROM " + cl.table()
                        + " WHERE ds = ? AND parent_tbl = ? AND parent_prop = ? AND parent_key IN (" + in + ")"
                        + " ORDER BY parent_key, pos, k", (ps, from) -> bindBatch(ps, from, ds, l, p, keys), rs -> {
                            for (ResourceState s : byKey.values()) s.children().put(p.name(), new ArrayList<>());
                            while (rs.next()) {
                                ResourceState child = Rows.map(cl, rs);
                                String parentKey = Rows.parentKey(rs);
                                ResourceState owner = byKey.get(parentKey);
                                if (owner == null) continue;
                                addParentLink(cl, child, l.tableId(), parentKey);
                                owner.children().get(p.name()).add(child);
                                children.computeIfAbsent(cl, x -> new ArrayList<>()).add(child);
                            }
                        });
            } else if (p.isLinkList()) {
                Property source = db.mirrorSource(p);
                String sql = source == null
                        ? "SELECT owner_key, target_key, target_uuid FROM sd_links WHERE ds = ? AND owner_tbl = ? AND prop = ?"
                                + " AND owner_key IN (" + in + ") ORDER BY owner_key, pos"
                        // the read-only direction of a bidirectional association: the other direction's links, reversed
                        : "SELECT s.target_key, s.owner_key, o.uuid FROM sd_links s JOIN " + db.layout(p.target()).table()
                                + " o ON o.ds = s.ds AND o.k = s.owner_key WHERE s.ds = ? AND s.target_tbl = ? AND s.prop = ?"
                                + " AND s.target_key IN (" + in + ") AND s.owner_tbl = ? ORDER BY s.target_key, s.owner_key"
                                + db.dialect().binaryCollation();
                StatementChain.Binder binder = (ps, from) -> {
                    int next = bindBatch(ps, from, ds, l, source == null ? p : source, keys);
                    if (source != null) ps.setString(next++, db.layout(p.target()).tableId());
                    return next;
                };
                StatementChain.RowsReader reader = rs -> {
                    for (ResourceState s : byKey.values()) s.linkLists().put(p.name(), new ArrayList<>());
                    while (rs.next()) {
                        ResourceState owner = byKey.get(rs.getString(1));
                        if (owner != null) owner.linkLists().get(p.name()).add(new LinkTarget(rs.getString(2), rs.getString(3)));
                    }
                };
                // the mirror direction joins the owners' table, which a merged chain may be writing
                if (source == null) chain.queryOwned("sd_links", sql, binder, reader);
                else chain.query(sql, binder, reader);
            }
        }
    }

    /** dataset, owner table, property, then the owners' keys: the parameters of both relation queries. */
    private static int bindBatch(PreparedStatement ps, int from, String ds, TableLayout l, Property p, List<String> keys)
            throws SQLException {
        int i = from;
        ps.setString(i++, ds);
        ps.setString(i++, l.tableId());
        ps.setString(i++, p.name());
        for (String k : keys) ps.setString(i++, k);
        return i;
    }
}
