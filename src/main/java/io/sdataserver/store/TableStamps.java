package io.sdataserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One counter per dataset and resource table ({@code sd_table_stamps}), moved on by every transaction that changed
 * rows of that table in that dataset, inside that transaction, in the database so that every server process sees
 * it. Writers of different tables lock different rows, so they never wait for each other here.
 *
 * <p>A feed's validator is the sum of the counters of the tables its representation and its query can read (see
 * {@link Database#reads}), read in one statement: counters only grow, so two reads of the same tables give the same
 * sum exactly when none of them moved in between. A snapshot that reads the sum sees exactly the writes that moved it.
 */
final class TableStamps {
    /** One counter: the rows of table {@code table} in dataset {@code ds}. Sorted by dataset, then table. */
    record Stamp(String ds, String table) implements Comparable<Stamp> {
        @Override public int compareTo(Stamp o) {
            int c = ds.compareTo(o.ds);
            return c != 0 ? c : table.compareTo(o.table);
        }
    }

    private final Dialect dialect;

    TableStamps(Dialect dialect) { this.dialect = dialect; }

    /** The sum of the counters of these tables in the dataset (a table without a counter row counts 0). */
    long sum(Connection c, String ds, List<String> tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(v), 0) FROM sd_table_stamps WHERE ds = ? AND tbl IN ("
                + String.join(", ", Collections.nCopies(tables.size(), "?")) + ")")) {
            ps.setString(1, ds);
            int i = 2;
            for (String t : tables) ps.setString(i++, t);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Moves the counters on, one statement each in the order given (sorted: every writer locks counters in the same
     * order, so writers never deadlock on them), sent together. The rows exist (see {@link #ensure}), so this never
     * inserts inside a write.
     */
    void bump(Connection c, Collection<Stamp> stamps) throws SQLException {
        StatementChain chain = new StatementChain(dialect);
        for (Stamp s : stamps) {
            chain.update("UPDATE sd_table_stamps SET v = v + 1 WHERE ds = ? AND tbl = ?", StatementChain.strings(s.ds(), s.table()),
                    n -> {
                        if (n != 1) throw new SQLException("table " + s.table() + " has no stamp row in dataset " + s.ds());
                    });
        }
        chain.run(c);
    }

    /**
     * Creates the missing counter rows of a dataset's tables, on a connection in autocommit mode, outside any write:
     * another process may create some of them at the same time, and that is no fault.
     */
    void ensure(Connection c, String ds, Collection<String> tables) throws SQLException {
        List<String> missing = new java.util.ArrayList<>(tables);
        missing.removeAll(existing(c, ds));
        if (missing.isEmpty()) return;
        try {
            insert(c, ds, missing); // all in one statement: the usual case, a new database or a new contract
            return;
        } catch (SQLException raced) {
            // another process created some of them meanwhile: one at a time, each may already be there
        }
        for (String t : missing) {
            try {
                insert(c, ds, List.of(t));
            } catch (SQLException raced) {
                if (!existing(c, ds).contains(t)) throw raced;
            }
        }
    }

    private static void insert(Connection c, String ds, List<String> tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sd_table_stamps (ds, tbl, v) VALUES "
                + String.join(", ", Collections.nCopies(tables.size(), "(?, ?, 0)")))) {
            int i = 1;
            for (String t : tables) {
                ps.setString(i++, ds);
                ps.setString(i++, t);
            }
            ps.executeUpdate();
        }
    }

    private static Set<String> existing(Connection c, String ds) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tbl FROM sd_table_stamps WHERE ds = ?")) {
            ps.setString(1, ds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
