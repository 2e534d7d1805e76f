package io.sdataserver.http.gate;

import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.DiagnosesXml;
import java.util.List;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.KeepAlive;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly's HTTP/1.1 codec, with the answers it gives on its own made SData answers: a request line over the header
 * limit is 414, headers over it (in size or number) are 431, a request framed by both Content-Length and
 * Transfer-Encoding is 400 (RFC 9112 §6.1: the shape of request smuggling), anything else unparseable stays 400 or
 * 505; each carries a diagnosis instead of an empty body, and the connection is closed after it.
 */
final class HttpCodec extends org.glassfish.grizzly.http.HttpServerFilter {
    private final Limits limits;
    private final int maxHeaderBytes;
    private final int maxRequestHeaders;
    // when the first byte of the request whose headers are being read arrived; absent while a body is read
    private final Attribute<Long> headersSince = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("sdata.headersSince");
    private final Attribute<Boolean> inMessage = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("sdata.inMessage");

    @SuppressWarnings("deprecation")
    HttpCodec(Limits limits, boolean chunking, KeepAlive keepAlive, int maxRequestHeaders, int maxResponseHeaders) {
        super(chunking, limits.maxHeaderBytes(), null, keepAlive, null, maxRequestHeaders, maxResponseHeaders);
        this.limits = limits;
        this.maxHeaderBytes = limits.maxHeaderBytes();
        this.maxRequestHeaders = maxRequestHeaders;
    }

    /**
     * Request line and headers, like a body, must arrive within --read-timeout: a client that trickles them a byte
     * at a time (never idle long enough for the keep-alive timeout) is answered 408 with its next byte past it.
     */
    @Override
    public NextAction handleRead(FilterChainContext ctx) throws java.io.IOException {
        Connection<?> c = ctx.getConnection();
        if (!Boolean.TRUE.equals(inMessage.get(c))) {
            Long since = headersSince.get(c);
            long now = System.nanoTime();
            if (since == null) {
                headersSince.set(c, now);
            } else if (now - since > limits.readTimeout().toNanos()) {
                ctx.write(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, GateAnswer.headersTooSlow(limits).raw()));
                c.closeSilently();
                return ctx.getStopAction();
            }
        }
        return super.handleRead(ctx);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, org.glassfish.grizzly.filterchain.FilterChainEvent event)
            throws java.io.IOException {
        if (event.type() == org.glassfish.grizzly.http.HttpEvents.ResponseCompleteEvent.TYPE) {
            inMessage.remove(ctx.getConnection()); // answered: the next bytes start the next request's headers
        }
        return super.handleEvent(ctx, event);
    }

    /**
     * This server upgrades to nothing (no h2c, no WebSocket), so an {@code Upgrade} header is ignored as RFC 9110
     * §7.8 allows. Grizzly would otherwise pass the body through unframed, and a POST from a client offering h2c
     * (Java's HttpClient does by default) would never complete.
     */
    @Override
    protected void onIncomingUpgrade(FilterChainContext ctx, HttpHeader header) {
        header.getUpgradeDC().recycle();
    }

    /** Thrown while parsing, so that the header error path answers it. */
    private static final class AmbiguousLength extends IllegalStateException {
        AmbiguousLength() { super("both Content-Length and Transfer-Encoding"); }
    }

    @Override
    protected boolean onHttpHeaderParsed(HttpHeader header, Buffer buffer, FilterChainContext ctx) {
        // Grizzly lets Transfer-Encoding win and drops the Content-Length; its count survives in the parsing state
        MimeHeaders headers = header.getHeaders();
        int lengths = ((HttpPacketParsing) header).getHeaderParsingState().contentLengthHeadersCount;
        if (headers.getHeader(Header.TransferEncoding) != null && (lengths > 0 || headers.getHeader(Header.ContentLength) != null)) {
            throw new AmbiguousLength();
        }
        headersSince.remove(ctx.getConnection());
        inMessage.set(ctx.getConnection(), Boolean.TRUE);
        return super.onHttpHeaderParsed(header, buffer, ctx);
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t) throws java.io.IOException {
        HttpResponsePacket response = ((HttpRequestPacket) header).getResponse();
        String m = t.getMessage() == null ? "" : t.getMessage();
        Diagnosis d;
        if (t instanceof AmbiguousLength) {
            HttpStatus.BAD_REQUEST_400.setValues(response);
            d = GateAnswer.ambiguousLength().diagnosis();
        } else if (m.contains("intial line is too large") || m.contains("initial line is too large")) {
            HttpStatus.REQUEST_URI_TOO_LONG_414.setValues(response);
            d = Diagnosis.application("UriTooLong", "the request line is longer than " + maxHeaderBytes
                    + " bytes (--max-header-bytes)", null);
        } else if (m.contains("header is too large") || t instanceof MimeHeaders.MaxHeaderCountExceededException) {
            HttpStatus.getHttpStatus(431).setValues(response);
            d = Diagnosis.application("HeadersTooLarge", "the request headers are larger than " + maxHeaderBytes
                    + " bytes (--max-header-bytes) or more than " + maxRequestHeaders + " in number", null);
        } else {
            if (response.getStatus() < 400) HttpStatus.BAD_REQUEST_400.setValues(response);
            d = byStatus(response.getStatus());
        }
        ctx.write(encodeHttpPacket(ctx, errorContent(response, d)));
        response.getProcessingState().getHttpContext().close();
    }

    /** The other errors Grizzly answers itself (a broken chunked body, say), with the status it chose. */
    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        return errorContent(response, byStatus(response.getStatus()));
    }

    private static Diagnosis byStatus(int status) {
        if (status == 505) return Diagnosis.application("HttpVersionNotSupported", "only HTTP/1.0 and HTTP/1.1 are served", null);
        return Diagnosis.application("MalformedRequest", "the request is not well-formed HTTP/1.1", null);
    }

    private static HttpContent errorContent(HttpResponsePacket response, Diagnosis d) {
        byte[] body = DiagnosesXml.bytes(List.of(d));
        // straight into the headers: a response to an unparseable request line skips Grizzly's content-type handling
        response.getHeaders().setValue(Header.ContentType).setString("application/xml;charset=UTF-8");
        response.setContentLength(body.length);
        response.setHeader(Header.Connection, "close");
        Buffer content = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body);
        return HttpContent.builder(response).content(content).last(true).build();
    }
}
