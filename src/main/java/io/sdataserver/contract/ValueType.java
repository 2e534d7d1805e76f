package io.sdataserver.contract;

/** The value spaces a simple property can have; each maps to one column type and one lexical form. */
public enum ValueType {
    STRING, BOOLEAN, INT, LONG, INTEGER, DECIMAL, DOUBLE, DATE, DATETIME, TIME, OTHER;

    /** Maps an XSD built-in type local name to its value type. Unknown built-ins are kept as text. */
    public static ValueType ofBuiltin(String xsdLocalName) {
        switch (xsdLocalName) {
            case "boolean": return BOOLEAN;
            case "int": case "short": case "byte": case "unsignedShort": case "unsignedByte": return INT;
            case "long": case "unsignedInt": return LONG;
            case "integer": case "nonNegativeInteger": case "positiveInteger": case "negativeInteger":
            case "nonPositiveInteger": case "unsignedLong": return INTEGER;
            case "decimal": return DECIMAL;
            case "double": case "float": return DOUBLE;
            case "date": return DATE;
            case "dateTime": return DATETIME;
            case "time": return TIME;
            case "string": case "normalizedString": case "token": case "language": case "Name": case "NCName":
            case "ID": case "IDREF": case "NMTOKEN": case "anyURI": return STRING;
            default: return OTHER;
        }
    }
}
