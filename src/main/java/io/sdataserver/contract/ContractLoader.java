package io.sdataserver.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchema;
import org.apache.ws.commons.schema.XmlSchemaAll;
import org.apache.ws.commons.schema.XmlSchemaAllMember;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaEnumerationFacet;
import org.apache.ws.commons.schema.XmlSchemaFacet;
import org.apache.ws.commons.schema.XmlSchemaFractionDigitsFacet;
import org.apache.ws.commons.schema.XmlSchemaLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxExclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaMinExclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMinInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMinLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaPatternFacet;
import org.apache.ws.commons.schema.XmlSchemaTotalDigitsFacet;
import org.apache.ws.commons.schema.XmlSchemaParticle;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSequenceMember;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaType;
import org.xml.sax.InputSource;

/**
 * Builds a {@link Contract} from an SData contract XSD with Apache XmlSchema: resource kinds from elements with
 * sme:role="resourceKind" in the document and everything it imports or includes, entity types from the complex
 * types they reach.
 */
public final class ContractLoader {
    private static final Logger LOG = Logger.getLogger(ContractLoader.class.getName());

    /** Loads every top-level {@code NAME.xsd} in the folder as contract NAME. */
    public static Map<String, Contract> loadFolder(Path folder) {
        if (!Files.isDirectory(folder)) throw new ContractException("contracts folder " + folder + " is not a readable directory");
        Map<String, Contract> contracts = new LinkedHashMap<>();
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".xsd")).sorted()::iterator) {
                Contract c = load(f);
                contracts.put(c.name(), c);
            }
        } catch (IOException e) {
            throw new ContractException("cannot list contracts folder " + folder + ": " + e.getMessage(), e);
        }
        if (contracts.isEmpty()) throw new ContractException("no contract (*.xsd) in " + folder);
        return contracts;
    }

    public static Contract load(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - 4);
        if (!Files.isReadable(file)) throw new ContractException("contract " + file + " is not readable");
        try {
            // Parsed first, quietly: a file that is not well-formed is reported once, naming the file and line.
            SchemaDocuments docs = SchemaDocumentsBuilder.build(file);
            XmlSchemaCollection collection = new XmlSchemaCollection();
            collection.setBaseUri(file.toAbsolutePath().getParent().toUri().toString());
            InputSource source = new InputSource(file.toAbsolutePath().toUri().toString());
            XmlSchema main = collection.read(source);
            return new ContractLoader(collection, main).build(name, docs);
        } catch (ContractException e) {
            throw new ContractException("contract " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ContractException("contract " + file + " cannot be read: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private final XmlSchemaCollection collection;
    private final XmlSchema main;
    private final Map<QName, EntityType> types = new LinkedHashMap<>();
    private final Deque<Object[]> pending = new ArrayDeque<>();

    private ContractLoader(XmlSchemaCollection collection, XmlSchema main) {
        this.collection = collection;
        this.main = main;
    }

    private Contract build(String name, SchemaDocuments docs) {
        Map<String, ResourceKind> kinds = new LinkedHashMap<>();
        List<XmlSchema> schemas = new ArrayList<>();
        schemas.add(main);
        for (XmlSchema s : collection.getXmlSchemas()) {
            if (s != main && !XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(s.getTargetNamespace())) schemas.add(s);
        }
        for (XmlSchema schema : schemas) {
            for (XmlSchemaElement el : schema.getElements().values()) {
                if (!"resourceKind".equals(Sme.attr(el, "role"))) continue;
                QName typeName = el.getSchemaTypeName();
                if (typeName == null) throw new ContractException("resource kind " + el.getName() + " has no named type");
                EntityType type = entityType(typeName);
                String plural = Sme.attr(el, "pluralName");
                if (plural == null || plural.isBlank()) plural = el.getName() + "s";
                if (kinds.containsKey(plural)) {
                    LOG.warning("contract " + name + ": resource kind " + plural + " defined twice; the first is served");
                    continue;
                }
                ResourceKind kind = new ResourceKind(el.getName(), plural, type, Sme.attr(el, "label"),
                        Sme.flag(el, "canGet", true), Sme.flag(el, "canPost", false), Sme.flag(el, "canPut", false),
                        Sme.flag(el, "canDelete", false), Sme.flag(el, "supportsETag", false), Sme.flag(el, "hasUuid", false));
                type.setResourceKind(kind);
                kinds.put(plural, kind);
            }
        }
        // Properties are read breadth-first so that recursive types (a tradingAccount referencing a tradingAccount) end.
        while (!pending.isEmpty()) {
            Object[] job = pending.removeFirst();
            readProperties((EntityType) job[0], (XmlSchemaComplexType) job[1]);
        }
        for (EntityType t : types.values()) {
            for (Property p : t.properties()) {
                if (p.targetTypeName() != null) p.resolveTarget(types.get(qnameOf(p)));
            }
        }
        return new Contract(name, main.getTargetNamespace(), kinds, types, docs);
    }

    private final Map<Property, QName> targetQNames = new LinkedHashMap<>();
    private QName qnameOf(Property p) { return targetQNames.get(p); }

    private EntityType entityType(QName typeName) {
        EntityType existing = types.get(typeName);
        if (existing != null) return existing;
        XmlSchemaType t = collection.getTypeByQName(typeName);
        if (!(t instanceof XmlSchemaComplexType)) throw new ContractException("type " + typeName + " is not a complex type");
        EntityType et = new EntityType(typeName.getLocalPart(), typeName.getNamespaceURI());
        types.put(typeName, et);
        pending.add(new Object[] {et, t});
        return et;
    }

    private void readProperties(EntityType owner, XmlSchemaComplexType ct) {
        for (XmlSchemaElement el : particleElements(ct.getParticle())) {
            XmlSchemaElement decl = el.getRef() != null && el.getRef().getTarget() != null ? el.getRef().getTarget() : el;
            String name = decl.getName();
            if (name == null) continue;
            owner.add(property(owner, el, decl, name));
        }
    }

    private Property property(EntityType owner, XmlSchemaElement el, XmlSchemaElement decl, String name) {
        Property p = declare(owner, el, decl, name);
        String precedence = Sme.attr(el, "precedence");
        if (precedence != null && precedence.trim().matches("\\d{1,9}")) p.precedence(Integer.valueOf(precedence.trim()));
        p.label(Sme.attr(el, "label"));
        p.urlWrites(Sme.flag(el, "canPost", false), Sme.flag(el, "canPut", false), Sme.flag(el, "canDelete", false));
        return p;
    }

    private Property declare(EntityType owner, XmlSchemaElement el, XmlSchemaElement decl, String name) {
        Relationship rel = Relationship.parse(Sme.attr(el, "relationship"));
        boolean readOnly = Sme.flag(el, "isReadOnly", false);
        boolean mandatory = Sme.flag(el, "isMandatory", false);
        boolean unique = Sme.flag(el, "isUniqueKey", false) || Sme.flag(el, "isUnique", false);
        boolean nillable = decl.isNillable();
        QName typeName = decl.getSchemaTypeName();
        XmlSchemaType type = typeName != null ? lookupType(typeName) : decl.getSchemaType();

        if (type instanceof XmlSchemaComplexType) {
            XmlSchemaComplexType ct = (XmlSchemaComplexType) type;
            List<XmlSchemaElement> items = particleElements(ct.getParticle());
            boolean listShape = ct.getParticle() instanceof XmlSchemaSequence && items.size() == 1
                    && items.get(0).getMaxOccurs() > 1;
            boolean collection = Sme.flag(el, "isCollection", listShape) || listShape;
            if (rel == Relationship.NONE) rel = Relationship.CHILD; // a structure without a relationship lives with its owner
            QName target;
            String itemName = null;
            if (listShape) {
                XmlSchemaElement item = items.get(0);
                itemName = item.getName();
                target = item.getSchemaTypeName();
            } else {
                target = typeName;
            }
            if (target == null) {
                throw new ContractException("property " + owner.typeName() + "/" + name + " uses an anonymous type; SData schemas are flat (§4.9)");
            }
            entityType(target);
            Property p = new Property(name, rel, collection, null, null, target.getLocalPart(), itemName, nillable, readOnly,
                    mandatory, unique, null, false);
            targetQNames.put(p, target);
            return p;
        }
        List<String> enumeration = new ArrayList<>();
        Facets.Builder facets = new Facets.Builder();
        ValueType vt = simpleValueType(typeName, type, enumeration, facets, 0);
        boolean canFilter = Sme.flag(el, "canFilter", false);
        boolean canSort = Sme.flag(el, "canSort", false);
        Property simple = new Property(name, Relationship.NONE, false, vt, enumeration, null, null, nillable, readOnly, mandatory,
                unique, facets.build(), canFilter || canSort);
        simple.queryFlags(canFilter, canSort);
        return simple;
    }

    private XmlSchemaType lookupType(QName name) {
        if (XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(name.getNamespaceURI())) return null;
        XmlSchemaType t = collection.getTypeByQName(name);
        if (t == null) throw new ContractException("type " + name + " is not defined");
        return t;
    }

    private ValueType simpleValueType(QName name, XmlSchemaType type, List<String> enumeration, Facets.Builder facets, int depth) {
        if (depth > 32) throw new ContractException("simple type " + name + " derives from itself");
        if (name != null && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(name.getNamespaceURI())) {
            facets.builtin(name.getLocalPart());
            return ValueType.ofBuiltin(name.getLocalPart());
        }
        if (name == null && type == null) return ValueType.STRING; // no type: xs:anyType, kept as text
        if (type == null) type = lookupType(name);
        if (type instanceof XmlSchemaSimpleType
                && ((XmlSchemaSimpleType) type).getContent() instanceof XmlSchemaSimpleTypeRestriction) {
            XmlSchemaSimpleTypeRestriction r = (XmlSchemaSimpleTypeRestriction) ((XmlSchemaSimpleType) type).getContent();
            boolean enumerated = !enumeration.isEmpty(); // the most derived type's enumeration wins
            List<String> patterns = new ArrayList<>();
            for (XmlSchemaFacet f : r.getFacets()) {
                String v = String.valueOf(f.getValue());
                try {
                    if (f instanceof XmlSchemaEnumerationFacet) { if (!enumerated) enumeration.add(v); }
                    else if (f instanceof XmlSchemaLengthFacet) facets.length(v);
                    else if (f instanceof XmlSchemaMinLengthFacet) facets.minLength(v);
                    else if (f instanceof XmlSchemaMaxLengthFacet) facets.maxLength(v);
                    else if (f instanceof XmlSchemaPatternFacet) patterns.add(v);
                    else if (f instanceof XmlSchemaMinInclusiveFacet) facets.minInclusive(v);
                    else if (f instanceof XmlSchemaMaxInclusiveFacet) facets.maxInclusive(v);
                    else if (f instanceof XmlSchemaMinExclusiveFacet) facets.minExclusive(v);
                    else if (f instanceof XmlSchemaMaxExclusiveFacet) facets.maxExclusive(v);
                    else if (f instanceof XmlSchemaTotalDigitsFacet) facets.totalDigits(v);
                    else if (f instanceof XmlSchemaFractionDigitsFacet) facets.fractionDigits(v);
                } catch (RuntimeException e) {
                    // a facet this server cannot read (an XSD-only regex construct) is not enforced, and says so
                    LOG.warning("type " + name + ": facet " + f.getClass().getSimpleName() + " '" + v + "' not enforced: " + e.getMessage());
                }
            }
            try {
                facets.patterns(patterns);
            } catch (RuntimeException e) {
                LOG.warning("type " + name + ": pattern " + patterns + " not enforced: " + e.getMessage());
            }
            return simpleValueType(r.getBaseTypeName(), r.getBaseTypeName() == null ? r.getBaseType() : null,
                    enumeration, facets, depth + 1);
        }
        return ValueType.OTHER; // lists and unions are kept as their lexical text
    }

    private static List<XmlSchemaElement> particleElements(XmlSchemaParticle particle) {
        List<XmlSchemaElement> out = new ArrayList<>();
        if (particle instanceof XmlSchemaAll) {
            for (XmlSchemaAllMember m : ((XmlSchemaAll) particle).getItems()) {
                if (m instanceof XmlSchemaElement) out.add((XmlSchemaElement) m);
            }
        } else if (particle instanceof XmlSchemaSequence) {
            for (XmlSchemaSequenceMember m : ((XmlSchemaSequence) particle).getItems()) {
                if (m instanceof XmlSchemaElement) out.add((XmlSchemaElement) m);
            }
        }
        return out;
    }
}
