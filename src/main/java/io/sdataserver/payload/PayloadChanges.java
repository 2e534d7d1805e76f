package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a POSTed or PUT payload says, property by property (§9.2): a property that is absent is not in any map
 * (unchanged); {@link #NIL} marks an explicit nil (xsi:nil="true" in Atom).
 */
public final class PayloadChanges {
    /** The value of a property sent as nil. */
    public static final Object NIL = new Object() {
        @Override public String toString() { return "nil"; }
    };

    /** A child property in the payload: nil, or a list of child payloads (one for a single child). */
    public record ChildChange(boolean nil, boolean deleteMissing, List<PayloadChanges> items) { }

    /** An association (or reference list) in the payload. */
    public record LinkListChange(boolean deleteMissing, List<LinkTarget> items) { }

    private final EntityType type;
    private final String path;
    private final String key;
    private final String uuid;
    private final boolean deleted;
    private final Map<Property, Object> values = new LinkedHashMap<>();
    private final Map<Property, Object> links = new LinkedHashMap<>();
    private final Map<Property, ChildChange> children = new LinkedHashMap<>();
    private final Map<Property, LinkListChange> linkLists = new LinkedHashMap<>();

    PayloadChanges(EntityType type, String path, String key, String uuid, boolean deleted) {
        this.type = type;
        this.path = path;
        this.key = key;
        this.uuid = uuid;
        this.deleted = deleted;
    }

    public EntityType type() { return type; }
    /** The payloadPath of this resource, e.g. salesOrder/orderLines/salesOrderLine[2] (see {@link PayloadReader}). */
    public String path() { return path; }
    public String key() { return key; }
    public String uuid() { return uuid; }
    public boolean isDeleted() { return deleted; }
    /** Simple values: a typed value or {@link #NIL}. */
    public Map<Property, Object> values() { return values; }
    /** Single references: a {@link LinkTarget} or {@link #NIL}. */
    public Map<Property, Object> links() { return links; }
    public Map<Property, ChildChange> children() { return children; }
    public Map<Property, LinkListChange> linkLists() { return linkLists; }

    /** True when the payload names the property at all (set, nil or list). */
    public boolean mentions(Property p) {
        return values.containsKey(p) || links.containsKey(p) || children.containsKey(p) || linkLists.containsKey(p);
    }
}
