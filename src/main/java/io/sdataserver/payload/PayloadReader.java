package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.Relationship;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import io.sdataserver.diagnosis.XmlChars;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns a sent payload into {@link PayloadChanges} against the contract, collecting every fault with its
 * payloadPath so that one 400 names them all. The rules of §9.2 live here, whatever the format: absent = unchanged,
 * nil = null, read-only properties and parent links ignored, nested data inside a reference never read.
 *
 * <p>A payloadPath is made of the contract's names: the resource's name, then a property's name per step
 * ({@code salesOrder/billAddress/postalCode}). A list item is {@code <list>/<item>[n]}: the contract's name for one
 * item of the list (its XSD item element) and n counting the items as sent from 1, refused ones included
 * ({@code salesOrder/orderLines/salesOrderLine[2]/orderQty}). What the contract has no name for is named as sent:
 * an unknown property, an item that is not one of its list's; an item named neither way is {@code <list>[n]}.
 */
public final class PayloadReader {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_KEY_LENGTH = 200;

    private final List<Diagnosis> faults = new ArrayList<>();

    private PayloadReader() { }

    /** Reads the resource of a request; throws a 400 listing every fault found. */
    public static PayloadChanges read(ResourceKind kind, PayloadSource payload) {
        return read(kind.type(), kind.elementName(), payload);
    }

    /** Reads a resource of the given type, named {@code name} in the contract (a child sent to its property URL). */
    public static PayloadChanges read(EntityType type, String name, PayloadSource payload) {
        SentResource root = payload.resource(type, name);
        PayloadReader reader = new PayloadReader();
        PayloadChanges changes = reader.resource(type, root, name);
        reader.throwIfFaults();
        return changes;
    }

    private void throwIfFaults() {
        if (!faults.isEmpty()) throw new SDataException(400, faults);
    }

    private void fault(String code, String message, String path) {
        faults.add(Diagnosis.application(code, message, path));
    }

    private PayloadChanges resource(EntityType type, SentResource sent, String path) {
        Identity id = sent.identity();
        checkIdentity(id.key(), id.uuid(), path);
        PayloadChanges changes = new PayloadChanges(type, path, emptyToNull(id.key()), emptyToNull(id.uuid()), sent.isDeleted());
        Set<String> seen = new HashSet<>();
        for (SentValue value : sent.properties()) {
            Property p = value.isForeign() ? null : type.property(value.name());
            if (p == null) {
                String sentPath = path + "/" + value.name();
                fault("UnknownProperty", "<" + value.name() + "> is not a property of " + type.baseName(), sentPath);
                continue;
            }
            String propertyPath = path + "/" + p.name();
            if (!seen.add(p.name())) {
                fault("DuplicateProperty", "<" + p.name() + "> appears more than once", propertyPath);
                continue;
            }
            if (p.isReadOnly() || p.relationship() == Relationship.PARENT) continue; // UPD-18: ignored silently
            boolean nil = value.isNil();
            if (nil && !p.isNillable()) {
                fault("NotNillable", p.name() + " cannot be null (it is not nillable in the contract)", propertyPath);
                continue;
            }
            if (p.isSimple()) {
                simple(changes, p, value, nil, propertyPath);
            } else if (p.isChild()) {
                child(changes, p, value, nil, propertyPath);
            } else if (p.isLinkList()) {
                linkList(changes, p, value.list(p), propertyPath);
            } else {
                link(changes, p, value, nil, propertyPath);
            }
        }
        return changes;
    }

    private void simple(PayloadChanges changes, Property p, SentValue value, boolean nil, String path) {
        if (nil) {
            changes.values().put(p, PayloadChanges.NIL);
            return;
        }
        String lexical = value.lexical();
        if (lexical == null) {
            fault("InvalidValue", p.name() + " is a simple value and cannot contain elements", path);
            return;
        }
        try {
            changes.values().put(p, ValueCodec.parse(p, lexical));
        } catch (IllegalArgumentException e) {
            fault("InvalidValue", p.name() + ": " + e.getMessage(), path);
        }
    }

    private void link(PayloadChanges changes, Property p, SentValue value, boolean nil, String path) {
        if (nil) {
            changes.links().put(p, PayloadChanges.NIL);
            return;
        }
        LinkTarget target = linkTarget(value.resource(p.target()), path, p);
        if (target != null) changes.links().put(p, target); // UPD-16: nested data is never read
    }

    private LinkTarget linkTarget(SentResource sent, String path, Property p) {
        String key = emptyToNull(sent.identity().key());
        String uuid = emptyToNull(sent.identity().uuid());
        if (key == null && uuid == null) {
            fault("MissingLinkTarget", p.name() + " must name its target with sdata:key or sdata:uuid", path);
            return null;
        }
        checkIdentity(key, uuid, path);
        return new LinkTarget(key, uuid, sent.isDeleted());
    }

    // a single child has no list to be full: deleteMissing is only read on lists
    private void child(PayloadChanges changes, Property p, SentValue value, boolean nil, String path) {
        if (nil) {
            changes.children().put(p, new PayloadChanges.ChildChange(true, false, List.of()));
            return;
        }
        EntityType target = p.target();
        if (!p.isCollection()) {
            PayloadChanges only = resource(target, value.resource(target), path);
            changes.children().put(p, new PayloadChanges.ChildChange(false, false, List.of(only)));
            return;
        }
        SentList list = value.list(p);
        List<PayloadChanges> items = items(p, list, path, " (expected <" + p.itemElementName() + ">)",
                (item, itemPath) -> resource(target, item, itemPath));
        changes.children().put(p, new PayloadChanges.ChildChange(false, list.deleteMissing(), items));
    }

    private void linkList(PayloadChanges changes, Property p, SentList list, String path) {
        List<LinkTarget> items = items(p, list, path, "", (item, itemPath) -> linkTarget(item, itemPath, p));
        changes.linkLists().put(p, new PayloadChanges.LinkListChange(list.deleteMissing(), items));
    }

    /** Reads each item of a list at its path; one that is not of the list is a fault, one read as null (faulted) is left out. */
    private <T> List<T> items(Property p, SentList list, String path, String expected, BiFunction<SentResource, String, T> read) {
        List<T> items = new ArrayList<>();
        int index = 0;
        for (SentList.Item item : list.items()) {
            String itemPath = itemPath(path, p, item, ++index);
            if (item.resource() == null) {
                fault("UnknownProperty", "<" + item.name() + "> is not allowed in " + p.name() + expected, itemPath);
                continue;
            }
            T t = read.apply(item.resource(), itemPath);
            if (t != null) items.add(t);
        }
        return items;
    }

    /** See the class comment: the contract's item name where there is one, else the name sent, then the index. */
    private static String itemPath(String listPath, Property p, SentList.Item item, int index) {
        String name = item.resource() != null && p.itemElementName() != null ? p.itemElementName() : item.name();
        return listPath + (name == null ? "" : "/" + name) + "[" + index + "]";
    }

    private void checkIdentity(String key, String uuid, String path) {
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isISOControl) || XmlChars.firstIllegal(key) >= 0)) {
            fault("InvalidKey", "sdata:key must be 1 to " + MAX_KEY_LENGTH + " characters without control characters", path);
        }
        if (uuid != null && !UUID.matcher(uuid.trim()).matches()) {
            fault("InvalidUuid", "sdata:uuid '" + uuid + "' is not a UUID (8-4-4-4-12 hexadecimal digits)", path);
        }
    }

    private static String emptyToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
