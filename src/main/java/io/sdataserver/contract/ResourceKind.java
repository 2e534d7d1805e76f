package io.sdataserver.contract;

/** A top-level element with sme:role="resourceKind" and its flags (§4.2). */
public final class ResourceKind {
    private final String elementName;
    private final String pluralName;
    private final EntityType type;
    private final String label;
    private final boolean canGet, canPost, canPut, canDelete, supportsETag, hasUuid;

    ResourceKind(String elementName, String pluralName, EntityType type, String label, boolean canGet, boolean canPost,
                 boolean canPut, boolean canDelete, boolean supportsETag, boolean hasUuid) {
        this.elementName = elementName;
        this.pluralName = pluralName;
        this.type = type;
        this.label = label;
        this.canGet = canGet;
        this.canPost = canPost;
        this.canPut = canPut;
        this.canDelete = canDelete;
        this.supportsETag = supportsETag;
        this.hasUuid = hasUuid;
    }

    public String elementName() { return elementName; }
    public String pluralName() { return pluralName; }
    public EntityType type() { return type; }
    public String namespace() { return type.namespace(); }
    public String label() { return label; }
    public boolean canGet() { return canGet; }
    public boolean canPost() { return canPost; }
    public boolean canPut() { return canPut; }
    public boolean canDelete() { return canDelete; }
    public boolean supportsETag() { return supportsETag; }
    public boolean hasUuid() { return hasUuid; }

    /** The read-only unique-key property that mirrors the resource key (orderNumber in the spec's example). */
    public Property keyMirror() {
        for (Property p : type.properties()) {
            if (p.isSimple() && p.isUniqueKey() && p.isReadOnly()) return p;
        }
        return null;
    }

    @Override public String toString() { return pluralName; }
}
