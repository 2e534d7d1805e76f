package io.sdataserver.payload;

import java.util.List;

/** One resource as a request sends it: the payload's resource, a child, a list item or a reference's target. */
public interface SentResource {
    /** Its key, uuid and url as sent (untrimmed), each null when absent. */
    Identity identity();

    /** Marked deleted: a child or an association link to remove (§9.2). */
    boolean isDeleted();

    /** The properties sent, in the order sent; a property sent twice appears twice. */
    List<SentValue> properties();
}
