package io.sdataserver.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sdataserver.contract.Contract;
import io.sdataserver.contract.EntityType;
import java.sql.Connection;
import java.sql.SQLException;
import io.sdataserver.contract.Property;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The connection pool, the system tables (Flyway migrations) and one {@link TableLayout} per entity type of every
 * contract, whose tables and columns are created or added at start-up.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    /** Connections for read-only units: each transaction on them is a read-only snapshot (see {@link #readConnection}). */
    private final HikariDataSource readPool;
    private final Dialect dialect;
    private final TableStatistics statistics;
    private final KeyBlocks keys;
    private final Map<EntityType, TableLayout> layouts = new LinkedHashMap<>();
    private final Map<String, TableLayout> layoutsByTable = new LinkedHashMap<>();
    private final Map<EntityType, List<Reference>> references = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Property, Property> mirrorSources = new java.util.HashMap<>();
    /** Entity types some relationship holds as children: only their rows can have a parent. */
    private final java.util.Set<EntityType> childTypes = new java.util.HashSet<>();
    private final java.util.Set<Property> mirrored = new java.util.HashSet<>();
    /** Per table: the tables a feed of its rows can read, itself included, sorted (see {@link #reads}). */
    private final Map<TableLayout, List<String>> reads = new java.util.HashMap<>();

    public Database(String jdbcUrl, Collection<Contract> contracts, int poolSize) {
        this.dialect = Dialect.of(jdbcUrl);
        this.statistics = new TableStatistics(this, dialect);
        this.keys = new KeyBlocks(dialect);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(dialect.connectionUrl(jdbcUrl));
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("sdata");
        cfg.setAutoCommit(true);
        cfg.setInitializationFailTimeout(30_000);
        this.pool = new HikariDataSource(cfg);
        try {
            migrateSystemTables(Flyway.configure().dataSource(pool).locations("classpath:db/migration").table("sd_schema_history")
                    .placeholders(java.util.Map.of("text", dialect == Dialect.H2 ? "CHARACTER LARGE OBJECT" : "TEXT"))
                    .baselineOnMigrate(true).baselineVersion("0").load());
            for (Contract c : contracts) {
                for (EntityType t : c.entityTypes()) {
                    TableLayout l = new TableLayout(c.name(), t, dialect);
                    layouts.put(t, l);
                    layoutsByTable.put(l.tableId(), l);
                }
            }
            findMirrors();
            for (TableLayout l : layouts.values()) reads.put(l, List.copyOf(closure(l.type())));
            for (TableLayout l : layouts.values()) {
                for (Property p : l.type().properties()) if (p.isChild() && p.target() != null) childTypes.add(p.target());
            }
            new SchemaMigrator(this).migrate(layouts.values());
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw new IllegalStateException("database " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        this.readPool = new HikariDataSource(readPoolConfig(cfg, poolSize));
    }

    /**
     * The read pool's sessions default to read-only repeatable-read transactions, set once per connection: a read
     * unit no longer opens its transaction with a SET TRANSACTION of its own, which on PostgreSQL was a round trip
     * (a third of an entry GET's). It starts with few connections and grows to the pool size under load.
     */
    private static HikariConfig readPoolConfig(HikariConfig main, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(main.getJdbcUrl());
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(Math.min(2, poolSize));
        cfg.setPoolName("sdata-read");
        cfg.setAutoCommit(false);
        cfg.setReadOnly(true);
        cfg.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        cfg.setInitializationFailTimeout(30_000);
        return cfg;
    }

    /**
     * Flyway's migrations, tried again a few times: a process starting at the same moment as another on one database
     * can find the history table just created and still empty, and Flyway then refuses to baseline it. Once the
     * other process has filled it, there is nothing left to do.
     */
    private static void migrateSystemTables(Flyway flyway) {
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (org.flywaydb.core.api.FlywayException e) {
                if (attempt == 5) throw e;
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String redact(String url) { return url.replaceAll("(?i)(password=)[^&;]*", "$1***"); }

    public Dialect dialect() { return dialect; }
    public Connection connection() throws SQLException { return pool.getConnection(); }
    /** A connection whose transactions are read-only snapshots (repeatable read), with auto-commit off. */
    Connection readConnection() throws SQLException { return readPool.getConnection(); }
    /** Whether rows of this type can have a parent (the type is some relationship's child); if not, none is looked up. */
    boolean canHaveParent(EntityType type) { return childTypes.contains(type); }

    public TableLayout layout(EntityType type) {
        TableLayout l = layouts.get(type);
        if (l == null) throw new IllegalArgumentException("no table for " + type);
        return l;
    }

    /**
     * A bidirectional association (§9.2) is updated in one direction and read in the other: a read-only list on Y
     * whose target X has exactly one writable list pointing back at Y mirrors that list's link rows, reversed.
     */
    private void findMirrors() {
        for (TableLayout l : layouts.values()) {
            for (Property b : l.type().properties()) {
                if (!b.isLinkList() || !b.isReadOnly() || b.target() == null) continue;
                List<Property> back = new ArrayList<>();
                for (Property a : b.target().properties()) {
                    if (a.isLinkList() && !a.isReadOnly() && a.target() == l.type()) back.add(a);
                }
                if (back.size() == 1) {
                    mirrorSources.put(b, back.get(0));
                    mirrored.add(back.get(0));
                }
            }
        }
    }

    /** The writable list (on this list's target type) that a read-only list mirrors; null when it is stored itself. */
    Property mirrorSource(Property readOnlyList) { return mirrorSources.get(readOnlyList); }

    /** Whether a read-only list elsewhere mirrors this one, so that changing its links changes its targets too. */
    boolean isMirrored(Property list) { return mirrored.contains(list); }

    /**
     * The tables whose rows the representation or the query of this table's rows can read, itself included, by table
     * id and sorted: the directed closure over every relationship (child, parent, reference, association; single or
     * list). A representation shows its children recursively, its links (an association's mirrored direction reads
     * the link rows of its target's table) and, with include, the resources it points at and their own; a where or
     * orderBy follows children, references and parents. So any change that can alter such a feed changes one of
     * these tables, and their stamps validate its ETag and cached count.
     */
    List<String> reads(TableLayout l) { return reads.get(l); }

    private java.util.SortedSet<String> closure(EntityType from) {
        java.util.SortedSet<String> tables = new java.util.TreeSet<>();
        java.util.Set<EntityType> seen = new java.util.HashSet<>();
        java.util.Deque<EntityType> todo = new java.util.ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            EntityType t = todo.pop();
            TableLayout l = layouts.get(t);
            if (l == null || !seen.add(t)) continue;
            tables.add(l.tableId());
            for (Property p : t.properties()) if (!p.isSimple() && p.target() != null) todo.push(p.target());
        }
        return tables;
    }

    /** Every resource table, by table id: each has a stamp row per dataset. */
    List<String> tableIds() { return List.copyOf(layoutsByTable.keySet()); }

    /** A single reference of one table's rows to another type. */
    record Reference(TableLayout owner, Property property) { }

    /** The single references, across all tables, that point at resources of this type (worked out once per type). */
    List<Reference> referencesTo(EntityType type) {
        return references.computeIfAbsent(type, t -> {
            List<Reference> refs = new ArrayList<>();
            for (TableLayout l : layouts.values()) {
                for (Property p : l.type().properties()) {
                    if (p.isSingleLink() && p.target() == t) refs.add(new Reference(l, p));
                }
            }
            return List.copyOf(refs);
        });
    }

    /** The layout of a table named in a parent pointer or link row. */
    TableLayout layoutByTable(String tableId) { return layoutsByTable.get(tableId); }

    /** Connections in use, over both pools (for the metrics). */
    public int activeConnections() { return pool.getHikariPoolMXBean().getActiveConnections() + readPool.getHikariPoolMXBean().getActiveConnections(); }
    /** Connections idle, over both pools. */
    public int idleConnections() { return pool.getHikariPoolMXBean().getIdleConnections() + readPool.getHikariPoolMXBean().getIdleConnections(); }
    /** Threads waiting for a connection, over both pools. */
    public int waitingForConnection() {
        return pool.getHikariPoolMXBean().getThreadsAwaitingConnection() + readPool.getHikariPoolMXBean().getThreadsAwaitingConnection();
    }

    /** Whether the database answers within two seconds (the health check). */
    public boolean isUp() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private final java.util.concurrent.atomic.LongAdder togetherOperations = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder togetherGivenUp = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder statementsMerged = new java.util.concurrent.atomic.LongAdder();

    /** Operations that ran side by side with their statements sharing round trips, since start (for the metrics). */
    public long operationsRunTogether() { return togetherOperations.sum(); }
    /** Waves that gave up and were run again one operation after another, since start. */
    public long wavesGivenUp() { return togetherGivenUp.sum(); }

    /** Statements that merging the same statement of several entries into one saved, since start (for the metrics). */
    public long statementsMerged() { return statementsMerged.sum(); }

    void ranTogether(int operations, boolean gaveUp, int merged) {
        if (gaveUp) togetherGivenUp.increment();
        else {
            togetherOperations.add(operations);
            statementsMerged.add(merged);
        }
    }

    /** Candidate keys for new rows, from the types' sequences. */
    KeyBlocks keys() { return keys; }

    /** Keeps PostgreSQL's statistics up with tables being filled. */
    TableStatistics statistics() { return statistics; }

    @Override public void close() {
        statistics.close();
        readPool.close();
        pool.close();
    }
}
