package io.sdataserver.http;

import io.sdataserver.pipeline.Outcome;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Map;
import org.glassfish.jersey.server.CloseableService;

/**
 * An outcome as a JAX-RS response: its status and headers, and its body streamed by the representation. The
 * outcome (and the unit of work its body reads in) is closed once Jersey has finished the response, written or not
 * (a HEAD request writes no body).
 */
final class OutcomeResponses {
    private final AtomRepresentation representation;

    OutcomeResponses(AtomRepresentation representation) { this.representation = representation; }

    Response of(Outcome o, CloseableService closer) {
        if (closer != null) closer.add(o::close);
        else o.close();
        Response.ResponseBuilder rb = Response.status(o.status());
        for (Map.Entry<String, String> h : o.headers().entrySet()) rb.header(h.getKey(), h.getValue());
        Outcome.Body body = o.body();
        if (body != null) {
            StreamingOutput out = stream -> representation.write(body, stream);
            rb.entity(out).type(representation.mediaType(body));
        }
        return rb.build();
    }
}
