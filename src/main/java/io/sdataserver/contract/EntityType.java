package io.sdataserver.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named complex type ({@code name--type}) with an xs:all of properties. Resource kinds and child
 * structures are both entity types; each is stored in one table.
 */
public final class EntityType {
    private final String typeName;
    private final String namespace;
    private final Map<String, Property> properties = new LinkedHashMap<>();
    private ResourceKind resourceKind;   // set when a resource kind uses this type

    EntityType(String typeName, String namespace) {
        this.typeName = typeName;
        this.namespace = namespace;
    }

    void add(Property p) { properties.put(p.name(), p); }
    void setResourceKind(ResourceKind kind) { if (resourceKind == null) resourceKind = kind; }

    public String typeName() { return typeName; }
    public String namespace() { return namespace; }
    public Property property(String name) { return properties.get(name); }
    public List<Property> properties() { return List.copyOf(properties.values()); }
    /** The resource kind served for this type, or null for a structure that only lives inside its parent. */
    public ResourceKind resourceKind() { return resourceKind; }

    /** The type name without the {@code --type} suffix, e.g. salesOrder. */
    public String baseName() {
        return typeName.endsWith("--type") ? typeName.substring(0, typeName.length() - 6) : typeName;
    }

    @Override public String toString() { return typeName; }
}
