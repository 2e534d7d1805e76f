package io.sdataserver.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sdataserver.contract.Contract;
import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Facets;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A contract's $schema in JSON (§3.15, JSON-7): JSON Schema draft-zyp-json-schema-02 (types, {@code optional},
 * {@code enum}, {@code format}, length and range facets, {@code items}, {@code $ref}), with the contract's sme
 * attributes as {@code $}-prefixed members ({@code $role}, {@code $pluralName}, {@code $canGet}, {@code $canSort},
 * ...). Built from the same contract model as the XSD's readers see, so the two never disagree.
 */
final class JsonSchemaWriter {
    private JsonSchemaWriter() { }

    static void write(JsonGenerator g, Contract contract, String url) throws IOException {
        g.writeStartObject();
        g.writeStringField("$schema", "http://json-schema.org/draft-02/schema#");
        if (url != null) g.writeStringField("id", url);
        g.writeStringField("type", "object");
        g.writeStringField("description", "SData contract " + contract.name());
        g.writeObjectFieldStart("properties");
        for (ResourceKind kind : contract.kinds()) {
            g.writeObjectFieldStart(kind.elementName());
            g.writeStringField("type", "object");
            g.writeStringField("$role", "resourceKind");
            g.writeStringField("$pluralName", kind.pluralName());
            g.writeStringField("$label", kind.label());
            g.writeBooleanField("$canGet", kind.canGet());
            g.writeBooleanField("$canPost", kind.canPost());
            g.writeBooleanField("$canPut", kind.canPut());
            g.writeBooleanField("$canDelete", kind.canDelete());
            g.writeBooleanField("$supportsETag", kind.supportsETag());
            g.writeBooleanField("$hasUuid", kind.hasUuid());
            properties(g, kind.type(), new HashSet<>());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void properties(JsonGenerator g, EntityType type, Set<EntityType> inlined) throws IOException {
        inlined.add(type);
        g.writeObjectFieldStart("properties");
        for (Property p : type.properties()) {
            g.writeObjectFieldStart(p.name());
            if (p.isSimple()) simple(g, p);
            else relationship(g, p, inlined);
            g.writeStringField("$label", p.label());
            if (p.isReadOnly()) g.writeBooleanField("$isReadOnly", true);
            if (p.precedence() != null) g.writeNumberField("$precedence", p.precedence());
            g.writeEndObject();
        }
        g.writeEndObject();
        inlined.remove(type);
    }

    private static void simple(JsonGenerator g, Property p) throws IOException {
        String type;
        String format = null;
        switch (p.valueType()) {
            case BOOLEAN: type = "boolean"; break;
            case INT: case LONG: case INTEGER: type = "integer"; break;
            case DECIMAL: case DOUBLE: type = "number"; break;
            case DATE: type = "string"; format = "date"; break;
            case DATETIME: type = "string"; format = "date-time"; break;
            case TIME: type = "string"; format = "time"; break;
            default: type = "string";
        }
        if (p.isNillable()) {
            g.writeArrayFieldStart("type");
            g.writeString(type);
            g.writeString("null");
            g.writeEndArray();
        } else {
            g.writeStringField("type", type);
        }
        if (format != null) g.writeStringField("format", format);
        if (!p.isMandatory()) g.writeBooleanField("optional", true);
        if (!p.enumeration().isEmpty()) {
            g.writeArrayFieldStart("enum");
            for (String v : p.enumeration()) g.writeString(v);
            g.writeEndArray();
        }
        Facets f = p.facets();
        Integer min = f.length() != null ? f.length() : f.minLength();
        Integer max = f.length() != null ? f.length() : f.maxLength();
        if (min != null) g.writeNumberField("minLength", min);
        if (max != null) g.writeNumberField("maxLength", max);
        if (f.minInclusive() != null && JsonValues.isJsonNumber(f.minInclusive())) {
            g.writeFieldName("minimum");
            g.writeNumber(f.minInclusive());
        }
        if (f.maxInclusive() != null && JsonValues.isJsonNumber(f.maxInclusive())) {
            g.writeFieldName("maximum");
            g.writeNumber(f.maxInclusive());
        }
        if (f.fractionDigits() != null) g.writeNumberField("maxDecimal", f.fractionDigits());
        if (p.isMandatory()) g.writeBooleanField("$isMandatory", true);
        if (p.isUniqueKey()) g.writeBooleanField("$isUniqueKey", true);
        g.writeBooleanField("$canFilter", p.canFilter());
        g.writeBooleanField("$canSort", p.canSort());
    }

    /** A reference, child or association: an object ($key/$url) or a list of them, its target by $ref or inline. */
    private static void relationship(JsonGenerator g, Property p, Set<EntityType> inlined) throws IOException {
        g.writeStringField("$relationship", p.isChild() ? "child" : p.isParent() ? "parent" : p.isCollection() ? "association" : "reference");
        g.writeStringField("type", "object");
        if (!p.isMandatory()) g.writeBooleanField("optional", true);
        EntityType target = p.target();
        if (p.isCollection()) {
            g.writeBooleanField("$isCollection", true);
            g.writeObjectFieldStart("properties");
            g.writeObjectFieldStart("$resources");
            g.writeStringField("type", "array");
            g.writeObjectFieldStart("items");
            target(g, target, p.isChild(), inlined);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        } else if (target != null && target.resourceKind() != null) {
            g.writeStringField("$ref", "#" + target.resourceKind().elementName());
        } else if (p.isChild() && target != null && !inlined.contains(target)) {
            properties(g, target, inlined);
        }
    }

    private static void target(JsonGenerator g, EntityType target, boolean child, Set<EntityType> inlined) throws IOException {
        if (target == null) {
            g.writeStringField("type", "object");
        } else if (target.resourceKind() != null) {
            g.writeStringField("$ref", "#" + target.resourceKind().elementName());
        } else if (child && !inlined.contains(target)) {
            g.writeStringField("type", "object");
            properties(g, target, inlined);
        } else {
            g.writeStringField("type", "object");
        }
    }
}
