package io.sdataserver.pipeline;

/**
 * The status codes each operation may answer (checklist UPD-22, DEL-5). Update (§9.5) and delete (§10.4) have no 409:
 * a conflict there (a unique value already used, a resource still referenced) is a 400 whose diagnosis still says
 * Conflict. Create keeps 409 (§8.5); 405 and 413 are the protocol gaps settled in the checklist and the body limit.
 */
public final class OperationStatus {
    private OperationStatus() { }

    /** The status to send for {@code status} raised while serving {@code method} (the method after any override). */
    public static int answer(String method, int status) {
        if (status == 409 && ("PUT".equals(method) || "DELETE".equals(method))) return 400;
        return status;
    }
}
