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
import java.util.regex.Pattern;

/**
 * Turns a payload element into {@link PayloadChanges} against the contract, collecting every fault with its
 * payloadPath so that one 400 names them all. The rules of §9.2 live here: absent = unchanged, xsi:nil = null,
 * read-only properties and parent links ignored, nested data inside a reference never read.
 */
public final class PayloadReader {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_KEY_LENGTH = 200;

    private final List<Diagnosis> faults = new ArrayList<>();

    private PayloadReader() { }

    /** Reads the resource element of a request; throws a 400 listing every fault found. */
    public static PayloadChanges read(ResourceKind kind, PayloadElement root) {
        return read(kind.type(), kind.elementName(), root);
    }

    /** Reads a resource element of the given type, named {@code elementName} (a child sent to its property URL). */
    public static PayloadChanges read(EntityType type, String elementName, PayloadElement root) {
        PayloadReader reader = new PayloadReader();
        if (!elementName.equals(root.localName())) {
            throw new SDataException(400, Diagnosis.application("WrongPayloadElement", "the payload element is <"
                    + root.localName() + ">; this URL expects <" + elementName + ">", root.localName()));
        }
        if (!namespaceFits(type, root)) {
            throw new SDataException(400, Diagnosis.application("WrongPayloadElement", "the payload element <" + root.localName()
                    + "> is in namespace '" + root.namespace() + "'; this URL expects the contract's '" + type.namespace() + "'",
                    root.localName()));
        }
        PayloadChanges changes = reader.element(type, root, root.localName());
        reader.throwIfFaults();
        return changes;
    }

    private void throwIfFaults() {
        if (!faults.isEmpty()) throw new SDataException(400, faults);
    }

    private void fault(String code, String message, String path) {
        faults.add(Diagnosis.application(code, message, path));
    }

    private PayloadChanges element(EntityType type, PayloadElement el, String path) {
        String key = el.attribute(Namespaces.SDATA, "key");
        String uuid = el.attribute(Namespaces.SDATA, "uuid");
        checkIdentity(key, uuid, path);
        boolean deleted = "true".equals(trim(el.attribute(Namespaces.SDATA, "isDeleted")));
        PayloadChanges changes = new PayloadChanges(type, path, emptyToNull(key), emptyToNull(uuid), deleted);
        Set<String> seen = new HashSet<>();
        for (PayloadElement child : el.children()) {
            String childPath = path + "/" + child.localName();
            Property p = type.property(child.localName());
            if (p == null || !namespaceFits(type, child)) {
                fault("UnknownProperty", "<" + child.localName() + "> is not a property of " + type.baseName(), childPath);
                continue;
            }
            if (!seen.add(p.name())) {
                fault("DuplicateProperty", "<" + child.localName() + "> appears more than once", childPath);
                continue;
            }
            if (p.isReadOnly() || p.relationship() == Relationship.PARENT) continue; // UPD-18: ignored silently
            boolean nil = isNil(child);
            if (nil && !p.isNillable()) {
                fault("NotNillable", p.name() + " cannot be null (it is not nillable in the contract)", childPath);
                continue;
            }
            if (p.isSimple()) {
                simple(changes, p, child, nil, childPath);
            } else if (p.isChild()) {
                child(changes, p, child, nil, childPath);
            } else if (p.isLinkList()) {
                linkList(changes, p, child, childPath);
            } else {
                link(changes, p, child, nil, childPath);
            }
        }
        return changes;
    }

    private void simple(PayloadChanges changes, Property p, PayloadElement el, boolean nil, String path) {
        if (nil) {
            changes.values().put(p, PayloadChanges.NIL);
            return;
        }
        if (!el.children().isEmpty()) {
            fault("InvalidValue", p.name() + " is a simple value and cannot contain elements", path);
            return;
        }
        try {
            changes.values().put(p, ValueCodec.parse(p, el.text()));
        } catch (IllegalArgumentException e) {
            fault("InvalidValue", p.name() + ": " + e.getMessage(), path);
        }
    }

