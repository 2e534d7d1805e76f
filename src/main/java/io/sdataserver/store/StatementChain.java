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

    /**
     * The rows a step reads or writes, for {@link ChainMerge}: those of {@code table} with this key, or, when
     * {@code key} is null, those found through their owner's key (a child list, a link list). A step without one is
     * never merged.
     */
    record Touch(String table, String ds, String key, boolean writes) { }

    record Step(StatementChain chain, String sql, Binder binder, RowsReader rows, CountReader count, Touch touch) {
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
        steps.add(new Step(this, sql, binder, rows, null, null));
        return this;
    }

    StatementChain update(String sql, Binder binder, CountReader count) {
        steps.add(new Step(this, sql, binder, null, count, null));
        return this;
    }

    /** A query of one row of {@code table}, by its key. */
    StatementChain queryRow(String table, String ds, String key, String sql, Binder binder, RowsReader rows) {
        steps.add(new Step(this, sql, binder, rows, null, new Touch(table, ds, key, false)));
        return this;
    }

    /** A query of rows of {@code table} found through their owners' keys (children, links). */
    StatementChain queryOwned(String table, String sql, Binder binder, RowsReader rows) {
        steps.add(new Step(this, sql, binder, rows, null, new Touch(table, null, null, false)));
        return this;
    }

    /** An INSERT or UPDATE of one row of {@code table}, by its key, and of nothing else. */
    StatementChain writeRow(String table, String ds, String key, String sql, Binder binder, CountReader count) {
        steps.add(new Step(this, sql, binder, null, count, new Touch(table, ds, key, true)));
        return this;
    }

    List<Step> steps() { return steps; }

    void run(Connection c) throws SQLException {
        // nothing to send (children without relations of their own): in a wave, a second chain would give it up
        if (steps.isEmpty()) return;
        Wave.Slot wave = Wave.current();
        if (wave != null) {
            wave.chain(this); // sent with the other operations' chains; the readers have been told when this returns
            return;
        }
        runTogether(c, dialect, List.of(this));
    }

    /**
     * Runs chains one after another, on PostgreSQL all in one round trip, merged when that is exact; returns the
     * statements merging saved.
     */
    static int runTogether(Connection c, Dialect dialect, List<StatementChain> chains) throws SQLException {
        if (dialect == Dialect.POSTGRESQL && chains.size() > 1) {
            ChainMerge merged = ChainMerge.of(chains);
            if (merged != null) {
                merged.run(c);
                return merged.saved();
            }
        }
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
            return 0;
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
        return 0;
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
