package io.sdataserver.payload;

import java.util.List;

/**
 * A child list or an association as a request sends it: {@code deleteMissing} asks for full mode (what is not listed
 * goes, §9.2), and the items in the order sent.
 */
public record SentList(boolean deleteMissing, List<Item> items) {
    /**
     * One item: the name it was sent under (null where a format does not name items), and the resource, or null when
     * it is not an item of this list at all (Atom: an element other than the list's item element).
     */
    public record Item(String name, SentResource resource) { }
}
