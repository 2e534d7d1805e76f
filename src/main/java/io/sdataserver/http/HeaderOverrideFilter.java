package io.sdataserver.http;

import io.sdataserver.diagnosis.SDataException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code X-Override: Header-Name: value} (repeatable) sets a request header for clients that cannot set it
 * themselves (Personium's tunnel): {@code If-Match}, {@code X-HTTP-Method-Override}, {@code Accept}, ... It runs
 * first, so that method override, media types and every later decision see the effective headers and never the
 * tunnel. Headers that frame the message or name the caller cannot be tunnelled.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR - 200)
public final class HeaderOverrideFilter implements ContainerRequestFilter {
    static final String HEADER = "X-Override";
    private static final Set<String> FORBIDDEN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "authorization", "x-authorization", "x-override");

    @Override
    public void filter(ContainerRequestContext ctx) {
        List<String> overrides = ctx.getHeaders().get(HEADER);
        if (overrides == null || overrides.isEmpty()) return;
        for (String o : List.copyOf(overrides)) {
            int colon = o.indexOf(':');
            String name = colon < 0 ? "" : o.substring(0, colon).trim();
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw SDataException.badRequest("BadHeader", "X-Override '" + shorten(o) + "' is not 'Header-Name: value'");
            }
            if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
                throw SDataException.badRequest("BadHeader", "X-Override cannot set " + name);
            }
            ctx.getHeaders().putSingle(name, o.substring(colon + 1).trim());
        }
        ctx.getHeaders().remove(HEADER);
    }

    private static String shorten(String s) { return s.length() > 80 ? s.substring(0, 80) + "..." : s; }
}
