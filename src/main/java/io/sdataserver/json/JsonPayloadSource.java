package io.sdataserver.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.payload.Identity;
import io.sdataserver.payload.PayloadSource;
import io.sdataserver.payload.SentList;
import io.sdataserver.payload.SentResource;
import io.sdataserver.payload.SentValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON resource object as a {@link PayloadSource}: what JSON spells, read out. Properties are the members without
 * a {@code $}; identity and flags are {@code $key}, {@code $uuid}, {@code $url}, {@code $isDeleted} and
 * {@code $deleteMissing}; {@code null} is nil; a list is an object with {@code $resources} (or a bare array). Other
 * {@code $} members ({@code $etag}, {@code $updated}, ... echoed from a read) are the protocol's and are not
 * properties. The rules that judge all this are the payload reader's, as for Atom.
 */
final class JsonPayloadSource implements PayloadSource {
    private final ObjectNode root;

    JsonPayloadSource(ObjectNode root) { this.root = root; }

    @Override public SentResource resource(EntityType type, String name) { return new Resource(root); }

    private static boolean flag(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v != null && (v.isBoolean() ? v.booleanValue() : "true".equals(v.asText().trim()));
    }

    private static String text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private record Resource(JsonNode node) implements SentResource {
        @Override public Identity identity() { return new Identity(text(node, "$key"), text(node, "$uuid"), text(node, "$url")); }

        @Override public boolean isDeleted() { return flag(node, "$isDeleted"); }

        @Override public List<SentValue> properties() {
            List<SentValue> values = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().startsWith("$")) values.add(new Value(e.getKey(), e.getValue()));
            }
            return values;
        }
    }

    private record Value(String name, JsonNode node) implements SentValue {
        @Override public boolean isForeign() { return false; }

        @Override public boolean isNil() { return node.isNull(); }

        @Override public String lexical() {
            if (node.isContainerNode()) return null;
            if (node.isBigDecimal() || node.isDouble() || node.isFloat()) return node.decimalValue().toPlainString();
            return node.asText();
        }

        @Override public SentResource resource(EntityType type) {
            return new Resource(node.isObject() ? node : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }

        @Override public SentList list(Property p) {
            JsonNode items = node.isArray() ? node : node.get("$resources");
            List<SentList.Item> out = new ArrayList<>();
            if (node.isValueNode()) {
                out.add(new SentList.Item("a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT), null));
            } else if (items != null && items.isArray()) {
                for (JsonNode item : items) {
                    out.add(item.isObject() ? new SentList.Item(null, new Resource(item))
                            : new SentList.Item("a JSON " + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT), null));
                }
            }
            return new SentList(!node.isArray() && flag(node, "$deleteMissing"), out);
        }
    }
}
