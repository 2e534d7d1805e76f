package io.sdataserver.store;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.diagnosis.Severity;
import java.sql.SQLException;

/** Maps database failures to SData answers: a uniqueness violation is a 409, a lost race a transient 503. */
final class StoreFailures {
    private StoreFailures() { }

    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("23505")) {
            return SDataException.conflict("the resource conflicts with an existing one (a unique value is already used)");
        }
        // serialization failure, deadlock, lock timeout; H2's "concurrent update" of a row another write changed
        if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00") || state.equals("90131")) {
            return new SDataException(503, new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "Busy",
                    "the database is busy with a concurrent change; retry the request", null));
        }
        return new StoreException("database failure: " + e.getMessage(), e);
    }
}
