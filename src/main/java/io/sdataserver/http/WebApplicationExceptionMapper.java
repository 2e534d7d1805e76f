package io.sdataserver.http;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** Jersey's own refusals (no route, method not allowed, ...) get diagnoses like every other error. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Diagnosis d;
        if (status == 404) {
            d = Diagnosis.error(SDataCode.BadUrlSyntax, "no SData resource at this URL; SData URLs look like "
                    + "/sdata/{application}/{contract}/{dataset}/{resourceKind}");
        } else if (status == 405) {
            d = Diagnosis.application("MethodNotAllowed", "this URL does not accept that method", null);
        } else {
            d = Diagnosis.application("HttpError", e.getMessage() == null ? "HTTP " + status : e.getMessage(), null);
        }
        Response.ResponseBuilder rb = DiagnosesResponses.of(status, List.of(d));
        String allow = original.getHeaderString("Allow");
        if (allow != null) rb.header("Allow", allow);
        return rb.build();
    }
}
