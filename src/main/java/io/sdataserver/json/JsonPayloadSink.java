package io.sdataserver.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.payload.Identity;
import io.sdataserver.payload.PayloadSink;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON spelling of a payload (§3.15): properties by local name inside the entry's object; a simple value as a
 * JSON number, boolean or string after its XSD type; nil as {@code null}; a reference or an embedded resource as
 * an object with {@code $key}, {@code $uuid} and {@code $url}; a list as an object with {@code $url} and
 * {@code $resources}, as Sage's JavaScript client reads it. What to write is {@code PayloadWriter}'s to decide.
 */
final class JsonPayloadSink implements PayloadSink {
    private final JsonGenerator json;
    private int depth; // the entry's own resource is written into the entry object, which its writer opened

    JsonPayloadSink(JsonGenerator json) { this.json = json; }

    @Override public void startResource(ResourceKind kind, Identity id) {
        if (depth++ == 0) return;
        io(() -> {
            json.writeStartObject();
            identity(id);
        });
    }

    @Override public void startResource(Property p, Identity id) {
        depth++;
        io(() -> {
            json.writeFieldName(p.name());
            json.writeStartObject();
            identity(id);
        });
    }

    @Override public void startItem(Identity id) {
        depth++;
        io(() -> {
            json.writeStartObject();
            identity(id);
        });
    }

    @Override public void endResource() {
        if (--depth == 0) return;
        io(json::writeEndObject);
    }

    @Override public void simple(Property p, String lexical) {
        io(() -> {
            json.writeFieldName(p.name());
            JsonValues.write(json, p.valueType(), lexical);
        });
    }

    @Override public void nil(Property p) {
        io(() -> json.writeNullField(p.name()));
    }

    @Override public void link(Property p, Identity target, String lookup) {
        io(() -> {
            json.writeFieldName(p.name());
            json.writeStartObject();
            identity(target);
            if (lookup != null) json.writeStringField("$lookup", lookup);
            json.writeEndObject();
        });
    }

    /** Lists whose items are shown, innermost last: only those have a $resources array to close. */
    private final java.util.ArrayDeque<Boolean> lists = new java.util.ArrayDeque<>();

    @Override public void startList(Property p, String url, boolean withItems) {
        lists.push(withItems);
        io(() -> {
            json.writeFieldName(p.name());
            json.writeStartObject();
            if (url != null) json.writeStringField("$url", url);
            if (withItems) {
                json.writeFieldName("$resources");
                json.writeStartArray();
            }
        });
    }

    @Override public void linkItem(Identity target) {
        io(() -> {
            json.writeStartObject();
            identity(target);
            json.writeEndObject();
        });
    }

    @Override public void emptyItem() {
        io(() -> {
            json.writeStartObject();
            json.writeEndObject();
        });
    }

    @Override public void endList() {
        boolean withItems = lists.pop();
        io(() -> {
            if (withItems) json.writeEndArray();
            json.writeEndObject();
        });
    }

    private void identity(Identity id) throws IOException {
        if (id.url() != null) json.writeStringField("$url", id.url());
        if (id.key() != null) json.writeStringField("$key", id.key());
        if (id.uuid() != null) json.writeStringField("$uuid", id.uuid());
    }

    interface Io { void run() throws IOException; }

    static void io(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
