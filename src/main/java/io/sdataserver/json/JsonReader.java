package io.sdataserver.json;

import com.fasterxml.jackson.core.JsonFactory;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.payload.RequestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON request bodies (§3.15) with Jackson, once each: a resource object for a single write, or a batch
 * ({@code $resources} of objects carrying {@code $httpMethod}, {@code $ifMatch} and {@code $url}, as Sage's JavaScript
 * client sends it). Duplicate members, nesting deeper than XML allows and oversized values are refused with 400,
 * like malformed JSON, before anything is applied.
 */
public final class JsonReader implements io.sdataserver.payload.RequestFormat {
    static final int MAX_DEPTH = 64;

    private final ObjectMapper mapper;

    public JsonReader() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(16 * 1024 * 1024).maxNumberLength(1000).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a decimal keeps the digits it was sent with: 202.70 stays 202.70, as in Atom
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    }

    /** A single resource object; 400 InvalidEntry when the body is not one. */
    @Override
    public RequestEntry readEntry(InputStream body) {
        JsonNode root = parse(body, "InvalidEntry", "a JSON resource object");
        if (!root.isObject()) throw fault("InvalidEntry", "the request body is a JSON " + type(root) + "; a JSON resource object is expected");
        return entry((ObjectNode) root);
    }

    /** A batch: {@code {"$resources": [...]}}; 400 InvalidBatch when it is not one or holds more than {@code maxEntries}. */
    @Override
    public List<RequestEntry> readBatch(InputStream body, int maxEntries) {
        JsonNode root = parse(body, "InvalidBatch", "a JSON batch object with $resources");
        JsonNode items = root.isObject() ? root.get("$resources") : null;
        if (items == null || !items.isArray()) {
            throw fault("InvalidBatch", "a batch is a JSON object whose $resources is an array of operations");
        }
        if (items.size() > maxEntries) {
            throw fault("InvalidBatch", "the batch holds more than " + maxEntries + " entries (--batch-max-entries); send it in parts");
        }
        List<RequestEntry> entries = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw fault("InvalidBatch", "entry " + (entries.size() + 1) + ": a JSON " + type(item) + " is not an operation object");
            }
            entries.add(entry((ObjectNode) item));
        }
        return entries;
    }

    private static RequestEntry entry(ObjectNode node) {
        return new RequestEntry(new JsonPayloadSource(node), null, member(node, "$ifMatch"), member(node, "$httpMethod"),
                member(node, "$url"));
    }

    private JsonNode parse(InputStream body, String code, String expected) {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) throw fault(code, "the request body is empty; " + expected + " is expected");
            return root;
        } catch (JsonProcessingException e) {
            throw fault(code, "the request body is not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String member(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.isContainerNode()) return null;
        String t = v.asText();
        return t.isBlank() ? null : t.trim();
    }

    private static String type(JsonNode n) { return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT); }

    private static SDataException fault(String code, String message) {
        return new SDataException(400, Diagnosis.application(code, message, null));
    }
}
