package io.sdataserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One counter per dataset, moved on after every committed write, in the database so that every server process
 * sees it. It validates cached counts and feed ETags: a value read before a query covers every write whose
 * stamp moved earlier, because a write commits before it moves the stamp and the response goes out after both.
 */
final class DatasetStamps {
    private static final Logger LOG = Logger.getLogger(DatasetStamps.class.getName());
    private final Database db;

    DatasetStamps(Database db) { this.db = db; }

    long read(Connection c, String ds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM sd_stamps WHERE ds = ?")) {
            ps.setString(1, ds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves the dataset's stamp on, in a short transaction of its own after the write committed. */
    void bump(String ds) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("UPDATE sd_stamps SET v = v + 1 WHERE ds = ?")) {
                ps.setString(1, ds);
                if (ps.executeUpdate() > 0) return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sd_stamps (ds, v) VALUES (?, 1)")) {
                ps.setString(1, ds);
                ps.executeUpdate();
            } catch (SQLException raced) {
                // another process inserted the row first: move it on instead
                try (PreparedStatement ps = c.prepareStatement("UPDATE sd_stamps SET v = v + 1 WHERE ds = ?")) {
                    ps.setString(1, ds);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            // The write has committed: failing its answer now would invite a retry of a write that happened.
            // Cached counts and feed ETags catch up with the next write that moves the stamp.
            LOG.log(Level.WARNING, "dataset " + ds + ": the change stamp could not be moved on", e);
        }
    }
}
