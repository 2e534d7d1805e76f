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
        return of(o, closer, representation, negotiated, null);
    }

    /**
     * As above, with the client's {@code Prefer} header (RFC 7240): {@code return=minimal} turns a write's entry into
     * an empty answer (204 for an update, 201 without a body for a create) that keeps its ETag and Location, as
     * clients that only want the new ETag (Personium) expect; {@code return=representation} is what they get anyway.
     */
    Response of(Outcome o, CloseableService closer, Representation representation, boolean negotiated, String prefer) {
        if (closer != null) closer.add(o::close);
        else o.close();
        String applied = preference(prefer);
        boolean minimal = "return=minimal".equals(applied) && o.body() instanceof Outcome.Entry && (o.status() == 200 || o.status() == 201);
        Response.ResponseBuilder rb = Response.status(minimal && o.status() == 200 ? 204 : o.status());
        for (Map.Entry<String, String> h : o.headers().entrySet()) rb.header(h.getKey(), h.getValue());
        if (applied != null && o.status() < 300) rb.header("Preference-Applied", applied);
        Outcome.Body body = minimal ? null : o.body();
        if (body != null) {
            StreamingOutput out = stream -> write(representation, body, stream);
            rb.entity(out).type(representation.mediaType(body));
        }
        if (negotiated) rb.header("Vary", "Accept");
        return rb.build();
    }

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OutcomeResponses.class.getName());

    /**
     * Streams the body. When writing to the client's connection fails, the client went away (or was cut off for
     * being too slow): nothing can be answered any more, and it is no server fault, so it is noted quietly instead
     * of reaching Jersey, which logs each one as a severe error with its stack. Any other failure (a writer's own)
     * goes on as before.
     */
    private static void write(Representation representation, Outcome.Body body, java.io.OutputStream stream) throws java.io.IOException {
        ClientStream client = new ClientStream(stream);
        try {
            representation.write(body, client);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            if (!client.failed) throw e;
            LOG.log(java.util.logging.Level.FINE, "the client went away while its answer was written", e);
        }
    }

    /** The client's connection, remembering whether writing to it failed. */
    private static final class ClientStream extends java.io.FilterOutputStream {
        boolean failed;

        ClientStream(java.io.OutputStream out) { super(out); }

        private interface Io { void run() throws java.io.IOException; }

        private void noted(Io io) throws java.io.IOException {
            try {
                io.run();
            } catch (java.io.IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override public void write(int b) throws java.io.IOException { noted(() -> out.write(b)); }
        @Override public void write(byte[] b, int off, int len) throws java.io.IOException { noted(() -> out.write(b, off, len)); }
        @Override public void flush() throws java.io.IOException { noted(out::flush); }
        @Override public void close() throws java.io.IOException { noted(out::close); }
    }

    /** A filter's refusal, before any endpoint ran: in the format the request's parameters and headers ask for. */
    Response refusal(jakarta.ws.rs.container.ContainerRequestContext ctx, int status, io.sdataserver.diagnosis.Diagnosis d) {
        String format = new io.sdataserver.pipeline.Query(ctx.getUriInfo().getQueryParameters()).first("format");
        return of(io.sdataserver.pipeline.Outcomes.diagnoses(status, java.util.List.of(d)), null,
                formats.answer(format, ctx.getHeaderString("Accept"), ctx.getHeaderString("Content-Type")), false);
    }

    /** The return preference of a Prefer header, or null (RFC 7240: tokens in any case, separated by commas). */
    private static String preference(String prefer) {
        if (prefer == null) return null;
        for (String p : prefer.split(",")) {
            String t = p.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
            if (t.startsWith("return=minimal")) return "return=minimal";
            if (t.startsWith("return=representation")) return "return=representation";
        }
        return null;
    }
}
