package io.sdataserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The rows of sd_post_tracking: which trackingID created which resource (reliable posting, §8.4). */
final class PostTrackings {
    private PostTrackings() { }

    /** Written in the transaction that creates the resource: both commit or neither does. */
    static void insert(Connection c, String ds, String trackingId, String kind, String key, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sd_post_tracking (ds, tracking_id, kind, k, created, discarded)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, ds);
            ps.setString(2, trackingId);
            ps.setString(3, kind);
            ps.setString(4, key);
            ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setBoolean(6, false);
            ps.executeUpdate();
        }
    }

    static TrackedPost read(Connection c, String ds, String trackingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, k, created, discarded FROM sd_post_tracking"
                + " WHERE ds = ? AND tracking_id = ?")) {
            ps.setString(1, ds);
            ps.setString(2, trackingId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new TrackedPost(trackingId, rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getBoolean(4));
            }
        }
    }

    /** The consumer is done with it; the row stays, so the same trackingID still never creates twice. */
    static boolean discard(Connection c, String ds, String trackingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sd_post_tracking SET discarded = ? WHERE ds = ? AND tracking_id = ?"
                + " AND discarded = ?")) {
            ps.setBoolean(1, true);
            ps.setString(2, ds);
            ps.setString(3, trackingId);
            ps.setBoolean(4, false);
            return ps.executeUpdate() > 0;
        }
    }
}
