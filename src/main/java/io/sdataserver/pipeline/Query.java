package io.sdataserver.pipeline;

import java.util.List;
import java.util.Map;

/** The query parameters of a request, decoded (§6): the first value of a name is the one that counts. */
public record Query(Map<String, List<String>> parameters) {
    public static final Query NONE = new Query(Map.of());

    public String first(String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean has(String name) { return parameters.containsKey(name); }
}
