package io.sdataserver.http;

import io.sdataserver.diagnosis.DiagnosesXml;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.Severity;
import io.sdataserver.pipeline.Outcomes;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Stands between Grizzly and the Jersey container, for the answers Jersey never gets to give: a request URL that is
 * not a valid URI (a bad percent-escape such as {@code %zz}) is 400 BadUrlSyntax, and the errors Grizzly answers itself
 * (503 while shutting down, a failure escaping the container) carry sdata:diagnoses instead of an HTML page with a
 * stack trace.
 */
public final class ContainerGuard extends HttpHandler {
    private static final Logger LOG = Logger.getLogger(ContainerGuard.class.getName());

    private final HttpHandler container;

    public ContainerGuard(HttpHandler container) { this.container = container; }

    @Override public void start() { container.start(); }

    @Override public void destroy() { container.destroy(); }

    @Override
    public void service(Request request, Response response) throws Exception {
        try {
            String uri = request.getRequestURI();
            // the npm sdata-client writes a key's double quotes as they are ("7"); they mean nothing else in a URL
            if (uri != null && uri.indexOf('"') >= 0) request.getRequest().setRequestURI(uri.replace("\"", "%22"));
            container.service(request, response);
        } catch (IllegalArgumentException e) {
            // Jersey builds the request URI before routing; an unparseable one surfaces here
            if (!(e.getCause() instanceof URISyntaxException u) || response.isCommitted()) throw e;
            write(response, 400, Diagnosis.error(SDataCode.BadUrlSyntax, "the URL is not a valid URI (" + u.getReason()
                    + "): spaces, quotes, braces and a '%' not followed by two hex digits must be percent-encoded"));
        } catch (RuntimeException e) {
            if (response.isCommitted()) throw e;
            LOG.log(Level.SEVERE, "request failed before reaching the resources", e);
            write(response, 500, Outcomes.internalError(null));
        }
    }

    private static void write(Response response, int status, Diagnosis d) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/xml");
        response.setCharacterEncoding("UTF-8");
        byte[] body = DiagnosesXml.bytes(List.of(d));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** For the errors Grizzly answers itself: a diagnosis naming the status, never a stack trace. */
    public static ErrorPageGenerator errorPages() {
        return (request, status, reasonPhrase, description, exception) -> {
            Response response = request.getResponse();
            response.setContentType("application/xml"); // set before Grizzly would default it to text/html
            response.setCharacterEncoding("UTF-8");
            if (status == 503) {
                response.setHeader("Retry-After", "1");
                return xml(new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "Unavailable",
                        "the server is shutting down; retry shortly", null));
            }
            Diagnosis d = status >= 500 ? Outcomes.internalError(null)
                    : Diagnosis.application("BadRequest", "the request was refused: " + reasonPhrase, null);
            return xml(d);
        };
    }

    private static String xml(Diagnosis d) { return new String(DiagnosesXml.bytes(List.of(d)), StandardCharsets.UTF_8); }
}
