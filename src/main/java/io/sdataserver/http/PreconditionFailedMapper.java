package io.sdataserver.http;

import io.sdataserver.payload.PayloadShape;
import io.sdataserver.service.Dataset;
import io.sdataserver.service.PreconditionFailedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A stale If-Match: 412 with the current entry and its ETag, so the client can merge and retry (§9.3). */
public final class PreconditionFailedMapper implements ExceptionMapper<PreconditionFailedException> {
    private final Representations representations;
    @Context private UriInfo uriInfo;

    public PreconditionFailedMapper(Representations representations) { this.representations = representations; }

    @Override
    public Response toResponse(PreconditionFailedException e) {
        Dataset ds = e.dataset();
        Urls urls = new Urls(uriInfo.getBaseUri().toString(), ds.application(), ds.contract().name(), ds.name());
        return representations.entryResponse(Response.status(412),
                representations.entry(urls, e.kind(), e.current(), PayloadShape.DEFAULT, true)).build();
    }
}
