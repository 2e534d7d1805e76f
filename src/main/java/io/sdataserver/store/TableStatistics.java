package io.sdataserver.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives PostgreSQL statistics for a table while it is being filled, instead of when autovacuum gets to it (a
 * minute or more later). A plan cached while a dataset's table was empty cannot tell the key index from the
 * others that start with the dataset column, and may scan the whole dataset for each key lookup until the next
 * ANALYZE; so each table is analyzed, in the background, once 1,000 rows (or a fifth of what it held at the last
 * analysis) were inserted. ANALYZE takes no lock that writers wait for, and invalidates the plans made before it.
 * Once an analysis has counted {@link #ENOUGH} inserted rows, the table is no longer one its plans misjudge (PostgreSQL
 * scales the figures by the table's current size) and autovacuum keeps it: an ANALYZE of a big table cost 70 ms of
 * the database's CPU, and one every fifth of growth slowed the requests it ran beside.
 */
final class TableStatistics implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TableStatistics.class.getName());
    private static final long MIN_INSERTS = 1000;
    /** Inserted rows counted at an analysis after which the table is left to autovacuum. */
    static final long ENOUGH = 10_000;

    /** Per table: rows inserted since its last analysis, and rows counted at that analysis. */
    private static final class Counts {
        long sinceAnalyze;
        long atAnalyze;
    }

    private final Database db;
    private final boolean enabled;
    private final Map<String, Counts> tables = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService analyzer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sdata-analyze");
        t.setDaemon(true);
        return t;
    });

    TableStatistics(Database db, Dialect dialect) {
        this.db = db;
        this.enabled = dialect == Dialect.POSTGRESQL;
    }

    /** A row was inserted into {@code table} (counted even if its transaction rolls back: an estimate is enough). */
    void inserted(String table) {
        if (!enabled) return;
        Counts c = tables.computeIfAbsent(table, t -> new Counts());
        boolean due;
        synchronized (c) {
            c.sinceAnalyze++;
            due = c.atAnalyze < ENOUGH && c.sinceAnalyze >= Math.max(MIN_INSERTS, c.atAnalyze / 5);
            if (due) {
                c.atAnalyze += c.sinceAnalyze;
                c.sinceAnalyze = 0;
            }
        }
        if (due && pending.add(table)) {
            analyzer.execute(() -> {
                try (Connection conn = db.connection(); Statement st = conn.createStatement()) {
                    conn.setAutoCommit(true);
                    st.execute("ANALYZE " + table);
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.FINE, "ANALYZE " + table + " failed; autovacuum will do it", e);
                } finally {
                    pending.remove(table);
                }
            });
        }
    }

    @Override
    public void close() { analyzer.shutdownNow(); }
}
