package io.sdataserver.http;

import io.sdataserver.pipeline.Outcomes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A fault raised outside the dispatcher (URL grammar, application, dataset, filters, anything unforeseen): answered
 * through the same outcome mapping as every other, for the request's method (after any override).
 */
public final class FaultMapper implements ExceptionMapper<Throwable> {
    private final Outcomes outcomes;
    private final OutcomeResponses responses;
    @Context private Request request;
    @Context private HttpHeaders headers;
    @Context private UriInfo uri;

    public FaultMapper(Services services) {
        this.outcomes = services.dispatcher().outcomes();
        this.responses = services.responses();
    }

    @Override
    public Response toResponse(Throwable e) {
        return responses.of(outcomes.fault(e, request.getMethod(), null), null, uri.getQueryParameters(), headers);
    }
}
