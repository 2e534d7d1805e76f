package io.sdataserver.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sdataserver.atom.Link;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.payload.PayloadWriter;
import io.sdataserver.payload.ResourceState;
import io.sdataserver.pipeline.Outcome;
import io.sdataserver.pipeline.Representation;
import io.sdataserver.tracking.Tracking;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Outcomes as JSON (§3.15): the same neutral bodies the Atom representation writes, spelled with {@code $} members
 * for the protocol and the contract's property names for the payload. Feeds and batch answers stream out entry by
 * entry, as in Atom.
 */
public final class JsonRepresentation implements Representation {
    public static final String MEDIA_TYPE = "application/json";

    /** Feed links by relation, as the $ members JSON names them (JSON-5). */
    private static final Map<String, String> LINKS = Map.of("first", "$first", "last", "$last", "next", "$next",
            "previous", "$previous", Link.REL_SCHEMA, "$schema", Link.REL_TEMPLATE, "$template", Link.REL_POST, "$post");

    private final JsonFactory factory = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    @Override
    public String name() { return "json"; }

    @Override
    public String mediaType(Outcome.Body body) {
        return body instanceof Outcome.Bytes b ? b.mediaType() : MEDIA_TYPE + "; charset=utf-8";
    }

    @Override
    public void write(Outcome.Body body, OutputStream out) throws IOException {
        if (body instanceof Outcome.Bytes b) {
            out.write(b.bytes());
            return;
        }
        try (JsonGenerator g = factory.createGenerator(out)) {
            if (body instanceof Outcome.Entry e) {
                g.writeStartObject();
                entryMembers(g, e);
                g.writeEndObject();
            } else if (body instanceof Outcome.Template t) {
                template(g, t);
            } else if (body instanceof Outcome.Feed f) {
                feed(g, f);
            } else if (body instanceof Outcome.BatchFeed b) {
                batch(g, b);
            } else if (body instanceof Outcome.Diagnoses d) {
                g.writeStartObject();
                diagnoses(g, d.diagnoses());
                g.writeEndObject();
            } else if (body instanceof Outcome.Catalog c) {
                g.writeStartObject();
                g.writeStringField("$url", c.id());
                g.writeStringField("$descriptor", c.title());
                g.writeArrayFieldStart("$resources");
                for (Outcome.CatalogItem it : c.items()) {
                    g.writeStartObject();
                    g.writeStringField("$url", it.url());
                    g.writeStringField("$descriptor", it.title());
                    g.writeStringField("$category", it.term());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } else if (body instanceof Outcome.Schema s) {
                JsonSchemaWriter.write(g, s.contract(), s.url());
            } else if (body instanceof Outcome.TrackingDocument t) {
                g.writeStartObject();
                g.writeFieldName("$tracking");
                tracking(g, t.tracking());
                g.writeEndObject();
            }
        }
    }

    /** An entry's members (JSON-3): $url, $key, $uuid, $updated, $descriptor, $etag, then its properties. */
    private static void entryMembers(JsonGenerator g, Outcome.Entry e) throws IOException {
        ResourceState s = e.state();
        g.writeStringField("$url", e.self());
        g.writeStringField("$key", s.key());
        if (s.uuid() != null) g.writeStringField("$uuid", s.uuid());
        g.writeStringField("$updated", s.updated().toString());
        g.writeStringField("$descriptor", e.title());
        String etag = e.etag();
        if (etag != null) g.writeStringField("$etag", etag);
        if (e.shape().hasPayload()) new PayloadWriter(e.urls(), e.resolver()).write(new JsonPayloadSink(g), e.kind(), s, e.shape());
    }

    private static void template(JsonGenerator g, Outcome.Template t) throws IOException {
        g.writeStartObject();
        g.writeStringField("$url", t.urls().template(t.kind()));
        g.writeStringField("$descriptor", "Template for a new " + io.sdataserver.pipeline.Dispatcher.title(t.kind()));
        PayloadWriter.template(new JsonPayloadSink(g), t.kind(), t.shape());
        g.writeEndObject();
    }

    /** A feed (JSON-2): its head, paging links, warnings, then $resources as they are read. */
    private static void feed(JsonGenerator g, Outcome.Feed f) throws IOException {
        g.writeStartObject();
        g.writeStringField("$url", f.id());
        g.writeStringField("$descriptor", f.title());
        g.writeNumberField("$totalResults", f.total());
        g.writeNumberField("$startIndex", f.startIndex());
        g.writeNumberField("$itemsPerPage", f.count());
        links(g, f.links());
        if (!f.warnings().isEmpty()) diagnoses(g, f.warnings());
        g.writeArrayFieldStart("$resources");
        f.entries().accept(e -> JsonPayloadSink.io(() -> {
            g.writeStartObject();
            entryMembers(g, e);
            g.writeEndObject();
        }));
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A batch answer (§13.4): per operation its $httpStatus, $httpMessage, $httpMethod, $location, $etag, and the entry. */
    private static void batch(JsonGenerator g, Outcome.BatchFeed b) throws IOException {
        g.writeStartObject();
        g.writeStringField("$url", b.id());
        g.writeStringField("$descriptor", b.title());
        g.writeArrayFieldStart("$resources");
        b.items().accept(item -> JsonPayloadSink.io(() -> batchItem(g, item)));
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void batchItem(JsonGenerator g, Outcome.BatchItem item) throws IOException {
        Outcome o = item.outcome();
        String location = o.header("Location");
        g.writeStartObject();
        g.writeNumberField("$httpStatus", o.status());
        g.writeStringField("$httpMessage", Outcome.reasonPhrase(o.status()));
        g.writeStringField("$httpMethod", item.method());
        if (location != null) g.writeStringField("$location", location);
        if (o.body() instanceof Outcome.Entry e) {
            entryMembers(g, e); // its $etag is the outcome's
        } else {
            String url = item.id() != null ? item.id() : location;
            if (url != null) g.writeStringField("$url", url);
            if (o.etag() != null) g.writeStringField("$etag", o.etag());
        }
        if (o.body() instanceof Outcome.Diagnoses d) diagnoses(g, d.diagnoses());
        g.writeEndObject();
    }

    private static void links(JsonGenerator g, List<Link> links) throws IOException {
        for (Link l : links) {
            String member = LINKS.get(l.rel());
            if (member != null) g.writeStringField(member, l.href());
        }
    }

    /** A {@code {"$diagnoses": [...]}} document, for answers given before any representation is chosen (the gate's). */
    public static byte[] diagnosesDocument(List<Diagnosis> diagnoses) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            diagnoses(g, diagnoses);
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code $diagnoses} (JSON-6): the fields of sdata:diagnosis, by the same names. */
    private static void diagnoses(JsonGenerator g, List<Diagnosis> diagnoses) throws IOException {
        g.writeArrayFieldStart("$diagnoses");
        for (Diagnosis d : diagnoses) {
            g.writeStartObject();
            g.writeStringField("severity", d.severity());
            g.writeStringField("sdataCode", d.sdataCode());
            if (!d.applicationCode().isEmpty()) g.writeStringField("applicationCode", d.applicationCode());
            g.writeStringField("message", d.message());
            if (!d.stackTrace().isEmpty()) g.writeStringField("stackTrace", d.stackTrace());
            if (!d.payloadPath().isEmpty()) g.writeStringField("payloadPath", d.payloadPath());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void tracking(JsonGenerator g, Tracking t) throws IOException {
        g.writeStartObject();
        g.writeStringField("phase", t.phase());
        g.writeStringField("phaseDetail", t.phaseDetail());
        g.writeNumberField("progress", t.progress());
        g.writeNumberField("elapsedSeconds", t.elapsedSeconds());
        g.writeNumberField("remainingSeconds", t.remainingSeconds());
        g.writeNumberField("pollingMillis", t.pollingMillis());
        g.writeEndObject();
    }
}
