package io.sdataserver.pipeline;

import java.io.IOException;
import java.io.OutputStream;

/** A format in which outcomes are written (Atom, JSON): what an answer's body looks like on the wire. */
public interface Representation {
    /** The format's name ("atom", "json"): a representation's ETag covers it, as two formats are two representations. */
    String name();

    String mediaType(Outcome.Body body);

    /** Writes the body as it is read (a feed's entries one by one). */
    void write(Outcome.Body body, OutputStream out) throws IOException;
}
