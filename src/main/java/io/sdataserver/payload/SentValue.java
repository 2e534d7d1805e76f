package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;

/**
 * What a request sends for one property. The sender does not say what kind of property it is; the reader, knowing
 * the contract, reads the value as the property is: simple, one resource, or a list.
 */
public interface SentValue {
    /** The property's name as sent. */
    String name();

    /** Sent outside the contract's vocabulary (Atom: an element in another namespace): no property, whatever its name. */
    boolean isForeign();

    /** Explicitly null. */
    boolean isNil();

    /** The lexical form of a simple value; null when a structure was sent instead. */
    String lexical();

    /**
     * The value as one resource of {@code type}: a single child, or a reference's target (whose properties are never
     * read; {@code type} may then be null).
     */
    SentResource resource(EntityType type);

    /** The value as the list {@code p}: a child list or an association. */
    SentList list(Property p);
}
