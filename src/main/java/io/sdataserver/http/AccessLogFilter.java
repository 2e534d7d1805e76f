package io.sdataserver.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * One access-log line per request (logger {@code sdata.access}): method, path (without the query, which may hold
 * data), status, milliseconds, user and request id. The id is the client's {@code X-Request-Id} when it sends a
 * sensible one, else a new one; it is echoed in the answer so that a client's report can be found in the log.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR - 500)
public final class AccessLogFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** The kind of target a request had (set by the endpoint that served it), for the metrics. */
    public static final String OPERATION = "sdata.operation";

    private final Metrics metrics;

    public AccessLogFilter(Metrics metrics) { this.metrics = metrics; }
    private static final String START = "sdata.start";
    private static final String ID = "sdata.requestId";
    private static final java.util.regex.Pattern SENSIBLE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void filter(ContainerRequestContext ctx) {
        ctx.setProperty(START, System.nanoTime());
        String given = ctx.getHeaderString("X-Request-Id");
        ctx.setProperty(ID, given != null && SENSIBLE_ID.matcher(given).matches() ? given : AccessLog.requestId());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(ID);
        if (id == null) return;
        response.getHeaders().putSingle("X-Request-Id", id);
        Object start = request.getProperty(START);
        long nanos = start instanceof Long t ? System.nanoTime() - t : 0;
        long ms = nanos / 1_000_000;
        Object operation = request.getProperty(OPERATION);
        metrics.request(request.getMethod(), operation == null ? "other" : operation.toString(), response.getStatus(), nanos);
        String user = AuthFilter.caller(request).name();
        AccessLog.line(request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath() + " " + response.getStatus() + " "
                + ms + "ms user=" + (user == null ? "-" : user) + " id=" + id);
    }
}
