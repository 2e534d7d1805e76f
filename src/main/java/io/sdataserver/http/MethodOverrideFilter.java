package io.sdataserver.http;

import io.sdataserver.diagnosis.SDataException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * POST with {@code X-HTTP-Method-Override} (§9.1, §10.1) becomes the named method before routing, so the rest of
 * the server sees an ordinary PUT, DELETE or GET. For GET the body may carry the URL or its query string, as Sage's
 * clients send it for URLs too long for a request line.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public final class MethodOverrideFilter implements ContainerRequestFilter {
    public static final String HEADER = "X-HTTP-Method-Override";
    private static final int MAX_URL_BODY = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        String override = ctx.getHeaderString(HEADER);
        if (override == null) return;
        if (!"POST".equals(ctx.getMethod())) {
            throw SDataException.badRequest("BadMethodOverride", HEADER + " is only honoured on POST (got it on " + ctx.getMethod() + ")");
        }
        String method = override.trim().toUpperCase(Locale.ROOT);
        switch (method) {
            case "PUT":
            case "DELETE":
                ctx.setMethod(method);
                break;
            case "GET":
                ctx.setMethod("GET");
                urlFromBody(ctx);
                break;
            default:
                throw SDataException.badRequest("BadMethodOverride", HEADER + " must be PUT, DELETE or GET (got '" + override + "')");
        }
    }

    private static void urlFromBody(ContainerRequestContext ctx) throws IOException {
        byte[] bytes = ctx.getEntityStream().readNBytes(MAX_URL_BODY + 1);
        if (bytes.length > MAX_URL_BODY) throw SDataException.badRequest("BadMethodOverride", "the URL in the body is too long");
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) return;
        URI base = ctx.getUriInfo().getBaseUri();
        URI target;
        try {
            if (text.startsWith("http://") || text.startsWith("https://") || text.startsWith("/")) {
                URI given = URI.create(text);
                // only the path and query are taken: the request stays on this server
                target = UriBuilder.fromUri(base).replacePath(given.getRawPath()).replaceQuery(given.getRawQuery()).build();
            } else {
                String query = text.startsWith("?") ? text.substring(1) : text;
                target = UriBuilder.fromUri(ctx.getUriInfo().getRequestUri()).replaceQuery(query).build();
            }
        } catch (IllegalArgumentException e) {
            throw SDataException.badRequest("BadMethodOverride", "the body of a POST overridden to GET must be a URL or a query string");
        }
        ctx.setRequestUri(base, target);
    }
}
