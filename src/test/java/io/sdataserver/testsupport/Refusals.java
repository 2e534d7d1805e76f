package io.sdataserver.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sdataserver.testsupport.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Assertions on an SData error answer (§3.10): the HTTP status, an application/xml body whose root is
 * sdata:diagnoses, every diagnosis complete (all six children, severity error, a known sdataCode, an applicationCode
 * exactly when the sdataCode is ApplicationDiagnosis, a message), and every diagnosis naming the expected sdataCode and
 * applicationCode. An error is pinned by all three: status, sdataCode and applicationCode.
 */
public final class Refusals {
    public static final String SDATA_NS = "http://schemas.sage.com/sdata/2008/1";
    public static final String APPLICATION = "ApplicationDiagnosis";
    private static final List<String> DIAGNOSIS_CHILDREN =
            List.of("severity", "sdataCode", "applicationCode", "message", "stackTrace", "payloadPath");
    private static final Set<String> SDATA_CODES = Set.of("BadUrlSyntax", "BadQueryParameter", "ApplicationNotFound",
            "ApplicationUnavailable", "DatasetNotFound", "DatasetUnavailable", "ContractNotFound", "ResourceKindNotFound",
            "BadWhereSyntax", APPLICATION);
    private static final String D = "/sdata:diagnoses/sdata:diagnosis";

    private Refusals() { }

    /**
     * An error with one of the specific sdataCodes of §3.10 (not ApplicationDiagnosis): its applicationCode is empty
     * (ERR-4). An ApplicationDiagnosis must name its applicationCode: use {@link #refused(Reply, int, String, String)}.
     */
    public static Xml refused(Reply r, int status, String sdataCode) {
        if (APPLICATION.equals(sdataCode)) {
            throw new IllegalArgumentException("an expected ApplicationDiagnosis must name its applicationCode");
        }
        return refused(r, status, sdataCode, "");
    }

    /** An error whose every diagnosis carries {@code sdataCode} and {@code applicationCode} ("" unless ApplicationDiagnosis). */
    public static Xml refused(Reply r, int status, String sdataCode, String applicationCode) {
        if (APPLICATION.equals(sdataCode) == applicationCode.isEmpty()) {
            throw new IllegalArgumentException("an applicationCode goes with ApplicationDiagnosis, and only with it: "
                    + sdataCode + "/" + applicationCode);
        }
        Xml x = diagnoses(r, status);
        List<String> codes = codes(x);
        for (String code : codes) {
            assertEquals(sdataCode + "/" + applicationCode, code, () -> "sdataCode/applicationCode of every diagnosis " + codes
                    + " in " + r);
        }
        return x;
    }

    /** An error whose diagnoses carry ApplicationDiagnosis and {@code applicationCode}. */
    public static Xml application(Reply r, int status, String applicationCode) {
        return refused(r, status, APPLICATION, applicationCode);
    }

    /**
     * The well-formed diagnoses of an error answer with this status, whatever their codes (for answers that list several
     * faults; pin their codes with {@link #codes(Xml)} or {@link #faults(Xml)}).
     */
    public static Xml diagnoses(Reply r, int status) {
        assertEquals(status, r.status(), r::toString);
        String ct = r.header("Content-Type");
        assertNotNull(ct, () -> "no Content-Type: " + r);
        assertEquals("application/xml", ct.split(";")[0].trim().toLowerCase(Locale.ROOT), () -> "Content-Type of " + r);
        Xml x = r.xml();
        assertEquals("diagnoses", x.rootName(), r::toString);
        assertEquals(SDATA_NS, x.rootNamespace(), r::toString);
        int n = x.count(D);
        assertTrue(n >= 1, () -> "no sdata:diagnosis in " + r);
        for (int i = 1; i <= n; i++) {
            String d = D + "[" + i + "]";
            for (String child : DIAGNOSIS_CHILDREN) {
                assertEquals(1, x.count(d + "/sdata:" + child), "sdata:" + child + " in diagnosis " + i + " of " + r);
            }
            assertEquals("error", x.text(d + "/sdata:severity"), r::toString);
            String code = x.text(d + "/sdata:sdataCode");
            assertTrue(SDATA_CODES.contains(code), () -> "unknown sdataCode " + code + " in " + r);
            if (!APPLICATION.equals(code)) assertEquals("", x.text(d + "/sdata:applicationCode"), () -> "ERR-4: " + r);
            else assertFalse(x.text(d + "/sdata:applicationCode").isBlank(), () -> "an ApplicationDiagnosis names its applicationCode: " + r);
            assertFalse(x.text(d + "/sdata:message").isBlank(), "diagnosis " + i + " has a message: " + r);
        }
        return x;
    }

    /** "sdataCode/applicationCode" of each diagnosis, in document order. */
    public static List<String> codes(Xml x) {
        List<String> out = new ArrayList<>();
        int n = x.count(D);
        for (int i = 1; i <= n; i++) {
            out.add(x.text(D + "[" + i + "]/sdata:sdataCode") + "/" + x.text(D + "[" + i + "]/sdata:applicationCode"));
        }
        return out;
    }

    /** One diagnosis of a validation answer. */
    public record Fault(String applicationCode, String message) { }

    /**
     * The diagnoses of an answer listing faults of a payload, by payloadPath: each is an ApplicationDiagnosis, and no
     * payloadPath is named twice.
     */
    public static java.util.Map<String, Fault> faults(Xml x) {
        java.util.Map<String, Fault> byPath = new java.util.TreeMap<>();
        int n = x.count(D);
        for (int i = 1; i <= n; i++) {
            String d = D + "[" + i + "]/sdata:";
            assertEquals(APPLICATION, x.text(d + "sdataCode"), "a payload fault is an ApplicationDiagnosis");
            String path = x.text(d + "payloadPath");
            if (byPath.put(path, new Fault(x.text(d + "applicationCode"), x.text(d + "message"))) != null) {
                fail("payloadPath " + path + " named twice");
            }
        }
        return byPath;
    }

    /** payloadPath to applicationCode. */
    public static java.util.Map<String, String> codesByPath(java.util.Map<String, Fault> faults) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        faults.forEach((path, f) -> out.put(path, f.applicationCode()));
        return out;
    }
}
