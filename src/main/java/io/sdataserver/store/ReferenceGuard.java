package io.sdataserver.store;

import io.sdataserver.diagnosis.Diagnosis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * No write leaves a reference dangling (UPD-11): a write that removed a row some single reference still points at
 * is abandoned whole. Checked after all of the write's deletions, so references inside the removed tree do not count.
 */
final class ReferenceGuard {
    /** A row a write removed, with the payload path that asked for it (null for a DELETE request). */
    record Removed(TableLayout layout, String key, String path) { }

    private final Database db;

    ReferenceGuard(Database db) { this.db = db; }

    void check(Connection c, String ds, List<Removed> removed, List<Diagnosis> faults) throws SQLException {
        for (Removed r : removed) {
            String user = referrer(c, ds, r.layout(), r.key());
            if (user != null) {
                faults.add(Diagnosis.application("Conflict", r.layout().type().baseName() + " '" + r.key()
                        + "' is still referenced by " + user + "; re-point or clear that reference first", r.path()));
            }
        }
    }

    /** A resource that still references this one through a single reference, named for the client, or null. */
    private String referrer(Connection c, String ds, TableLayout target, String key) throws SQLException {
        for (Database.Reference ref : db.referencesTo(target.type())) {
            TableLayout owner = ref.owner();
            try (PreparedStatement ps = c.prepareStatement("SELECT k FROM " + owner.table() + " WHERE ds = ? AND "
                    + owner.linkKeyColumn(ref.property()).name() + " = ?")) {
                ps.setString(1, ds);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return "the " + ref.property().name() + " of " + owner.type().baseName() + " '" + rs.getString(1) + "'";
                    }
                }
            }
        }
        return null;
    }
}
