package io.sdataserver.bench;

import java.util.List;

import org.apache.olingo.odata2.api.edm.EdmConcurrencyMode;
import org.apache.olingo.odata2.api.edm.EdmMultiplicity;
import org.apache.olingo.odata2.api.edm.EdmSimpleTypeKind;
import org.apache.olingo.odata2.api.edm.FullQualifiedName;
import org.apache.olingo.odata2.api.edm.provider.Association;
import org.apache.olingo.odata2.api.edm.provider.AssociationEnd;
import org.apache.olingo.odata2.api.edm.provider.AssociationSet;
import org.apache.olingo.odata2.api.edm.provider.AssociationSetEnd;
import org.apache.olingo.odata2.api.edm.provider.EdmProvider;
import org.apache.olingo.odata2.api.edm.provider.EntityContainer;
import org.apache.olingo.odata2.api.edm.provider.EntityContainerInfo;
import org.apache.olingo.odata2.api.edm.provider.EntitySet;
import org.apache.olingo.odata2.api.edm.provider.EntityType;
import org.apache.olingo.odata2.api.edm.provider.Facets;
import org.apache.olingo.odata2.api.edm.provider.Key;
import org.apache.olingo.odata2.api.edm.provider.NavigationProperty;
import org.apache.olingo.odata2.api.edm.provider.Property;
import org.apache.olingo.odata2.api.edm.provider.PropertyRef;
import org.apache.olingo.odata2.api.edm.provider.Schema;
import org.apache.olingo.odata2.api.edm.provider.SimpleProperty;

/**
 * Static EDM of the peer: SalesOrders (with a Version concurrency token) and their OrderLines.
 * Stateless, so one instance is shared by all requests.
 */
final class PeerEdmProvider extends EdmProvider {

    static final String NAMESPACE = "SDataBench";
    static final String CONTAINER = "PeerContainer";
    static final String SALES_ORDERS = "SalesOrders";
    static final String ORDER_LINES = "OrderLines";
    static final String NAV_ORDER_LINES = "OrderLines";

    private static final FullQualifiedName SALES_ORDER = new FullQualifiedName(NAMESPACE, "SalesOrder");
    private static final FullQualifiedName ORDER_LINE = new FullQualifiedName(NAMESPACE, "OrderLine");
    private static final FullQualifiedName ORDER_LINES_ASSOC = new FullQualifiedName(NAMESPACE, "SalesOrder_OrderLines");
    private static final String ROLE_ORDER = "SalesOrder";
    private static final String ROLE_LINES = "OrderLines";

    @Override
    public List<Schema> getSchemas() {
        EntityContainer container = new EntityContainer().setName(CONTAINER).setDefaultEntityContainer(true)
                .setEntitySets(List.of(getEntitySet(CONTAINER, SALES_ORDERS), getEntitySet(CONTAINER, ORDER_LINES)))
                .setAssociationSets(List.of(getAssociationSet(CONTAINER, ORDER_LINES_ASSOC, SALES_ORDERS, ROLE_ORDER)));
        return List.of(new Schema().setNamespace(NAMESPACE)
                .setEntityTypes(List.of(getEntityType(SALES_ORDER), getEntityType(ORDER_LINE)))
                .setAssociations(List.of(getAssociation(ORDER_LINES_ASSOC)))
                .setEntityContainers(List.of(container)));
    }

