package io.sdataserver.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One database transaction that the store operations of a request (or of a whole atomic batch) share. The caller
 * opens it, runs operations, and commits; closing without a commit rolls everything back. A fault in any operation
 * rolls back the whole unit at once, so nothing half-written survives it, and the unit goes on with a fresh
 * transaction (a request may still read, say, the resource that made its create fail).
 *
 * <p>Each table an operation changed rows of gets its stamp in that dataset moved on once, inside the same transaction
 * just before it commits, in one sorted order: feed ETags and cached counts move with the data, a refused write
 * (412, 404) moves nothing, and writers of different tables never wait for each other's stamps.
 *
 * <p>A read-only unit reads one snapshot (repeatable read): a feed's count, cursor and page agree with each other,
 * and resources embedded with {@code include} are read on the same connection, never a second one from the pool.
 */
public final class UnitOfWork implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UnitOfWork.class.getName());

    private final Database db;
    private final TableStamps stamps;
    private final boolean readOnly;
    // sorted: stamps are locked in one order by every writer, so writers never deadlock on them
    private final Set<TableStamps.Stamp> changed = new TreeSet<>();
    private Connection connection;
    /** Whether a statement ran since the last commit or rollback: only then is there a transaction to end. */
    private boolean inTransaction;
    // inside step(): a fault undoes only the current step, back to here
    private java.sql.Savepoint step;
    private Set<TableStamps.Stamp> changedBeforeStep;

    UnitOfWork(Database db, TableStamps stamps, boolean readOnly) {
        this.db = db;
        this.stamps = stamps;
        this.readOnly = readOnly;
    }

    public boolean readOnly() { return readOnly; }

    private String actor;

    /** Who the unit writes for (the authenticated caller; null for none): every row it writes records it. */
    public void actor(String name) { this.actor = name; }

    String actor() { return actor; }

    /** Runs one store operation in this unit; a fault rolls the unit (or the current step) back and is translated. */
    <T> T run(ResourceStore.Work<T> work) {
        try {
            return work.run(wave != null ? wave.connection() : connection());
        } catch (SQLException e) {
            undo();
            throw StoreFailures.translate(e);
        } catch (RuntimeException | Error e) {
            undo();
            throw e;
        }
    }

    // while together() runs: the operations' connection, and the wave that shares out its round trips
    private volatile Wave wave;

    /** Whether {@link #together} can run operations side by side here (PostgreSQL, where round trips cost). */
    public boolean runsTogether() { return !readOnly && db.dialect() == Dialect.POSTGRESQL && step == null; }

    /**
     * Runs independent operations on this unit side by side, their statements sent together in operation order
     * (see {@link Wave}); what they do is exactly what running them one after another does. An operation that fails
     * having changed nothing is answered by {@code refusal}. Their results in order;
     * null when that could not be kept to, and then the whole unit has been rolled back: the caller runs them again
     * one after another, in a new transaction.
     */
    public <T> List<T> together(List<Supplier<T>> operations, java.util.function.BiFunction<Integer, Throwable, T> refusal) {
        if (!runsTogether()) throw new IllegalStateException("operations run together on PostgreSQL only, outside a step");
        Wave w;
        try {
            w = new Wave(connection(), db.dialect());
        } catch (SQLException e) {
            throw StoreFailures.translate(e);
        }
        wave = w;
        List<T> results;
        try {
            results = w.run(operations, refusal);
        } finally {
            wave = null;
        }
        db.ranTogether(operations.size(), results == null, w.merged());
        if (results == null) rollback();
        return results;
    }

    /**
     * Runs one of several independent operations that share this unit (the entries of a batch, committed together):
     * a fault in it undoes it alone, back to a savepoint, and is thrown; what the steps before it did stays.
     */
    public <T> T step(java.util.function.Supplier<T> operation) {
        if (step != null) throw new IllegalStateException("steps do not nest");
        try {
            step = connection().setSavepoint();
        } catch (SQLException e) {
            throw StoreFailures.translate(e);
        }
        changedBeforeStep = new TreeSet<>(changed);
        try {
            T result = operation.get();
            connection.releaseSavepoint(step);
            return result;
        } catch (SQLException e) {
            undo();
            throw StoreFailures.translate(e);
        } catch (RuntimeException | Error e) {
            undo(); // a fault raised above the store (a 412, a missing If-Match) may follow writes of the same step
            throw e;
        } finally {
            step = null;
            changedBeforeStep = null;
        }
    }

    /** Undoes the current step when there is one, else the whole unit. */
    private void undo() {
        if (wave != null) return; // in a wave the fault gives it up, and the caller rolls the unit back once all are done
        if (step == null) {
            rollback();
            return;
        }
        try {
            connection.rollback(step);
            changed.clear();
            changed.addAll(changedBeforeStep);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "rollback to a savepoint failed; the whole unit is rolled back", e);
            rollback();
        }
    }

    /**
     * A write in dataset {@code ds}: once it has run, the tables it recorded on {@code w} as changed get their stamps
     * moved on when the unit commits (a fault undoes the write, and it records nothing).
     */
    <T> T write(String ds, Write w, ResourceStore.Work<T> work) {
        if (readOnly) throw new IllegalStateException("a write in a read-only unit of work");
        T result = run(work);
        synchronized (changed) { // the operations of a wave write side by side
            for (String table : w.tables()) changed.add(new TableStamps.Stamp(ds, table));
        }
        return result;
    }

    /** Whether anything has been changed and not yet committed. */
    public boolean hasChanges() { return !changed.isEmpty(); }

    /** Commits what the unit did; the stamps of the tables it changed move on in the same transaction. */
    public void commit() {
        if (connection == null) return;
        try {
            if (!changed.isEmpty()) stamps.bump(connection, changed);
            connection.commit();
            changed.clear();
            inTransaction = false;
        } catch (SQLException e) {
            rollback();
            throw StoreFailures.translate(e);
        }
    }

    /** Undoes everything since the last commit. */
    public void rollback() {
        changed.clear();
        if (connection == null) return;
        try {
            inTransaction = false;
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "rollback failed; the connection is discarded", e);
            closeConnection();
        }
    }

    /** Rolls back what was not committed and gives the connection back to the pool. */
    @Override
    public void close() {
        if (connection == null) return;
        // Only a transaction still open is ended: H2's rollback of an empty one still stores the whole MVStore under
        // the lock every commit takes (after a PUT's commit it cost as much again). A read-only one ends with a
        // commit, which H2 makes cheap when nothing changed.
        if (inTransaction) {
            if (readOnly) endSnapshot();
            else rollback();
        }
        closeConnection();
    }

    private void endSnapshot() {
        try {
            connection.commit();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "ending a read-only transaction failed; the connection is discarded", e);
            rollback();
        }
    }

    private Connection connection() throws SQLException {
        inTransaction = true;
        if (connection == null) {
            Connection c = readOnly ? db.readConnection() : db.connection();
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection == null) return; // a failed rollback has discarded it already
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing a connection failed", e);
        } finally {
            connection = null;
        }
    }
}
