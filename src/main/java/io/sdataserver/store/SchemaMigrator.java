package io.sdataserver.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Creates the table of each entity type and adds the columns a newer contract brings. Columns are never dropped:
 * a property removed from a contract keeps its data. Runs in one transaction under a lock on PostgreSQL, so
 * several server processes may start together on one database.
 */
final class SchemaMigrator {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SchemaMigrator.class.getName());
    private final Database db;

    SchemaMigrator(Database db) { this.db = db; }

    void migrate(Collection<TableLayout> layouts) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                String lock = db.dialect().schemaLock();
                if (lock != null) st.execute(lock);
                for (TableLayout l : layouts) migrate(c, st, l);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void migrate(Connection c, Statement st, TableLayout l) throws SQLException {
        String t = l.table();
        String base = l.tableId();
        Set<String> existing = existingColumns(c, base);
        String system = "ds VARCHAR(100) NOT NULL, k VARCHAR(200)" + db.dialect().binaryCollation() + " NOT NULL, uuid VARCHAR(36), "
                + "etag VARCHAR(40) NOT NULL, ver BIGINT NOT NULL, updated TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "parent_tbl VARCHAR(64), parent_key VARCHAR(200), parent_prop VARCHAR(200), pos INTEGER, "
                + "published TIMESTAMP WITH TIME ZONE, updated_by VARCHAR(200), uuid_lc " + db.dialect().lowerCopy("uuid", "VARCHAR(36)");
        if (existing.isEmpty()) {
            // a new table gets every column at once: on H2 each ADD COLUMN rebuilds the table, which made a first
            // start on Sage's crmErp contract take 10 s
            StringBuilder columns = new StringBuilder(system);
            for (TableLayout.Column col : l.columns()) columns.append(", ").append(col.name()).append(' ').append(col.sqlType());
            st.execute("CREATE TABLE IF NOT EXISTS " + t + " (" + columns + ", PRIMARY KEY (ds, k))");
            existing = existingColumns(c, base);
        } else {
            // tables made before atom:published was kept gain the column; their rows fall back to updated
            st.execute("ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS published TIMESTAMP WITH TIME ZONE");
            // who wrote a row last (the audit); rows from before it have none
            st.execute("ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS updated_by VARCHAR(200)");
            // uuids are looked up whatever their letter case: a lower-cased copy the database computes, indexed
            st.execute("ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS uuid_lc " + db.dialect().lowerCopy("uuid", "VARCHAR(36)"));
        }
        uuidIndex(c, st, t, base);
        // children are found through their parent; a type no relationship holds as a child has no parent in any row,
        // and an index of nulls would only be one more to maintain on every insert and update (H2 rewrites every
        // index of a row it updates). A later contract that makes it a child gets the index at that start.
        String parentIndex = Names.quote(Names.identifier(base + "_parent"));
        if (db.canHaveParent(l.type())) {
            st.execute("CREATE INDEX IF NOT EXISTS " + parentIndex + " ON " + t + " (ds, parent_tbl, parent_key, parent_prop)");
        } else {
            st.execute("DROP INDEX IF EXISTS " + parentIndex);
        }
        st.execute("CREATE SEQUENCE IF NOT EXISTS " + l.sequence());
        String cache = db.dialect().sequenceCache(l.sequence());
        if (cache != null) st.execute(cache);
        for (TableLayout.Column col : l.columns()) {
            String bare = col.name().substring(1, col.name().length() - 1);
            if (!existing.contains(bare)) {
                st.execute("ALTER TABLE " + t + " ADD COLUMN " + col.name() + " " + col.sqlType());
            }
            // properties the contract marks filterable or sortable get an index that also serves the key tiebreaker
            if ("V".equals(col.kind()) && col.property().isIndexed() && !col.property().isUniqueKey()) {
                st.execute("CREATE INDEX IF NOT EXISTS " + Names.quote(Names.identifier(base + "_" + bare + "_ix"))
                        + " ON " + t + " (ds, " + col.name() + ", k)");
            }
            // a reference's key is looked up when its target is deleted (is it still referenced?) and when a
            // member path follows it; without an index each such lookup would read the whole table
            if ("LK".equals(col.kind())) {
                st.execute("CREATE INDEX IF NOT EXISTS " + Names.quote(Names.identifier(base + "_" + bare + "_ix"))
                        + " ON " + t + " (ds, " + col.name() + ")");
            }
            // sme:isUniqueKey is enforced by the database: a duplicate is a 409 whichever process writes it (CRE-6)
            if ("V".equals(col.kind()) && col.property().isUniqueKey()) {
                st.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + Names.quote(Names.identifier(base + "_" + bare + "_uq"))
                        + " ON " + t + " (ds, " + col.name() + ")");
            }
        }
    }

    /**
     * One unique index on the lower-cased uuid: every lookup goes through it, and it makes the uniqueness the
     * lookups assume (case-insensitive) the database's own. Tables from before it had two indexes, a unique one on
     * the uuid as sent and a plain one on the copy; both go once the new one stands (one index less to maintain on
     * each write: an H2 update batch 17 % faster). Rows whose uuids differ only in letter case, written before
     * the create path checked case-insensitively, keep the old indexes and a warning, so nothing is refused at start.
     */
    private void uuidIndex(Connection c, Statement st, String t, String base) throws SQLException {
        String unique = Names.quote(Names.identifier(base + "_uuid_lc_uq"));
        java.sql.Savepoint before = db.dialect() == Dialect.POSTGRESQL ? c.setSavepoint() : null; // PG: a failed DDL aborts the transaction
        try {
            st.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + unique + " ON " + t + " (ds, uuid_lc)");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw e;
            if (before != null) c.rollback(before);
            LOG.warning(t + " has sdata:uuid values that differ only in letter case; it keeps its two uuid indexes until they are made distinct");
            st.execute("CREATE UNIQUE INDEX IF NOT EXISTS " + Names.quote(Names.identifier(base + "_uuid")) + " ON " + t + " (ds, uuid)");
            st.execute("CREATE INDEX IF NOT EXISTS " + Names.quote(Names.identifier(base + "_uuid_lc")) + " ON " + t + " (ds, uuid_lc)");
            return;
        }
        st.execute("DROP INDEX IF EXISTS " + Names.quote(Names.identifier(base + "_uuid")));
        st.execute("DROP INDEX IF EXISTS " + Names.quote(Names.identifier(base + "_uuid_lc")));
    }

    private static Set<String> existingColumns(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getColumns(null, null, table, null)) {
            while (rs.next()) names.add(rs.getString("COLUMN_NAME"));
        }
        return names;
    }
}