    @Override
    public EntityType getEntityType(FullQualifiedName name) {
        if (SALES_ORDER.equals(name)) {
            return new EntityType().setName(name.getName())
                    .setKey(key())
                    .setProperties(List.of(
                            prop("Id", EdmSimpleTypeKind.Int64, new Facets().setNullable(false)),
                            prop("OrderDate", EdmSimpleTypeKind.DateTime, null),
                            prop("Status", EdmSimpleTypeKind.String, new Facets().setMaxLength(40)),
                            prop("SubTotal", EdmSimpleTypeKind.Decimal, money()),
                            prop("Comment", EdmSimpleTypeKind.String, new Facets().setMaxLength(400)),
                            prop("Revision", EdmSimpleTypeKind.Int32, null),
                            prop("ContactId", EdmSimpleTypeKind.Int64, null),
                            prop("BillStreet", EdmSimpleTypeKind.String, new Facets().setMaxLength(200)),
                            prop("BillCity", EdmSimpleTypeKind.String, new Facets().setMaxLength(100)),
                            prop("BillPostalCode", EdmSimpleTypeKind.String, new Facets().setMaxLength(20)),
                            prop("BillCountryCode", EdmSimpleTypeKind.String, new Facets().setMaxLength(2)),
                            // Fixed concurrency mode: Olingo puts it into the ETag and demands a
                            // precondition header on PUT/MERGE/DELETE (428 otherwise).
                            prop("Version", EdmSimpleTypeKind.Int64,
                                    new Facets().setConcurrencyMode(EdmConcurrencyMode.Fixed))))
                    .setNavigationProperties(List.of(new NavigationProperty().setName(NAV_ORDER_LINES)
                            .setRelationship(ORDER_LINES_ASSOC).setFromRole(ROLE_ORDER).setToRole(ROLE_LINES)));
        }
        if (ORDER_LINE.equals(name)) {
            return new EntityType().setName(name.getName())
                    .setKey(key())
                    .setProperties(List.of(
                            prop("Id", EdmSimpleTypeKind.Int64, new Facets().setNullable(false)),
                            prop("OrderId", EdmSimpleTypeKind.Int64, null),
                            prop("LineNumber", EdmSimpleTypeKind.Int32, null),
                            prop("OrderQty", EdmSimpleTypeKind.Decimal, money()),
                            prop("UnitPrice", EdmSimpleTypeKind.Decimal, money())));
        }
        return null;
    }

    @Override
    public Association getAssociation(FullQualifiedName name) {
        if (!ORDER_LINES_ASSOC.equals(name)) {
            return null;
        }
        return new Association().setName(name.getName())
                .setEnd1(new AssociationEnd().setType(SALES_ORDER).setRole(ROLE_ORDER).setMultiplicity(EdmMultiplicity.ONE))
                .setEnd2(new AssociationEnd().setType(ORDER_LINE).setRole(ROLE_LINES).setMultiplicity(EdmMultiplicity.MANY));
    }

    @Override
    public EntitySet getEntitySet(String container, String name) {
        if (!CONTAINER.equals(container)) {
            return null;
        }
        return switch (name) {
            case SALES_ORDERS -> new EntitySet().setName(name).setEntityType(SALES_ORDER);
            case ORDER_LINES -> new EntitySet().setName(name).setEntityType(ORDER_LINE);
            default -> null;
        };
    }

    @Override
    public AssociationSet getAssociationSet(String container, FullQualifiedName association,
                                            String sourceEntitySetName, String sourceEntitySetRole) {
        if (!CONTAINER.equals(container) || !ORDER_LINES_ASSOC.equals(association)) {
            return null;
        }
        return new AssociationSet().setName("SalesOrders_OrderLines").setAssociation(ORDER_LINES_ASSOC)
                .setEnd1(new AssociationSetEnd().setRole(ROLE_ORDER).setEntitySet(SALES_ORDERS))
                .setEnd2(new AssociationSetEnd().setRole(ROLE_LINES).setEntitySet(ORDER_LINES));
    }

    @Override
    public EntityContainerInfo getEntityContainerInfo(String name) {
        if (name == null || CONTAINER.equals(name)) {
            return new EntityContainerInfo().setName(CONTAINER).setDefaultEntityContainer(true);
        }
        return null;
    }

    private static Key key() {
        return new Key().setKeys(List.of(new PropertyRef().setName("Id")));
    }

    private static Facets money() {
        return new Facets().setPrecision(19).setScale(4);
    }

    private static Property prop(String name, EdmSimpleTypeKind type, Facets facets) {
        return new SimpleProperty().setName(name).setType(type).setFacets(facets);
    }
}
