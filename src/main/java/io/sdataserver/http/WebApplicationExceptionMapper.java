package io.sdataserver.http;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.pipeline.Outcome;
import io.sdataserver.pipeline.Outcomes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;

/** Jersey's own refusals (no route, method not allowed, ...) get diagnoses like every other error. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private final OutcomeResponses responses;

    @Context private HttpHeaders headers;
    @Context private UriInfo uri;

    public WebApplicationExceptionMapper(Services services) { this.responses = services.responses(); }

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
        Outcome o = Outcomes.diagnoses(status, List.of(d)).header("Allow", original.getHeaderString("Allow"));
        return responses.of(o, null, uri.getQueryParameters(), headers);
    }
}
