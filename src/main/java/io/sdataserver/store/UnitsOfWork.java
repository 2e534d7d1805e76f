package io.sdataserver.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/** Where units of work come from: one per request, per batch entry, or per atomic batch. */
public final class UnitsOfWork {
    private final Database db;
    private final TableStamps stamps;

    public UnitsOfWork(Database db) {
        this.db = db;
        this.stamps = new TableStamps(db.dialect());
    }

    /** A unit that may write. */
    public UnitOfWork begin() { return new UnitOfWork(db, stamps, false); }

    /** A unit that only reads, from one snapshot. */
    public UnitOfWork beginRead() { return new UnitOfWork(db, stamps, true); }

    /**
     * Makes sure every table of every dataset has its stamp row, so that a write only ever updates stamps (creating
     * one inside a write could conflict with another process creating it). A process started later with more datasets
     * or tables creates theirs when it starts.
     */
    public void prepare(Collection<String> datasets) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            for (String ds : datasets) stamps.ensure(c, ds, db.tableIds());
        } catch (SQLException e) {
            throw new StoreException("the dataset stamps could not be prepared: " + e.getMessage(), e);
        }
    }
}
