package io.sdataserver.http;

import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.service.MethodNotAllowedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A refused request: its status (as the operation may answer it) and diagnoses, plus Allow on a 405. */
public final class SDataExceptionMapper implements ExceptionMapper<SDataException> {
    @Context private Request request;

    @Override
    public Response toResponse(SDataException e) {
        Response.ResponseBuilder rb = DiagnosesResponses.of(OperationStatus.answer(request.getMethod(), e.status()), e.diagnoses());
        if (e instanceof MethodNotAllowedException) rb.header("Allow", String.join(", ", ((MethodNotAllowedException) e).allowed()));
        return rb.build();
    }
}
