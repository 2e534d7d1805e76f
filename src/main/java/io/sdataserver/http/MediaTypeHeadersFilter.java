package io.sdataserver.http;

import io.sdataserver.diagnosis.SDataException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A Content-Type or Accept header that is not a media type is refused here with a diagnosis naming the header:
 * left to Jersey, it becomes a bare 400 with an empty body before any exception mapper runs.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR - 100)
public final class MediaTypeHeadersFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext ctx) {
        try {
            ctx.getMediaType();
        } catch (RuntimeException e) {
            throw fault(HttpHeaders.CONTENT_TYPE, ctx);
        }
        try {
            ctx.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            throw fault(HttpHeaders.ACCEPT, ctx);
        }
    }

    private static SDataException fault(String header, ContainerRequestContext ctx) {
        String value = ctx.getHeaderString(header);
        if (value != null && value.length() > 80) value = value.substring(0, 80) + "...";
        return SDataException.badRequest("BadHeader", "the " + header + " header '" + value + "' is not a media type");
    }
}
