package io.sdataserver.http;

import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.pipeline.Outcomes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A request refused before it reached the dispatcher (URL grammar, application, dataset, filters): the same mapping. */
public final class SDataExceptionMapper implements ExceptionMapper<SDataException> {
    private final Outcomes outcomes;
    private final OutcomeResponses responses;
    @Context private Request request;

    SDataExceptionMapper(Outcomes outcomes, OutcomeResponses responses) {
        this.outcomes = outcomes;
        this.responses = responses;
    }

    public static SDataExceptionMapper of(Services services) {
        return new SDataExceptionMapper(services.dispatcher().outcomes(), services.responses());
    }

    @Override
    public Response toResponse(SDataException e) { return responses.of(outcomes.fault(e, request.getMethod(), null), null); }
}
