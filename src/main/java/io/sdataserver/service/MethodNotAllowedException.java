package io.sdataserver.service;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import java.util.List;

/** A method the contract does not allow on this URL (405 with an Allow header, checklist §28 row 26). */
public class MethodNotAllowedException extends SDataException {
    private final List<String> allowed;

    public MethodNotAllowedException(String message, List<String> allowed) {
        super(405, Diagnosis.application("MethodNotAllowed", message, null));
        this.allowed = List.copyOf(allowed);
    }

    public List<String> allowed() { return allowed; }
}
