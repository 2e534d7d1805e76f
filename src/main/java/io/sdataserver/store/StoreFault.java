package io.sdataserver.store;

import io.sdataserver.diagnosis.Diagnosis;
import java.util.List;

/**
 * A write the store refused, by what went wrong rather than by HTTP status: the pipeline's one fault mapping
 * decides the status for the operation (a conflict is 409 on a create and 400 on an update or delete).
 */
public final class StoreFault extends RuntimeException {
    /** What kind of refusal. */
    public enum Reason {
        /** A key, uuid or unique value already taken; a row still referenced; a single child already there. */
        CONFLICT,
        /** The payload cannot be stored as sent (a reference to nothing, a fault inside its tree). */
        INVALID,
        /** A concurrent change got in the way: the same request may succeed when sent again. */
        BUSY
    }

    private final Reason reason;
    private final List<Diagnosis> diagnoses;

    public StoreFault(Reason reason, List<Diagnosis> diagnoses) {
        super(diagnoses.isEmpty() ? reason.name() : diagnoses.get(0).message());
        this.reason = reason;
        this.diagnoses = List.copyOf(diagnoses);
    }

    static StoreFault conflict(String message) {
        return new StoreFault(Reason.CONFLICT, List.of(Diagnosis.application("Conflict", message, null)));
    }

    public Reason reason() { return reason; }
    public List<Diagnosis> diagnoses() { return diagnoses; }
}
