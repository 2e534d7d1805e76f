package io.sdataserver.http;

import io.sdataserver.atom.AtomReader;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.json.JsonReader;
import io.sdataserver.json.JsonRepresentation;
import io.sdataserver.payload.RequestEntry;
import io.sdataserver.payload.RequestFormat;
import io.sdataserver.pipeline.Negotiation;
import io.sdataserver.pipeline.Representation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The formats of a request: which representation answers it (as {@link Negotiation} decides), and which format
 * reads its body. A body is read by its Content-Type: Atom or XML, or JSON; any other type is
 * refused with 415, and a body whose first character contradicts its label with 400.
 */
public final class Formats {
    private final AtomRepresentation atom;
    private final JsonRepresentation json;
    private final AtomReader atomReader;
    private final JsonReader jsonReader;

    public Formats(AtomRepresentation atom, JsonRepresentation json, AtomReader atomReader, JsonReader jsonReader) {
        this.atom = atom;
        this.json = json;
        this.atomReader = atomReader;
        this.jsonReader = jsonReader;
    }

    public AtomRepresentation atom() { return atom; }

    /** The representation of the answer. */
    public Representation answer(MultivaluedMap<String, String> query, HttpHeaders headers) {
        String format = query == null ? null : new io.sdataserver.pipeline.Query(query).first("format");
        return Negotiation.json(format, headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT),
                headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE)) ? json : atom;
    }

    /** The representation for these header texts (where no HttpHeaders exist yet: filters). */
    public Representation answer(String format, String accept, String contentType) {
        return Negotiation.json(format, accept, contentType) ? json : atom;
    }

    /** Whether the answer depends on Accept (then it carries Vary: Accept). */
    public static boolean negotiated(MultivaluedMap<String, String> query) {
        return Negotiation.negotiated(query == null ? null : new io.sdataserver.pipeline.Query(query).first("format"));
    }

    /** The format that reads the body, by its Content-Type; reading checks the label against the body. */
    public RequestFormat body(HttpHeaders headers) {
        MediaType type = contentType(headers);
        if (type == null || isXml(type)) return new Checked(atomReader, false, type);
        if (isJson(type)) return new Checked(jsonReader, true, type);
        return new RequestFormat() {
            @Override public RequestEntry readEntry(InputStream body) { throw unsupported(type); }
            @Override public List<RequestEntry> readBatch(InputStream body, int maxEntries) { throw unsupported(type); }
        };
    }

    /** The request's Content-Type, or null when absent or not a media type (refused by MediaTypeHeadersFilter). */
    private static MediaType contentType(HttpHeaders headers) {
        try {
            return headers == null ? null : headers.getMediaType();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean isJson(MediaType mt) {
        return mt != null && Negotiation.isJsonType((mt.getType() + "/" + mt.getSubtype()).toLowerCase(Locale.ROOT));
    }

    static boolean isXml(MediaType mt) {
        return mt != null && Negotiation.isXmlType((mt.getType() + "/" + mt.getSubtype()).toLowerCase(Locale.ROOT));
    }

    private static SDataException unsupported(MediaType type) {
        return new SDataException(415, Diagnosis.application("UnsupportedMediaType", "a body of type " + type.getType() + "/"
                + type.getSubtype() + " cannot be read; send application/atom+xml (or application/xml) or application/json", null));
    }

    /** A format whose body must start as its label says: '<' for XML, '{' or '[' for JSON. */
    private record Checked(RequestFormat format, boolean json, MediaType label) implements RequestFormat {
        @Override public RequestEntry readEntry(InputStream body) { return format.readEntry(checked(body)); }

        @Override public List<RequestEntry> readBatch(InputStream body, int maxEntries) {
            return format.readBatch(checked(body), maxEntries);
        }

        private InputStream checked(InputStream body) {
            InputStream in = body.markSupported() ? body : new BufferedInputStream(body);
            try {
                in.mark(4096);
                int c;
                int skipped = 0;
                do {
                    c = in.read();
                } while (c >= 0 && ++skipped < 4096 && (Character.isWhitespace(c) || c == 0xEF || c == 0xBB || c == 0xBF));
                in.reset();
                boolean looksJson = c == '{' || c == '[';
                boolean looksXml = c == '<';
                String named = label == null ? "no Content-Type (read as Atom)" : "Content-Type " + label.getType() + "/" + label.getSubtype();
                if (json && looksXml) throw mismatch("the body is XML but its " + named + " says JSON");
                if (!json && looksJson) throw mismatch("the body is JSON but its " + named + " says Atom/XML; send it as application/json");
                return in;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static SDataException mismatch(String message) {
            return new SDataException(400, Diagnosis.application("ContentTypeMismatch", message, null));
        }
    }
}
