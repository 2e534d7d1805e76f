package io.sdataserver.store;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * One write operation: when it happens and who makes it (null: nobody authenticated), stamped on every row it
 * touches; and the tables whose rows it inserted, updated or deleted (link rows count as their owner's table), whose
 * stamps move on when the unit of work commits.
 */
final class Write {
    private final Instant at;
    private final String by;
    private final Set<String> tables = new TreeSet<>();

    Write(Instant at, String by) {
        this.at = at;
        this.by = by;
    }

    Instant at() { return at; }
    String by() { return by; }

    /** A statement changed {@code rows} rows of this table (none: nothing to record). */
    void changed(TableLayout l, int rows) {
        if (rows > 0) tables.add(l.tableId());
    }

    /** The tables changed so far, by table id. */
    Set<String> tables() { return tables; }
}
