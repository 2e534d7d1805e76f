package io.sdataserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The rows of sd_batch_jobs: asynchronous batches by trackingID, their progress and, once done, their answer. */
public final class BatchJobs {
    /** A job as stored: its entries' statuses so far, and its answer once done. */
    public record Job(String trackingId, int total, int done, List<Integer> statuses, String state, Instant created,
                      Instant heartbeat, String result, String resultType, List<String> methods) {
        public boolean finished() { return "done".equals(state); }
    }

    private final Database db;

    public BatchJobs(Database db) { this.db = db; }

    /** Records a new job; false when the trackingID already has one (it is never started twice). */
    public boolean start(String ds, String trackingId, List<String> methods, Instant now) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO sd_batch_jobs (ds, tracking_id, total, done, statuses, state,"
                     + " created, heartbeat, methods) VALUES (?, ?, ?, 0, '', 'running', ?, ?, ?)")) {
            c.setAutoCommit(true);
            ps.setString(1, ds);
            ps.setString(2, trackingId);
            ps.setInt(3, methods.size());
            ps.setObject(4, at(now));
            ps.setObject(5, at(now));
            ps.setString(6, String.join(",", methods));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return false;
            throw StoreFailures.translate(e);
        }
    }

    /** Counts entries as run, in the transaction that applies them (so the count is true after a crash too). */
    public void progress(UnitOfWork uow, String ds, String trackingId, List<Integer> statuses, Instant now) {
        uow.run(c -> {
            Job j = read(c, ds, trackingId);
            if (j == null) return null; // discarded meanwhile
            List<Integer> all = new ArrayList<>(j.statuses());
            all.addAll(statuses);
            try (PreparedStatement ps = c.prepareStatement("UPDATE sd_batch_jobs SET done = ?, statuses = ?, heartbeat = ?"
                    + " WHERE ds = ? AND tracking_id = ?")) {
                ps.setInt(1, all.size());
                ps.setString(2, join(all));
                ps.setObject(3, at(now));
                ps.setString(4, ds);
                ps.setString(5, trackingId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The job's answer, once every entry ran. */
    public void finish(String ds, String trackingId, String result, String resultType, Instant now) {
        autocommit("UPDATE sd_batch_jobs SET state = 'done', result = ?, result_type = ?, heartbeat = ? WHERE ds = ? AND tracking_id = ?",
                result, resultType, at(now), ds, trackingId);
    }

    /** The process running the job is alive: polls by other processes tell a running job from an interrupted one. */
    public void heartbeat(String ds, String trackingId, Instant now) {
        autocommit("UPDATE sd_batch_jobs SET heartbeat = ? WHERE ds = ? AND tracking_id = ? AND state = 'running'",
                at(now), ds, trackingId);
    }

    public Job read(String ds, String trackingId) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            return read(c, ds, trackingId);
        } catch (SQLException e) {
            throw StoreFailures.translate(e);
        }
    }

    /** The consumer is done with the job (§13.5); false when there was none. */
    public boolean discard(String ds, String trackingId) {
        return autocommit("DELETE FROM sd_batch_jobs WHERE ds = ? AND tracking_id = ?", ds, trackingId) > 0;
    }

    private static Job read(Connection c, String ds, String trackingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT total, done, statuses, state, created, heartbeat, result, methods, result_type"
                + " FROM sd_batch_jobs WHERE ds = ? AND tracking_id = ?")) {
            ps.setString(1, ds);
            ps.setString(2, trackingId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                List<Integer> statuses = new ArrayList<>();
                for (String s : rs.getString(3).split(",")) if (!s.isEmpty()) statuses.add(Integer.valueOf(s));
                return new Job(trackingId, rs.getInt(1), rs.getInt(2), statuses, rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getString(7), rs.getString(9), List.of(rs.getString(8).split(",")));
            }
        }
    }

    private int autocommit(String sql, Object... params) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreFailures.translate(e);
        }
    }

    private static String join(List<Integer> statuses) {
        StringBuilder b = new StringBuilder();
        for (Integer s : statuses) b.append(b.length() == 0 ? "" : ",").append(s);
        return b.toString();
    }

    private static OffsetDateTime at(Instant t) { return OffsetDateTime.ofInstant(t, ZoneOffset.UTC); }
}