    private void link(PayloadChanges changes, Property p, PayloadElement el, boolean nil, String path) {
        if (nil) {
            changes.links().put(p, PayloadChanges.NIL);
            return;
        }
        LinkTarget target = linkTarget(el, path, p);
        if (target != null) changes.links().put(p, target); // UPD-16: nested data is never read
    }

    private LinkTarget linkTarget(PayloadElement el, String path, Property p) {
        String key = emptyToNull(el.attribute(Namespaces.SDATA, "key"));
        String uuid = emptyToNull(el.attribute(Namespaces.SDATA, "uuid"));
        if (key == null && uuid == null) {
            fault("MissingLinkTarget", p.name() + " must name its target with sdata:key or sdata:uuid", path);
            return null;
        }
        checkIdentity(key, uuid, path);
        boolean deleted = "true".equals(trim(el.attribute(Namespaces.SDATA, "isDeleted")));
        return new LinkTarget(key, uuid, deleted);
    }

    private void child(PayloadChanges changes, Property p, PayloadElement el, boolean nil, String path) {
        EntityType target = p.target();
        boolean deleteMissing = "true".equals(trim(el.attribute(Namespaces.SDATA, "deleteMissing")));
        if (nil) {
            changes.children().put(p, new PayloadChanges.ChildChange(true, false, List.of()));
            return;
        }
        List<PayloadChanges> items = new ArrayList<>();
        if (p.isCollection()) {
            int index = 0;
            for (PayloadElement item : el.children()) {
                index++;
                String itemPath = path + "/" + item.localName() + "[" + index + "]";
                if (!item.localName().equals(p.itemElementName())) {
                    fault("UnknownProperty", "<" + item.localName() + "> is not allowed in " + p.name()
                            + " (expected <" + p.itemElementName() + ">)", itemPath);
                    continue;
                }
                items.add(element(target, item, itemPath));
            }
        } else {
            items.add(element(target, el, path));
        }
        changes.children().put(p, new PayloadChanges.ChildChange(false, deleteMissing, items));
    }

    private void linkList(PayloadChanges changes, Property p, PayloadElement el, String path) {
        boolean deleteMissing = "true".equals(trim(el.attribute(Namespaces.SDATA, "deleteMissing")));
        List<LinkTarget> items = new ArrayList<>();
        int index = 0;
        for (PayloadElement item : el.children()) {
            index++;
            String itemPath = path + "/" + item.localName() + "[" + index + "]";
            if (p.itemElementName() != null && !item.localName().equals(p.itemElementName())) {
                fault("UnknownProperty", "<" + item.localName() + "> is not allowed in " + p.name(), itemPath);
                continue;
            }
            LinkTarget t = linkTarget(item, itemPath, p);
            if (t != null) items.add(t);
        }
        changes.linkLists().put(p, new PayloadChanges.LinkListChange(deleteMissing, items));
    }

    private void checkIdentity(String key, String uuid, String path) {
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isISOControl) || XmlChars.firstIllegal(key) >= 0)) {
            fault("InvalidKey", "sdata:key must be 1 to " + MAX_KEY_LENGTH + " characters without control characters", path);
        }
        if (uuid != null && !UUID.matcher(uuid.trim()).matches()) {
            fault("InvalidUuid", "sdata:uuid '" + uuid + "' is not a UUID (8-4-4-4-12 hexadecimal digits)", path);
        }
    }

    private static boolean namespaceFits(EntityType type, PayloadElement el) {
        return el.namespace().isEmpty() || el.namespace().equals(type.namespace());
    }

    private static boolean isNil(PayloadElement el) {
        String v = trim(el.attribute(Namespaces.XSI, "nil"));
        return "true".equals(v) || "1".equals(v);
    }

    private static String trim(String s) { return s == null ? null : s.trim(); }
    private static String emptyToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
