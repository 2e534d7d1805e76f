package io.sdataserver.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The query parameters of a request, decoded (§6): the first value of a name is the one that counts. Names are
 * matched in any letter case ({@code orderby}, {@code startindex}, {@code trackingId}), as Sage's clients send them;
 * {@code _t} (a cache breaker) and {@code _includeContent} (a client's own switch) mean nothing here.
 */
public record Query(Map<String, List<String>> parameters) {
    public static final Query NONE = new Query(Map.of());

    public Query {
        java.util.TreeMap<String, List<String>> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            byName.computeIfAbsent(p.getKey(), n -> new java.util.ArrayList<>()).addAll(p.getValue());
        }
        parameters = java.util.Collections.unmodifiableMap(byName);
    }

    public String first(String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean has(String name) { return parameters.containsKey(name); }

    /** The parameters of a raw (percent-encoded) query string, as a URL inside a request names them. */
    public static Query parse(String raw) {
        if (raw == null || raw.isEmpty()) return NONE;
        java.util.Map<String, List<String>> params = new java.util.HashMap<>();
        for (String part : raw.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            params.computeIfAbsent(decode(eq < 0 ? part : part.substring(0, eq)), n -> new java.util.ArrayList<>())
                    .add(eq < 0 ? "" : decode(part.substring(eq + 1)));
        }
        return new Query(params);
    }

    /** Percent-decoding as UTF-8; '+' stays '+' (a URL, not a form). */
    public static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
