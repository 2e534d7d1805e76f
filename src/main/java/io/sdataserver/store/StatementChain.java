package io.sdataserver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Statements whose parameters are all known before the first runs, sent together: on PostgreSQL in one round trip
 * (several statements in one prepared statement share a single sync), on H2, which runs in-process, one after
 * another. Each later statement sees what the earlier ones wrote, as in a sequence of calls; a failing one fails
 * the chain as a failing call would. This is how a write and the re-read of what it wrote cost one round trip.
 */
final class StatementChain {
    /** Binds a statement's parameters from index {@code from}; returns the next free index. */
    interface Binder { int bind(PreparedStatement ps, int from) throws SQLException; }

    interface RowsReader { void read(ResultSet rs) throws SQLException; }

    interface CountReader { void read(int count) throws SQLException; }

    private record Step(StatementChain chain, String sql, Binder binder, RowsReader rows, CountReader count) {
        /** Tells the step's reader how many rows it changed, and its chain too. */
        void counted(int n) throws SQLException {
            chain.changed += n;
            count.read(n);
        }
    }

    private final Dialect dialect;
    private final List<Step> steps = new ArrayList<>();
    /** Rows its statements changed, once it has run. */
    private int changed;

    StatementChain(Dialect dialect) { this.dialect = dialect; }

    StatementChain query(String sql, Binder binder, RowsReader rows) {
        steps.add(new Step(this, sql, binder, rows, null));
        return this;
    }

    StatementChain update(String sql, Binder binder, CountReader count) {
        steps.add(new Step(this, sql, binder, null, count));
        return this;
    }

    void run(Connection c) throws SQLException {
        Wave.Slot wave = Wave.current();
        if (wave != null) {
            wave.chain(this); // sent with the other operations' chains; the readers have been told when this returns
            return;
        }
        runTogether(c, dialect, List.of(this));
    }

    /** Runs chains one after another, on PostgreSQL all in one round trip. */
    static void runTogether(Connection c, Dialect dialect, List<StatementChain> chains) throws SQLException {
        List<Step> steps = chains.size() == 1 ? chains.get(0).steps : new ArrayList<>();
        if (chains.size() > 1) for (StatementChain chain : chains) steps.addAll(chain.steps);
        if (dialect != Dialect.POSTGRESQL || steps.size() == 1) {
            for (Step s : steps) {
                try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                    s.binder().bind(ps, 1);
                    if (s.rows() != null) {
                        try (ResultSet rs = ps.executeQuery()) {
                            s.rows().read(rs);
                        }
                    } else {
                        s.counted(ps.executeUpdate());
                    }
                }
            }
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (Step s : steps) sql.append(sql.length() == 0 ? "" : "; ").append(s.sql());
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int next = 1;
            for (Step s : steps) next = s.binder().bind(ps, next);
            ps.execute();
            for (Step s : steps) {
                if (s.rows() != null) {
                    try (ResultSet rs = ps.getResultSet()) {
                        s.rows().read(rs);
                    }
                } else {
                    s.counted(ps.getUpdateCount());
                }
                ps.getMoreResults();
            }
        }
    }

    /** Whether its statements changed any row. */
    boolean changedRows() { return changed > 0; }

    /** Binds strings in order. */
    static Binder strings(String... values) {
        return (ps, from) -> {
            for (String v : values) ps.setString(from++, v);
            return from;
        };
    }
}
