package io.sdataserver.http.gate;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.DiagnosesXml;
import io.sdataserver.diagnosis.SDataCode;
import io.sdataserver.diagnosis.Severity;
import java.io.IOException;
import java.util.List;
import org.glassfish.grizzly.http.server.Response;

/**
 * An answer the gate gives itself, before a worker or Jersey sees the request: a status with one diagnosis. Those
 * that leave part of a body unread also close the connection, since the rest of it cannot be told from a next request.
 */
public record GateAnswer(int status, Diagnosis diagnosis, boolean close, String retryAfter) {

    static GateAnswer bodyTooLarge(long limit) {
        return new GateAnswer(413, Diagnosis.application("PayloadTooLarge",
                "the request body is larger than " + limit + " bytes (--max-body)", null), true, null);
    }

    static GateAnswer bodyTooSlow(Limits limits, long received) {
        return new GateAnswer(408, Diagnosis.application("RequestTimeout", "the request body did not arrive in time: "
                + received + " bytes were received; a body may take " + limits.readTimeout().toSeconds()
                + " s plus one second for each " + limits.minReadRate() + " bytes (--read-timeout, --min-read-rate)", null), true, null);
    }

    static GateAnswer ambiguousLength() {
        return new GateAnswer(400, Diagnosis.application("AmbiguousMessageLength", "a request may not carry both Content-Length "
                + "and Transfer-Encoding (RFC 9112 section 6.1); the connection is closed", null), true, null);
    }

    static GateAnswer brokenBody(Throwable t) {
        return new GateAnswer(400, Diagnosis.application("BadRequestBody", "the request body could not be read: "
                + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()), null), true, null);
    }

    static GateAnswer busy(Limits limits) {
        return new GateAnswer(503, new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "ServerBusy",
                "all " + limits.workers() + " workers are busy and " + limits.queue()
                        + " requests are waiting (--workers, --queue); retry shortly", null), false, "1");
    }

    static GateAnswer bodiesBufferedFull(Limits limits) {
        return new GateAnswer(503, new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "ServerBusy",
                "the server holds " + limits.maxBufferedBytes() + " bytes of request bodies already (--max-buffered); retry shortly",
                null), true, "1");
    }

    static GateAnswer tooManyConnections(int cap) {
        return new GateAnswer(503, new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "TooManyConnections",
                "this address already has " + cap + " open connections (--max-connections-per-client); close one and retry",
                null), true, "1");
    }

    static GateAnswer headersTooSlow(Limits limits) {
        return new GateAnswer(408, Diagnosis.application("RequestTimeout", "the request line and headers did not arrive within "
                + limits.readTimeout().toSeconds() + " s (--read-timeout)", null), true, null);
    }

    /**
     * The whole answer as bytes, for a connection that has no request object to answer through (it is over the
     * per-client cap, or its headers never completed); the connection is closed after it.
     */
    byte[] raw() {
        byte[] body = DiagnosesXml.bytes(List.of(diagnosis));
        String head = "HTTP/1.1 " + status + " " + org.glassfish.grizzly.http.util.HttpStatus.getHttpStatus(status).getReasonPhrase()
                + "\r\nContent-Type: application/xml;charset=UTF-8\r\n" + (retryAfter == null ? "" : "Retry-After: " + retryAfter + "\r\n")
                + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Writes the answer on a response nothing has been written to yet, with its access-log line and request id. */
    void write(Response response) throws IOException {
        org.glassfish.grizzly.http.server.Request request = response.getRequest();
        String id = io.sdataserver.http.AccessLog.requestId();
        response.setHeader("X-Request-Id", id);
        io.sdataserver.http.AccessLog.line(request.getMethod() + " " + request.getRequestURI() + " " + status
                + " 0ms user=- id=" + id + " (answered by the request gate)");
        boolean json = io.sdataserver.pipeline.Negotiation.json(io.sdataserver.pipeline.Query.parse(request.getQueryString()).first("format"), request.getHeader("Accept"),
                request.getHeader("Content-Type"));
        byte[] body = json ? io.sdataserver.json.JsonRepresentation.diagnosesDocument(List.of(diagnosis))
                : DiagnosesXml.bytes(List.of(diagnosis));
        response.setStatus(status);
        response.setContentType(json ? "application/json" : "application/xml");
        response.setCharacterEncoding("UTF-8");
        if (retryAfter != null) response.setHeader("Retry-After", retryAfter);
        if (close) {
            response.setHeader("Connection", "close");
            // Grizzly would otherwise read and discard whatever body is left (without end, for a hostile one)
            response.getRequest().getRequest().setContentBroken(true);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
