package io.sdataserver.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Writes Atom content types exactly as the spec prints them ({@code application/atom+xml; type=entry}); Jersey
 * would drop the space, and some SData clients compare the header text.
 */
public final class AtomContentTypeFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType mt = response.getMediaType();
        if (mt == null || !"atom+xml".equals(mt.getSubtype())) return;
        String type = mt.getParameters().get("type");
        if (type != null) response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, "application/atom+xml; type=" + type);
    }
}
