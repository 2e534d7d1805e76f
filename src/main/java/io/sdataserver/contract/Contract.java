package io.sdataserver.contract;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/** A loaded SData contract: its resource kinds, the entity types they use, and the XSD documents served as $schema. */
public final class Contract {
    private final String name;
    private final String targetNamespace;
    private final Map<String, ResourceKind> kindsByPlural;
    private final Map<QName, EntityType> types;
    private final SchemaDocuments schemaDocuments;

    Contract(String name, String targetNamespace, Map<String, ResourceKind> kindsByPlural, Map<QName, EntityType> types,
             SchemaDocuments schemaDocuments) {
        this.name = name;
        this.targetNamespace = targetNamespace;
        this.kindsByPlural = Collections.unmodifiableMap(new LinkedHashMap<>(kindsByPlural));
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        this.schemaDocuments = schemaDocuments;
    }

    public String name() { return name; }
    public ResourceKind kind(String pluralName) { return kindsByPlural.get(pluralName); }
    public Collection<ResourceKind> kinds() { return kindsByPlural.values(); }
    public Collection<EntityType> entityTypes() { return types.values(); }
    public SchemaDocuments schemaDocuments() { return schemaDocuments; }
}
