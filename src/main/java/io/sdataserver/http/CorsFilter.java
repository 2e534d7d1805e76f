package io.sdataserver.http;

import io.sdataserver.diagnosis.Diagnosis;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Set;

/**
 * Cross-origin requests from browsers (Fetch standard, CORS), for the origins given with {@code --cors-origin}:
 * a preflight is answered here, before routing, with the methods and the headers Sage's JavaScript client sends;
 * answers to the allowed origins say so and expose the headers a client reads (ETag, Location, Retry-After, ...).
 * {@code *} allows every origin without credentials; a named origin is echoed and may send credentials. Without
 * any {@code --cors-origin} nothing is added and browsers keep their same-origin rule.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR - 300)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String METHODS = "GET, POST, PUT, DELETE";
    static final String HEADERS = "Accept, Authorization, Content-Type, If-Match, If-None-Match, Prefer, X-Authorization, "
            + "X-Authorization-Mode, X-HTTP-Method-Override, X-Override, X-Requested-With";
    static final String EXPOSED = "ETag, Location, Retry-After, Preference-Applied, Allow, Vary, WWW-Authenticate, X-Request-Id";
    private static final Set<String> ALLOWED_METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    private final Set<String> origins;
    private final boolean any;
    private final Services services;

    public CorsFilter(Services services) {
        this.services = services;
        this.origins = Set.copyOf(services.config().corsOrigins());
        this.any = origins.contains("*");
    }

    @Override
    public void filter(ContainerRequestContext ctx) {
        String origin = ctx.getHeaderString("Origin");
        String asked = ctx.getHeaderString("Access-Control-Request-Method");
        if (origins.isEmpty() || origin == null || !"OPTIONS".equals(ctx.getMethod()) || asked == null) return;
        if (!allowed(origin)) {
            refuse(ctx, Diagnosis.application("OriginNotAllowed", "requests from " + origin + " are not allowed (--cors-origin)", null));
            return;
        }
        if (!ALLOWED_METHODS.contains(asked.trim())) {
            refuse(ctx, Diagnosis.application("MethodNotAllowed", asked + " is not allowed from another origin; use " + METHODS, null));
            return;
        }
        jakarta.ws.rs.core.Response.ResponseBuilder rb = jakarta.ws.rs.core.Response.noContent()
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Allow-Headers", HEADERS)
                .header("Access-Control-Max-Age", "600");
        ctx.abortWith(rb.build()); // the response filter adds the origin headers
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origins.isEmpty() || origin == null || !allowed(origin)) return;
        MultivaluedMap<String, Object> h = response.getHeaders();
        if (any) {
            h.putSingle("Access-Control-Allow-Origin", "*");
        } else {
            h.putSingle("Access-Control-Allow-Origin", origin);
            h.putSingle("Access-Control-Allow-Credentials", "true");
            h.add("Vary", "Origin");
        }
        h.putSingle("Access-Control-Expose-Headers", EXPOSED);
    }

    private boolean allowed(String origin) { return any || origins.contains(origin); }

    private void refuse(ContainerRequestContext ctx, Diagnosis d) { ctx.abortWith(services.responses().refusal(ctx, 403, d)); }
}
