package io.sdataserver.diagnosis;

/** Diagnosis severities (§3.10), written in lower case as in the spec's example. */
public enum Severity {
    info, warning, transient_, error, fatal;

    public String xmlValue() { return this == transient_ ? "transient" : name(); }
}
