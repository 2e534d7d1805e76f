package io.sdataserver.payload;

/**
 * Where payload XML is written: implemented by the Atom layer over its streaming writer, so that this package
 * does not depend on the Atom library.
 */
public interface XmlSink {
    /** Starts an element; {@code defaultNamespace} true declares ns as the default namespace on it. */
    void start(String ns, String localName, boolean defaultNamespace);
    void attribute(String ns, String localName, String value);
    void text(String text);
    void end();
}
