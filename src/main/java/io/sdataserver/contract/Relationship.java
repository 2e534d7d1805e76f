package io.sdataserver.contract;

/** The sme:relationship values (§4.4); NONE marks a simple property. */
public enum Relationship {
    NONE, CHILD, PARENT, REFERENCE, ASSOCIATION;

    static Relationship parse(String value) {
        if (value == null) return NONE;
        switch (value) {
            case "child": return CHILD;
            case "parent": return PARENT;
            case "reference": return REFERENCE;
            case "association": return ASSOCIATION;
            default: throw new ContractException("unknown sme:relationship '" + value + "'");
        }
    }
}
