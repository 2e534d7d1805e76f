package io.sdataserver.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sdataserver.contract.Contract;
import io.sdataserver.contract.ContractLoader;
import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the payload writer tells a sink: resources, values, nil, links and lists, in contract order, no format. */
class PayloadWriterTest {
    private static final Contract CONTRACT = ContractLoader.load(Path.of("schemas", "myContract.xsd"));
    private static final ResourceKind ORDERS = CONTRACT.kind("salesOrders");
    private static final ResourceKind CUSTOMERS = CONTRACT.kind("customers");
    private static final String U1 = "00000000-0000-4000-8000-000000000001";

    private static final ResourceUrls URLS = new ResourceUrls() {
        @Override public String resource(EntityType type, String key) {
            return type.resourceKind() == null ? null : collection(type) + "('" + key + "')";
        }

        @Override public String collection(EntityType type) {
            return type.resourceKind() == null ? null : "http://h/" + type.resourceKind().pluralName();
        }

        @Override public String property(String resourceUrl, Property p) { return resourceUrl + "/" + p.name(); }
    };

    private static ResourceState state(EntityType type, String key, String uuid) {
        return new ResourceState(type, key, uuid, null, 1, Instant.EPOCH);
    }

    private static List<String> write(ResourceKind kind, ResourceState s, PayloadShape shape) {
        RecordingSink sink = new RecordingSink();
        new PayloadWriter(URLS, null).write(sink, kind, s, shape);
        return sink.calls;
    }

    @Test
    void nilsLinksAndAnEmbeddedChildList() {
        ResourceState order = state(ORDERS.type(), "1", U1);
        order.values().put("orderDate", LocalDate.of(2008, 3, 31));
        order.values().put("comment", null);
        order.values().put("orderNumber", null);
        order.links().put("contact", new LinkTarget("216", null));
        ResourceState line = state(ORDERS.type().property("orderLines").target(), "7", null);
        line.values().put("orderQty", new BigDecimal("2"));
        order.children().put("orderLines", List.of(line));
        PayloadShape shape = PayloadShape.of(ORDERS.type(), "orderNumber,orderDate,comment,billAddress,contact,orderLines/orderQty",
                null, null);

        assertEquals(List.of(
                "resource salesOrder 1 " + U1 + " http://h/salesOrders('1')",
                // orderNumber is null and not nillable: left out (PAY-2)
                "orderDate = 2008-03-31",
                "comment nil",
                "billAddress nil",
                "list orderLines http://h/salesOrders('1')/orderLines",
                "item 7 null http://h/salesOrderLines('7')",
                "orderQty = 2",
                "end resource",
                "end list",
                "link contact 216 null http://h/contacts('216') http://h/contacts",
                "end resource"), write(ORDERS, order, shape));
    }

    @Test
    void anAssociationListsItsItemsAsLinks() {
        ResourceState customer = state(CUSTOMERS.type(), "C1", null);
        customer.linkLists().put("taxCodes", List.of(new LinkTarget("VAT", null), new LinkTarget("ZERO", U1)));
        assertEquals(List.of(
                "resource customer C1 null http://h/customers('C1')",
                "list taxCodes http://h/customers('C1')/taxCodes",
                "link item VAT null http://h/taxCodes('VAT')",
                "link item ZERO " + U1 + " http://h/taxCodes('ZERO')",
                "end list",
                "end resource"), write(CUSTOMERS, customer, PayloadShape.of(CUSTOMERS.type(), "taxCodes", null, null)));
    }

    @Test
    void aTemplateShowsAnEmptyItemInEachIncludedChildList() {
        RecordingSink sink = new RecordingSink();
        PayloadWriter.template(sink, ORDERS, PayloadShape.of(ORDERS.type(), null, "orderLines", null));
        assertEquals(List.of("resource salesOrder null null null", "list orderLines null", "empty item", "end list", "end resource"),
                sink.calls);
    }
}
