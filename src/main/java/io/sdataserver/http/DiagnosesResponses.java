package io.sdataserver.http;

import io.sdataserver.diagnosis.Diagnoses;
import io.sdataserver.diagnosis.Diagnosis;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The one place where diagnoses become an HTTP response body (§3.10): application/xml, root sdata:diagnoses. */
final class DiagnosesResponses {
    private DiagnosesResponses() { }

    static Response.ResponseBuilder of(int status, List<Diagnosis> diagnoses) {
        Response.ResponseBuilder rb = Response.status(status).type(MediaType.APPLICATION_XML_TYPE).entity(new Diagnoses(diagnoses));
        if (status == 503) rb.header("Retry-After", "1");
        return rb;
    }
}
