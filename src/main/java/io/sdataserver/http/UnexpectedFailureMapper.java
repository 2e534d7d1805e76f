package io.sdataserver.http;

import io.sdataserver.pipeline.Outcomes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Anything unforeseen outside the dispatcher: 500 with a diagnosis, through the one outcome mapping (ERR-5). */
public final class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {
    private final Outcomes outcomes;
    private final OutcomeResponses responses;
    @Context private Request request;

    UnexpectedFailureMapper(Outcomes outcomes, OutcomeResponses responses) {
        this.outcomes = outcomes;
        this.responses = responses;
    }

    public static UnexpectedFailureMapper of(Services services) {
        return new UnexpectedFailureMapper(services.dispatcher().outcomes(), services.responses());
    }

    @Override
    public Response toResponse(Throwable e) { return responses.of(outcomes.fault(e, request.getMethod(), null), null); }
}
