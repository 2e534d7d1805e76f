package io.sdataserver.diagnosis;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** One sdata:diagnosis. sdata.xsd makes all six children required, so empty ones are written as empty elements. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "diagnosis", propOrder = {"severity", "sdataCode", "applicationCode", "message", "stackTrace", "payloadPath"})
public final class Diagnosis {
    @XmlElement(required = true) private String severity;
    @XmlElement(required = true) private String sdataCode;
    @XmlElement(required = true) private String applicationCode = "";
    @XmlElement(required = true) private String message;
    @XmlElement(required = true) private String stackTrace = "";
    @XmlElement(required = true) private String payloadPath = "";

    private static final int MAX_MESSAGE = 2000;

    public Diagnosis() { }

    public Diagnosis(Severity severity, SDataCode code, String applicationCode, String message, String payloadPath) {
        this.severity = severity.xmlValue();
        this.sdataCode = code.name();
        // ERR-4: an application code only goes with ApplicationDiagnosis
        this.applicationCode = code == SDataCode.ApplicationDiagnosis && applicationCode != null ? applicationCode : "";
        // a message may echo request text: keep it printable as XML 1.0 and of a readable size
        this.message = message == null ? "" : XmlChars.printable(message, MAX_MESSAGE);
        this.payloadPath = payloadPath == null ? "" : XmlChars.printable(payloadPath, MAX_MESSAGE);
    }

    public static Diagnosis error(SDataCode code, String message) {
        return new Diagnosis(Severity.error, code, null, message, null);
    }

    public static Diagnosis application(String applicationCode, String message, String payloadPath) {
        return new Diagnosis(Severity.error, SDataCode.ApplicationDiagnosis, applicationCode, message, payloadPath);
    }

    public Diagnosis withStackTrace(String trace) { this.stackTrace = trace == null ? "" : trace; return this; }

    public String severity() { return severity; }
    public String sdataCode() { return sdataCode; }
    public String applicationCode() { return applicationCode; }
    public String message() { return message; }
    public String payloadPath() { return payloadPath; }
    public String stackTrace() { return stackTrace; }
}
