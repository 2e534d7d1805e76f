package io.sdataserver.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place where If-Match text from a client is interpreted (CONC-14, RFC 9110 §13.1.1): quoted, unquoted
 * and weak (W/) forms of a value match it; a comma-separated list matches any of its members; {@code *} matches
 * any current state. The comparison itself runs in the database (compare-and-set on the etag column).
 */
public final class EtagRule {
    /** A parsed If-Match: absent, any ("*"), or a list of stored-form ETags. */
    public record IfMatch(boolean present, boolean any, List<String> etags) {
        static final IfMatch ABSENT = new IfMatch(false, false, List.of());

        /** The ETags the store must find, or null when the write is unconditional (absent or "*"). */
        public List<String> expected() { return present && !any ? etags : null; }

        /** Whether the current ETag satisfies this header (for If-None-Match: whether the client's copy is current). */
        public boolean matches(String current) { return present && current != null && (any || etags.contains(current)); }
    }

    private EtagRule() { }

    public static IfMatch parse(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) return IfMatch.ABSENT;
        if (headerValue.trim().equals("*")) return new IfMatch(true, true, List.of());
        List<String> tags = new ArrayList<>();
        for (String part : splitTags(headerValue)) {
            String v = part.trim();
            if (v.startsWith("W/") || v.startsWith("w/")) {
                // unquoted, "W/..." may be the value itself: ETags stored before they were URL-safe can begin so
                if (!v.endsWith("\"")) tags.add(v);
                v = v.substring(2).trim();
            }
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            if (!v.isEmpty()) tags.add(v);
        }
        return tags.isEmpty() ? IfMatch.ABSENT : new IfMatch(true, false, List.copyOf(tags));
    }

    /** Splits on commas outside quotes (an unquoted base64 ETag never holds a comma). */
    private static List<String> splitTags(String header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The ETag header value for a stored etag: quoted, as HTTP wants it; the element carries it unquoted. */
    public static String header(String etag) { return "\"" + etag + "\""; }
}
