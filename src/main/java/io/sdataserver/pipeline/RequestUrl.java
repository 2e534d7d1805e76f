package io.sdataserver.pipeline;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The URL a request was made to, as sent, and the same URL with some query parameters replaced (paging links). */
public record RequestUrl(String text) {
    /** This URL with {@code names} removed from the query and the given name, value pairs appended. */
    public String replacing(Set<String> names, String... pairs) {
        int q = text.indexOf('?');
        String base = q < 0 ? text : text.substring(0, q);
        List<String> kept = new ArrayList<>();
        if (q >= 0) {
            for (String part : text.substring(q + 1).split("&")) {
                if (part.isEmpty()) continue;
                int eq = part.indexOf('=');
                String name = Query.decode(eq < 0 ? part : part.substring(0, eq));
                if (names.stream().noneMatch(name::equalsIgnoreCase)) kept.add(part); // parameter names in any case
            }
        }
        for (int i = 0; i < pairs.length; i += 2) {
            kept.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    }
}
