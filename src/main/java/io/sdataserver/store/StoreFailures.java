package io.sdataserver.store;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.Severity;
import java.sql.SQLException;

/** Database failures as store faults: a uniqueness violation is a conflict, a lost race a transient busy. */
final class StoreFailures {
    private StoreFailures() { }

    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("23505")) {
            return StoreFault.conflict("the resource conflicts with an existing one (a unique value is already used)");
        }
        // serialization failure, deadlock, lock timeout; H2's "concurrent update" of a row another write changed
        if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00") || state.equals("90131")) {
            return new StoreFault(StoreFault.Reason.BUSY, java.util.List.of(new Diagnosis(Severity.transient_,
                    SDataCode.ApplicationDiagnosis, "Busy", "the database is busy with a concurrent change; retry the request", null)));
        }
        return new StoreException("database failure: " + e.getMessage(), e);
    }
}
