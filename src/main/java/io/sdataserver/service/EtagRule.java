package io.sdataserver.service;

/**
 * The one place where ETag text from a client is compared with a stored one (CONC-14): quoted, unquoted and weak
 * (W/) forms of the same value match. The comparison itself runs in the database (compare-and-set); this class
 * only brings the client's value to the stored form.
 */
public final class EtagRule {
    private EtagRule() { }

    /** The stored form of an If-Match value, or null when there is none. */
    public static String normalize(String headerValue) {
        if (headerValue == null) return null;
        String v = headerValue.trim();
        if (v.startsWith("W/") || v.startsWith("w/")) v = v.substring(2).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
        return v.isEmpty() ? null : v;
    }

    /** The ETag header value for a stored etag: quoted, as HTTP wants it; the element carries it unquoted. */
    public static String header(String etag) { return "\"" + etag + "\""; }
}
