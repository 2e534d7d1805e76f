package io.sdataserver.pipeline;

import io.sdataserver.atom.Link;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.payload.PayloadShape;
import io.sdataserver.payload.PayloadWriter;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.store.UnitOfWork;
import io.sdataserver.tracking.Tracking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an operation came to, in no particular format: a status, headers (ETag, Location, Allow, Retry-After) and
 * a body that a representation (Atom today) writes. A body that still reads as it is written (a feed page, embedded
 * references) does so in the operation's unit of work, which is closed with the outcome.
 */
public final class Outcome implements AutoCloseable {
    /** What the answer carries. */
    public sealed interface Body { }

    /** A resource as an entry; {@code standalone} entries carry the kind's schema, template and post links. */
    public record Entry(Urls urls, ResourceKind kind, ResourceState state, PayloadShape shape, boolean standalone,
                        PayloadWriter.Resolver resolver) implements Body {
        /** The resource's URL: its atom:id, self link and JSON $url. */
        public String self() { return urls.resource(kind, state.key()); }

        /** Its descriptor: the atom:title, the JSON $descriptor. */
        public String title() { return Dispatcher.title(kind) + " " + state.key(); }

        /** The ETag the entry shows, or null where the kind's policy shows none. */
        public String etag() { return io.sdataserver.service.EtagPolicy.of(kind).emitted(state); }
    }

    /** The $template entry of a new resource. */
    public record Template(Urls urls, ResourceKind kind, PayloadShape shape) implements Body { }

    /** A feed of resources: its head (links include self and paging), then its entries as they are read. */
    public record Feed(String id, String title, List<Link> links, ResourceKind entryKind, long total, long startIndex,
                       int count, List<Diagnosis> warnings, Consumer<Consumer<Entry>> entries) implements Body { }

    /**
     * A batch answer (§13.4): one item per request entry, in order, each produced as the feed is written (a batch's
     * entries run while their answers stream out, or ran before in an atomic batch).
     */
    public record BatchFeed(String id, String title, List<Link> links, Consumer<Consumer<BatchItem>> items) implements Body { }

    /**
     * An intermediate URL's list (URL-24): the provider's applications, an application's contracts, a contract's
     * datasets, a dataset's collections; each item with its URL, title and SData category.
     */
    public record Catalog(String id, String title, String term, String label, List<CatalogItem> items) implements Body { }

    public record CatalogItem(String url, String title, String term, String label) { }

    /** One entry's answer in a batch: the method it asked for, the URL it named (if any), and its outcome. */
    public record BatchItem(String method, String id, Outcome outcome) { }

    /**
     * A contract's $schema (§4): its XSD document (the whole schema or one part) for Atom; another representation
     * may show the contract in its own schema language.
     */
    public record Schema(io.sdataserver.contract.Contract contract, String url, byte[] xsd) implements Body { }

    /** A document given as bytes (a batch answer kept for later). */
    public record Bytes(String mediaType, byte[] bytes) implements Body { }

    /** The sdata:tracking document of a reliable post or an asynchronous operation. */
    public record TrackingDocument(Tracking tracking) implements Body { }

    /** sdata:diagnoses: what went wrong. */
    public record Diagnoses(List<Diagnosis> diagnoses) implements Body { }

    private final int status;
    private final Map<String, String> headers;
    private final Body body;
    private String etag; // the ETag as stored; the header carries it quoted
    private UnitOfWork unit;

    private Outcome(int status, Map<String, String> headers, Body body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public static Outcome of(int status, Body body) { return new Outcome(status, new LinkedHashMap<>(), body); }

    public static Outcome empty(int status) { return of(status, null); }

    public Outcome header(String name, String value) {
        if (value != null) headers.put(name, value);
        return this;
    }

    /** The representation's ETag (null: none): the ETag header, quoted once here (CONC-2). */
    public Outcome etag(String value) {
        this.etag = value;
        return header("ETag", value == null ? null : io.sdataserver.service.EtagRule.header(value));
    }

    /** The ETag as stored, unquoted, or null. */
    public String etag() { return etag; }

    /** The unit of work the body still reads in; closed with the outcome. */
    Outcome reading(UnitOfWork u) {
        this.unit = u;
        return this;
    }

    /**
     * Whether writing the body still reads from the database (a feed page, embedded references): in the unit of work
     * of the operation, which must then stay open until it is written.
     */
    public boolean readsAsWritten() {
        return unit != null || body instanceof Feed || (body instanceof Entry e && e.shape().readsReferences());
    }

    /** The reason phrase of a status: a batch entry's http:httpMessage. */
    public static String reasonPhrase(int status) {
        String phrase = REASONS.get(status);
        return phrase != null ? phrase : "Status " + status;
    }

    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(201, "Created"),
            Map.entry(202, "Accepted"), Map.entry(204, "No Content"), Map.entry(304, "Not Modified"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(410, "Gone"), Map.entry(412, "Precondition Failed"), Map.entry(413, "Request Entity Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(424, "Failed Dependency"), Map.entry(428, "Precondition Required"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"));

    public int status() { return status; }
    public Map<String, String> headers() { return headers; }
    public String header(String name) { return headers.get(name); }
    /** Null when the answer has no body. */
    public Body body() { return body; }

    @Override
    public void close() {
        if (unit != null) {
            unit.close();
            unit = null;
        }
    }
}
