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
public record GateAnswer(int status, Diagnosis diagnosis, Ending ending, String retryAfter) {

    /** What becomes of the connection after the answer. */
    public enum Ending {
        /** Kept for the next request: the whole request was read. */
        KEEP,
        /**
         * Closed once the rest of the body has been read and dropped, at most {@link #DRAIN_BYTES} of it and for at
         * most {@link #DRAIN_SECONDS}: closing with unread bytes makes the kernel reset the connection, and a client
         * still sending then often loses the answer it was sent (RFC 9112 section 9.6).
         */
        DRAIN,
        /** Closed at once: the rest cannot be read as HTTP (broken framing) or is not worth waiting for (too slow). */
        CLOSE
    }

    /** The most of a refused body read and dropped before the connection is closed all the same. */
    static final long DRAIN_BYTES = 1 << 20;
    /** The longest a refused body is read and dropped before the connection is closed all the same. */
    static final long DRAIN_SECONDS = 2;

    static GateAnswer bodyTooLarge(long limit) {
        return new GateAnswer(413, Diagnosis.application("PayloadTooLarge",
                "the request body is larger than " + limit + " bytes (--max-body)", null), Ending.DRAIN, null);
    }

    static GateAnswer bodyTooSlow(Limits limits, long received) {
        return new GateAnswer(408, Diagnosis.application("RequestTimeout", "the request body did not arrive in time: "
                + received + " bytes were received; a body may take " + limits.readTimeout().toSeconds()
                + " s plus one second for each " + limits.minReadRate() + " bytes (--read-timeout, --min-read-rate)", null), Ending.CLOSE, null);
    }

    static GateAnswer ambiguousLength() {
        return new GateAnswer(400, Diagnosis.application("AmbiguousMessageLength", "a request may not carry both Content-Length "
                + "and Transfer-Encoding (RFC 9112 section 6.1); the connection is closed", null), Ending.CLOSE, null);
    }

    static GateAnswer brokenBody(Throwable t) {
        return new GateAnswer(400, Diagnosis.application("BadRequestBody", "the request body could not be read: "
                + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()), null), Ending.CLOSE, null);
    }

    static GateAnswer busy(Limits limits) {
        return new GateAnswer(503, new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "ServerBusy",
                "all " + limits.workers() + " workers are busy and " + limits.queue()
                        + " requests are waiting (--workers, --queue); retry shortly", null), Ending.KEEP, "1");
    }

    static GateAnswer bodiesBufferedFull(Limits limits) {
        return new GateAnswer(503, new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "ServerBusy",
                "the server holds " + limits.maxBufferedBytes() + " bytes of request bodies already (--max-buffered); retry shortly",
                null), Ending.DRAIN, "1");
    }

    static GateAnswer tooManyConnections(int cap) {
        return new GateAnswer(503, new Diagnosis(Severity.transient_, SDataCode.ApplicationDiagnosis, "TooManyConnections",
                "this address already has " + cap + " open connections (--max-connections-per-client); close one and retry",
                null), Ending.CLOSE, "1");
    }

    static GateAnswer headersTooSlow(Limits limits) {
        return new GateAnswer(408, Diagnosis.application("RequestTimeout", "the request line and headers did not arrive within "
                + limits.readTimeout().toSeconds() + " s (--read-timeout)", null), Ending.CLOSE, null);
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

    /**
     * Writes the answer on a response nothing has been written to yet, with its access-log line and request id;
     * {@code timer} closes a draining connection whose client sends on past {@link #DRAIN_SECONDS}.
     */
    void write(Response response, java.util.concurrent.ScheduledExecutorService timer) throws IOException {
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
        if (ending != Ending.KEEP) response.setHeader("Connection", "close");
        if (ending == Ending.CLOSE) {
            // Grizzly would otherwise read and drop whatever body is left
            response.getRequest().getRequest().setContentBroken(true);
        } else if (ending == Ending.DRAIN) {
            // Grizzly drops the rest of the body, up to DRAIN_BYTES (the codec's limit), then closes (Connection:
            // close); this bounds the time a client trickling it may keep the connection
            org.glassfish.grizzly.Connection<?> connection = response.getRequest().getRequest().getConnection();
            timer.schedule(connection::closeSilently, DRAIN_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
