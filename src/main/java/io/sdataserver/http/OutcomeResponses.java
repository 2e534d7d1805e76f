package io.sdataserver.http;

import io.sdataserver.pipeline.Outcome;
import io.sdataserver.pipeline.Representation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Map;
import org.glassfish.jersey.server.CloseableService;

/**
 * An outcome as a JAX-RS response: its status and headers, and its body streamed by the representation the request
 * negotiated. The outcome (and the unit of work its body reads in) is closed once Jersey has finished the response,
 * written or not (a HEAD request writes no body).
 */
final class OutcomeResponses {
    private final Formats formats;

    OutcomeResponses(Formats formats) { this.formats = formats; }

    /** The outcome in the representation this request asks for. */
    Response of(Outcome o, CloseableService closer, MultivaluedMap<String, String> query, HttpHeaders headers) {
        return of(o, closer, formats.answer(query, headers), Formats.negotiated(query));
    }

    /** The outcome in {@code representation}; {@code negotiated}: chosen by Accept, so the answer varies by it. */
    Response of(Outcome o, CloseableService closer, Representation representation, boolean negotiated) {
        if (closer != null) closer.add(o::close);
        else o.close();
        Response.ResponseBuilder rb = Response.status(o.status());
        for (Map.Entry<String, String> h : o.headers().entrySet()) rb.header(h.getKey(), h.getValue());
        Outcome.Body body = o.body();
        if (body != null) {
            StreamingOutput out = stream -> representation.write(body, stream);
            rb.entity(out).type(representation.mediaType(body));
        }
        if (negotiated) rb.header("Vary", "Accept");
        return rb.build();
    }
}
