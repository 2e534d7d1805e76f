package io.sdataserver.http;

import io.sdataserver.diagnosis.Diagnosis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Anything unforeseen: 500 with a diagnosis; the stack trace reaches the client only in --dev mode (ERR-5). */
public final class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());
    private final boolean dev;

    public UnexpectedFailureMapper(boolean dev) { this.dev = dev; }

    @Override
    public Response toResponse(Throwable e) {
        LOG.log(Level.SEVERE, "request failed", e);
        Diagnosis d = Diagnosis.application("InternalError", "the server failed to process the request", null);
        if (dev) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            d.withStackTrace(sw.toString());
        }
        return DiagnosesResponses.of(500, List.of(d)).build();
    }
}
