package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import java.util.Arrays;
import java.util.List;

/**
 * A payload built in code, the way a format's adapter presents one: resources, values, lists and links, with no XML
 * and no parser anywhere. List items are unnamed, as in a JSON array.
 */
final class HandMade {
    private HandMade() { }

    record Resource(Identity identity, boolean isDeleted, List<SentValue> properties) implements SentResource { }

    /** One property as sent; {@code one} answers when it is read as a resource, {@code items} as a list. */
    record Value(String name, boolean isForeign, boolean isNil, String lexical, Resource one, SentList items)
            implements SentValue {
        @Override public SentResource resource(EntityType type) { return one; }
        @Override public SentList list(Property p) { return items; }
    }

    /** A payload holding {@code root}, whatever the URL expects. */
    static PayloadSource payload(Resource root) { return (type, name) -> root; }

    static Resource resource(String key, String uuid, SentValue... properties) {
        return new Resource(new Identity(key, uuid, null), false, Arrays.asList(properties));
    }

    static Resource deleted(String key) { return new Resource(new Identity(key, null, null), true, List.of()); }

    static Value value(String name, String lexical) { return new Value(name, false, false, lexical, null, null); }

    static Value nil(String name) { return new Value(name, false, true, null, null, null); }

    /** A property from outside the contract's vocabulary (in Atom, an element in another namespace). */
    static Value foreign(String name, String lexical) { return new Value(name, true, false, lexical, null, null); }

    /** A single child or a reference. */
    static Value one(String name, Resource r) { return new Value(name, false, false, null, r, null); }

    static Value list(String name, boolean deleteMissing, Resource... items) {
        return listOf(name, deleteMissing, Arrays.stream(items).map(r -> new SentList.Item(null, r)).toList());
    }

    static Value listOf(String name, boolean deleteMissing, List<SentList.Item> items) {
        return new Value(name, false, false, null, null, new SentList(deleteMissing, items));
    }
}
