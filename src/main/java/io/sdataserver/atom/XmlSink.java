package io.sdataserver.atom;

/** Payload XML as elements and attributes: what {@link AtomPayloadSink} spells a payload into. */
interface XmlSink {
    /** Starts an element; an element without a prefix, so its namespace is the default one where it stands. */
    void start(String ns, String localName);
    /** An attribute of the element just started; a null value writes nothing. */
    void attribute(String ns, String localName, String value);
    void text(String text);
    void end();
}
