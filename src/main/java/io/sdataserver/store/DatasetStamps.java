package io.sdataserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One counter per dataset, moved on by every transaction that changed the dataset, inside that transaction, in the
 * database so that every server process sees it. It validates cached counts and feed ETags: a snapshot that reads
 * the stamp sees exactly the writes that moved it.
 */
final class DatasetStamps {
    long read(Connection c, String ds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM sd_stamps WHERE ds = ?")) {
            ps.setString(1, ds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves the stamp on; the row exists (see {@link #ensure}), so this never inserts inside a write. */
    void bump(Connection c, String ds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sd_stamps SET v = v + 1 WHERE ds = ?")) {
            ps.setString(1, ds);
            if (ps.executeUpdate() > 0) return;
        }
        throw new SQLException("dataset " + ds + " has no stamp row");
    }

    /** Creates the stamp row of a dataset if it has none (autocommit: another process may create it at once). */
    void ensure(Connection c, String ds) throws SQLException {
        if (exists(c, ds)) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sd_stamps (ds, v) VALUES (?, 0)")) {
            ps.setString(1, ds);
            ps.executeUpdate();
        } catch (SQLException raced) {
            if (!exists(c, ds)) throw raced;
        }
    }

    private static boolean exists(Connection c, String ds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sd_stamps WHERE ds = ?")) {
            ps.setString(1, ds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
