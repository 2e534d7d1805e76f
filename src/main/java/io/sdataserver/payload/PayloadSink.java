package io.sdataserver.payload;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;

/**
 * Where a payload is written, in the payload's own terms: resources, simple values, nulls, links and lists. Each
 * format supplies one (Atom spells them as XML elements with sdata: attributes); what is written, and when, is
 * decided by {@link PayloadWriter} alone, so a new format copies none of its rules.
 *
 * <p>Calls nest: a resource holds values, links, lists and embedded resources until {@link #endResource()}; a list
 * holds items until {@link #endList()}. Null arguments mean "not known": a sink leaves them out.
 */
public interface PayloadSink {
    /** Opens the resource an entry carries. */
    void startResource(ResourceKind kind, Identity id);

    /** Opens a resource embedded as the value of {@code p}: a single child, or the resource a reference points at. */
    void startResource(Property p, Identity id);

    /** Opens a resource embedded as the next item of the open list. */
    void startItem(Identity id);

    /** Closes the resource opened last. */
    void endResource();

    /** A simple property's value, in its lexical form (XSD canonical, §3.14). */
    void simple(Property p, String lexical);

    /** A property explicitly without a value (PAY-2). */
    void nil(Property p);

    /**
     * A relationship shown as a link to its target: a reference, or a single child not embedded. {@code lookup} is
     * the collection a client picks another target from, or null.
     */
    void link(Property p, Identity target, String lookup);

    /**
     * Opens a list: a child list or an association, with its own URL (or null). {@code withItems}: its items follow
     * (possibly none); otherwise the list is shown by its URL only and a reader must not take it for an empty one.
     */
    void startList(Property p, String url, boolean withItems);

    /** The next item of the open list, shown as a link only (an association's items are never embedded, LNK-1). */
    void linkItem(Identity target);

    /** The next item of the open list with nothing in it: a template's placeholder for a new child. */
    void emptyItem();

    /** Closes the list opened last. */
    void endList();
}
