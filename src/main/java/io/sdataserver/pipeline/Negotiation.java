package io.sdataserver.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which format answers a request (§3.15, JSON-1), decided from the header texts so that the request gate, which
 * answers before JAX-RS, and the endpoints decide alike: the {@code format} parameter wins; then the first media
 * type of {@code Accept} (by quality) that names JSON or Atom/XML; otherwise JSON for a JSON request, Atom for the rest.
 */
public final class Negotiation {
    private Negotiation() { }

    /** True when the answer is JSON. */
    public static boolean json(String format, String accept, String contentType) {
        if (format != null && !format.isBlank()) return isJsonFormat(format);
        for (String type : accepted(accept)) {
            if (type.equals("*/*") || type.endsWith("/*")) break; // anything goes: the default decides
            if (isJsonType(type)) return true;
            if (isXmlType(type)) return false;
        }
        return contentType != null && isJsonType(bare(contentType));
    }

    /** Whether the answer depends on Accept: yes unless a format parameter decided it. */
    public static boolean negotiated(String format) { return format == null || format.isBlank(); }

    public static boolean isJsonFormat(String format) {
        String f = format.trim().toLowerCase(Locale.ROOT);
        return f.equals("json") || isJsonType(f);
    }

    /** A bare media type (no parameters, lower case) naming JSON. */
    public static boolean isJsonType(String type) { return type.equals("application/json") || type.endsWith("+json"); }

    /** A bare media type naming Atom or another XML. */
    public static boolean isXmlType(String type) {
        return type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml");
    }

    /** The media types of an Accept header, best first (by q, then as listed); those with q=0 are left out. */
    static List<String> accepted(String accept) {
        if (accept == null || accept.isBlank()) return List.of();
        record Ranged(String type, double q, int order) { }
        List<Ranged> ranged = new ArrayList<>();
        String[] parts = accept.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String[] params = parts[i].split(";", -1);
            double q = 1;
            for (int j = 1; j < params.length; j++) {
                String p = params[j].trim();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String type = bare(params[0]);
            if (q > 0 && !type.isEmpty()) ranged.add(new Ranged(type, q, i));
        }
        ranged.sort(Comparator.comparingDouble(Ranged::q).reversed().thenComparingInt(Ranged::order));
        List<String> out = new ArrayList<>();
        for (Ranged r : ranged) out.add(r.type());
        return out;
    }

    static String bare(String mediaType) {
        int semi = mediaType.indexOf(';');
        return (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
