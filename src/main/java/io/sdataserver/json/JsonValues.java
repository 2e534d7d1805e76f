package io.sdataserver.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sdataserver.contract.ValueType;
import java.io.IOException;

/** A simple value in JSON after its XSD type: numbers and booleans as JSON's own, everything else as a string. */
final class JsonValues {
    private JsonValues() { }

    static void write(JsonGenerator json, ValueType type, String lexical) throws IOException {
        switch (type) {
            case INT: case LONG: case INTEGER: case DECIMAL: case DOUBLE:
                if (isJsonNumber(lexical)) {
                    json.writeNumber(lexical); // the lexical form as stored: "202.70" keeps its scale
                    return;
                }
                break; // INF, NaN and the like have no JSON number: a string keeps them
            case BOOLEAN:
                json.writeBoolean("true".equals(lexical) || "1".equals(lexical));
                return;
            default:
        }
        json.writeString(lexical);
    }

    /** JSON's number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
    static boolean isJsonNumber(String s) {
        return s != null && s.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    }
}
