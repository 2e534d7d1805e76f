package io.sdataserver.contract;

import java.util.List;

/**
 * One property of an entity type: either simple (a value of {@link #valueType()}) or a relationship
 * to another entity type. Collections carry the element name of their items (the --list type's item).
 */
public final class Property {
    private final String name;
    private final Relationship relationship;
    private final boolean collection;
    private final ValueType valueType;
    private final List<String> enumeration;
    private final String targetTypeName;   // relationship target (an entity type), null for simple
    private final String itemElementName;  // item element inside a collection, e.g. salesOrderLine
    private final boolean nillable;
    private final boolean readOnly;
    private final boolean mandatory;
    private final boolean uniqueKey;
    private final Facets facets;
    private final boolean indexed;
    private Integer precedence;
    private String label;
    private boolean canPost, canPut, canDelete;
    private boolean canFilter, canSort;
    private EntityType target;             // resolved after all types are read

    Property(String name, Relationship relationship, boolean collection, ValueType valueType, List<String> enumeration,
             String targetTypeName, String itemElementName, boolean nillable, boolean readOnly, boolean mandatory,
             boolean uniqueKey, Facets facets, boolean indexed) {
        this.name = name;
        this.relationship = relationship;
        this.collection = collection;
        this.valueType = valueType;
        this.enumeration = enumeration == null ? List.of() : List.copyOf(enumeration);
        this.targetTypeName = targetTypeName;
        this.itemElementName = itemElementName;
        this.nillable = nillable;
        this.readOnly = readOnly;
        this.mandatory = mandatory;
        this.uniqueKey = uniqueKey;
        this.facets = facets == null ? Facets.NONE : facets;
        this.indexed = indexed;
    }

    public String name() { return name; }
    public Relationship relationship() { return relationship; }
    public boolean isSimple() { return relationship == Relationship.NONE; }
    public boolean isCollection() { return collection; }
    public ValueType valueType() { return valueType; }
    public List<String> enumeration() { return enumeration; }
    public String targetTypeName() { return targetTypeName; }
    public String itemElementName() { return itemElementName; }
    public boolean isNillable() { return nillable; }
    public boolean isReadOnly() { return readOnly; }
    public boolean isMandatory() { return mandatory; }
    public boolean isUniqueKey() { return uniqueKey; }
    /** The XSD facets a value must satisfy (none for relationships). */
    public Facets facets() { return facets; }
    /** The contract flags it sme:canFilter or sme:canSort: the database keeps an index on it. */
    public boolean isIndexed() { return indexed; }
    /** sme:precedence: the smallest precedence=N query that still shows it (§6.5); null when the contract gives none. */
    public Integer precedence() { return precedence; }
    void precedence(Integer precedence) { this.precedence = precedence; }
    /** sme:canFilter and sme:canSort, as the contract gives them (the $schema in JSON shows them apart). */
    public boolean canFilter() { return canFilter; }
    public boolean canSort() { return canSort; }
    void queryFlags(boolean canFilter, boolean canSort) {
        this.canFilter = canFilter;
        this.canSort = canSort;
    }

    /** sme:label, or the name when the contract gives none. */
    public String label() { return label != null && !label.isBlank() ? label : name; }
    void label(String label) { this.label = label; }

    /**
     * sme:canPost/canPut/canDelete on a child relationship: what its property URL accepts (§8.3, §9.4, §10.3).
     * Only child relationships are written through property URLs; on others these stay false.
     */
    public boolean canPost() { return canPost; }
    public boolean canPut() { return canPut; }
    public boolean canDelete() { return canDelete; }
    void urlWrites(boolean post, boolean put, boolean delete) {
        boolean child = isChild();
        this.canPost = child && post;
        this.canPut = child && put;
        this.canDelete = child && delete;
    }
    public EntityType target() { return target; }
    void resolveTarget(EntityType target) { this.target = target; }

    /** A single reference is stored as the target's key and uuid in the owner's row. */
    public boolean isSingleLink() {
        return !collection && (relationship == Relationship.REFERENCE || relationship == Relationship.ASSOCIATION);
    }

    /** A parent link is not stored: it is the row's own parent pointer, read-only (§4.4). */
    public boolean isParent() { return relationship == Relationship.PARENT; }

    /** Children (single or list) are stored in their own type's table, pointing back at the owner. */
    public boolean isChild() { return relationship == Relationship.CHILD; }

    /** Associations and collections of references are stored as link rows. */
    public boolean isLinkList() {
        return collection && (relationship == Relationship.ASSOCIATION || relationship == Relationship.REFERENCE);
    }

    @Override public String toString() { return name; }
}
