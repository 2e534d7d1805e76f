package io.sdataserver.payload;

import java.io.InputStream;
import java.util.List;

/**
 * A format requests arrive in (Atom, JSON): it reads a body once into the neutral request entries, and refuses with
 * 400 what its own syntax gets wrong. The rules applied to what it read are the payload reader's and the batch's.
 */
public interface RequestFormat {
    /** A single entry: the body of a POST or PUT. */
    RequestEntry readEntry(InputStream body);

    /** The operations of a batch request, refused whole (400) when it holds more than {@code maxEntries}. */
    List<RequestEntry> readBatch(InputStream body, int maxEntries);
}
