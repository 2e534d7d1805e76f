package io.sdataserver.diagnosis;

import java.util.List;

/**
 * A request the server refuses: an HTTP status and the diagnoses that explain it. Thrown anywhere on the request's
 * path and turned into a response in exactly one place (the HTTP layer's mapper).
 */
public class SDataException extends RuntimeException {
    private final int status;
    private final List<Diagnosis> diagnoses;

    public SDataException(int status, List<Diagnosis> diagnoses) {
        super(diagnoses.isEmpty() ? "status " + status : diagnoses.get(0).message());
        this.status = status;
        this.diagnoses = List.copyOf(diagnoses);
    }

    public SDataException(int status, Diagnosis diagnosis) { this(status, List.of(diagnosis)); }

    public int status() { return status; }
    public List<Diagnosis> diagnoses() { return diagnoses; }

    public static SDataException badRequest(String applicationCode, String message) {
        return new SDataException(400, Diagnosis.application(applicationCode, message, null));
    }

    public static SDataException badUrl(String message) {
        return new SDataException(400, Diagnosis.error(SDataCode.BadUrlSyntax, message));
    }

    public static SDataException badParameter(String message) {
        return new SDataException(400, Diagnosis.error(SDataCode.BadQueryParameter, message));
    }

    public static SDataException badWhere(String message) {
        return new SDataException(400, Diagnosis.error(SDataCode.BadWhereSyntax, message));
    }

    public static SDataException notFound(SDataCode code, String message) {
        return new SDataException(404, Diagnosis.error(code, message));
    }

    public static SDataException resourceNotFound(String message) {
        return new SDataException(404, Diagnosis.application("ResourceNotFound", message, null));
    }

    public static SDataException gone(String message) {
        return new SDataException(410, Diagnosis.application("ResourceDeleted", message, null));
    }

    public static SDataException conflict(String message) {
        return new SDataException(409, Diagnosis.application("Conflict", message, null));
    }
}
