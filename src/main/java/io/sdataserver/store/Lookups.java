package io.sdataserver.store;

import io.sdataserver.contract.Property;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Finding rows: by key or uuid, a row's parent, a parent's children, link targets, tombstones, the next free key. */
final class Lookups {
    /**
     * A uuid is kept as the consumer wrote it (the spec's examples echo it verbatim) but found whatever the letter
     * case (RFC 4122: case-insensitive on input), through the lower-cased column the database keeps beside it.
     */
    static final String UUID_MATCH = "uuid_lc = ?";

    /** A child row under its parent: its key and uuid. */
    record ChildRow(String key, String uuid) { }

    /** A row named by its table id and key (a parent, an owner of links). */
    record RowRef(String table, String key) { }

    private Lookups() { }

    static String uuidKey(String uuid) { return uuid == null ? null : uuid.trim().toLowerCase(Locale.ROOT); }

    static boolean exists(Connection c, String ds, TableLayout l, String key) throws SQLException {
        return anyRow(c, "SELECT 1 FROM " + l.table() + " WHERE ds = ? AND k = ?", ds, key);
    }

    static boolean uuidTaken(Connection c, String ds, TableLayout l, String uuid) throws SQLException {
        return anyRow(c, "SELECT 1 FROM " + l.table() + " WHERE ds = ? AND " + UUID_MATCH, ds, uuidKey(uuid));
    }

    static boolean tombstoned(Connection c, String ds, TableLayout l, String key) throws SQLException {
        return anyRow(c, "SELECT 1 FROM sd_tombstones WHERE ds = ? AND tbl = ? AND k = ?", ds, l.tableId(), key);
    }

    /** The key of the row with this uuid, or null. */
    static String keyOfUuid(Connection c, String ds, TableLayout l, String uuid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT k FROM " + l.table() + " WHERE ds = ? AND " + UUID_MATCH)) {
            ps.setString(1, ds);
            ps.setString(2, uuidKey(uuid));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static RowRef parentOf(Connection c, String ds, TableLayout l, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT parent_tbl, parent_key FROM " + l.table()
                + " WHERE ds = ? AND k = ?")) {
            ps.setString(1, ds);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? new RowRef(rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    /** The children of one parent under one relationship, in their order. */
    static List<ChildRow> childRows(Connection c, String ds, TableLayout cl, String parentTbl, String parentKey, String prop)
            throws SQLException {
        List<ChildRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k, uuid FROM " + cl.table()
                + " WHERE ds = ? AND parent_tbl = ? AND parent_key = ? AND parent_prop = ? ORDER BY pos, k")) {
            ps.setString(1, ds);
            ps.setString(2, parentTbl);
            ps.setString(3, parentKey);
            ps.setString(4, prop);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new ChildRow(rs.getString(1), rs.getString(2)));
            }
        }
        return rows;
    }

    /** The keys a link list of one owner points at. */
    static List<String> linkTargets(Connection c, String ds, TableLayout owner, String key, Property p) throws SQLException {
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

    static void bindOwner(PreparedStatement ps, String ds, TableLayout owner, String key, Property p) throws SQLException {
        ps.setString(1, ds);
        ps.setString(2, owner.tableId());
        ps.setString(3, key);
        ps.setString(4, p.name());
    }

    private static boolean anyRow(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
