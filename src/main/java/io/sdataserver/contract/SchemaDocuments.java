package io.sdataserver.contract;

import java.util.Map;

/**
 * The XSD text served at {@code $schema} (the main document) and {@code $schema/NAME} (each imported or included
 * document), serialized once at start-up with the flags rewritten to what this server really does.
 */
public final class SchemaDocuments {
    private final byte[] main;
    private final Map<String, byte[]> parts;
    private final String etag;

    SchemaDocuments(byte[] main, Map<String, byte[]> parts, String etag) {
        this.main = main;
        this.parts = Map.copyOf(parts);
        this.etag = etag;
    }

    public byte[] main() { return main; }
    /** An imported or included document by its name (file name without .xsd), or null. */
    public byte[] part(String name) { return parts.get(name); }
    public String etag() { return etag; }
}
