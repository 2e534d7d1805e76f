package io.sdataserver.payload;

import static io.sdataserver.payload.HandMade.deleted;
import static io.sdataserver.payload.HandMade.foreign;
import static io.sdataserver.payload.HandMade.list;
import static io.sdataserver.payload.HandMade.listOf;
import static io.sdataserver.payload.HandMade.nil;
import static io.sdataserver.payload.HandMade.one;
import static io.sdataserver.payload.HandMade.payload;
import static io.sdataserver.payload.HandMade.resource;
import static io.sdataserver.payload.HandMade.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.contract.Contract;
import io.sdataserver.contract.ContractLoader;
import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ResourceKind;
import io.sdataserver.diagnosis.Diagnosis;
import io.sdataserver.diagnosis.SDataException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The §9.2 rules applied to a payload built by hand: what a JSON adapter would hand the reader, with no XML. */
class PayloadReaderTest {
    private static final Contract CONTRACT = ContractLoader.load(Path.of("schemas", "myContract.xsd"));
    private static final ResourceKind ORDERS = CONTRACT.kind("salesOrders");
    private static final ResourceKind CUSTOMERS = CONTRACT.kind("customers");

    private static Property p(ResourceKind kind, String name) { return kind.type().property(name); }

    @Test
    void valuesChildrenListsAndLinksBecomeChanges() {
        PayloadChanges c = PayloadReader.read(ORDERS, payload(resource("7", null,
                value("orderDate", "2008-03-31"),
                nil("comment"),
                one("billAddress", resource(null, null, value("city", "Lyon"))),
                one("contact", resource("216", null)),
                list("orderLines", true,
                        resource(null, "0a4b1c2d-0000-4000-8000-000000000002", value("orderQty", "4")),
                        deleted("3"),
                        resource(null, null, value("orderQty", "1"))))));

        assertEquals("7", c.key());
        assertEquals(LocalDate.of(2008, 3, 31), c.values().get(p(ORDERS, "orderDate")));
        assertEquals(PayloadChanges.NIL, c.values().get(p(ORDERS, "comment")));
        assertEquals(new LinkTarget("216", null), c.links().get(p(ORDERS, "contact")));
        PayloadChanges bill = c.children().get(p(ORDERS, "billAddress")).items().get(0);
        assertEquals("salesOrder/billAddress", bill.path());
        assertEquals("Lyon", bill.values().get(bill.type().property("city")));

        PayloadChanges.ChildChange lines = c.children().get(p(ORDERS, "orderLines"));
        assertTrue(lines.deleteMissing());
        assertEquals(List.of("salesOrder/orderLines/salesOrderLine[1]", "salesOrder/orderLines/salesOrderLine[2]",
                "salesOrder/orderLines/salesOrderLine[3]"), lines.items().stream().map(PayloadChanges::path).toList(),
                "unnamed items are named by the contract's item name");
        assertEquals("0a4b1c2d-0000-4000-8000-000000000002", lines.items().get(0).uuid());
        assertTrue(lines.items().get(1).isDeleted());
        assertEquals("3", lines.items().get(1).key());
        assertFalse(c.mentions(p(ORDERS, "shipDate")), "absent stays unchanged");
    }

    @Test
    void associationItemsAreLinksOnly() {
        PayloadChanges c = PayloadReader.read(CUSTOMERS, payload(resource(null, null,
                value("name", "Acme"),
                list("taxCodes", false, resource("VAT", null, value("description", "never read")), deleted("OLD")))));
        PayloadChanges.LinkListChange codes = c.linkLists().get(p(CUSTOMERS, "taxCodes"));
        assertFalse(codes.deleteMissing());
        assertEquals(List.of(new LinkTarget("VAT", null, false), new LinkTarget("OLD", null, true)), codes.items());
    }

    @Test
    void readOnlyPropertiesAndDataInsideAReferenceAreNotRead() {
        PayloadChanges c = PayloadReader.read(ORDERS, payload(resource(null, null,
                value("orderNumber", "SO-1"),
                one("contact", resource("216", null, value("lastName", "never written"), value("bogus", "never judged"))))));
        assertFalse(c.mentions(p(ORDERS, "orderNumber")));
        assertEquals(new LinkTarget("216", null), c.links().get(p(ORDERS, "contact")));
    }

    @Test
    void everyFaultIsReportedAtItsPathInContractNames() {
        EntityType line = p(ORDERS, "orderLines").target();
        SDataException e = assertThrows(SDataException.class, () -> PayloadReader.read(ORDERS, payload(resource(null, "not-a-uuid",
                value("bogus", "1"),
                foreign("comment", "in another vocabulary"),
                value("shipDate", "2008-04-01"),
                value("shipDate", "2008-04-02"),
                nil("orderDate"),
                one("status", resource(null, null)),
                one("contact", resource(null, null)),
                listOf("orderLines", false, List.of(
                        new SentList.Item(null, resource(null, null, value("orderQty", "1"))),
                        new SentList.Item(null, resource(null, null, value("orderQty", "-1"), value("order", "x"))),
                        new SentList.Item("note", null)))))));
        assertEquals(400, e.status());
        Map<String, String> byPath = new TreeMap<>();
        for (Diagnosis d : e.diagnoses()) byPath.put(d.payloadPath(), d.applicationCode());
        Map<String, String> expected = new TreeMap<>(Map.of(
                "salesOrder", "InvalidUuid",
                "salesOrder/bogus", "UnknownProperty",
                "salesOrder/comment", "UnknownProperty",
                "salesOrder/shipDate", "DuplicateProperty",
                "salesOrder/orderDate", "NotNillable",
                "salesOrder/status", "InvalidValue",
                "salesOrder/contact", "MissingLinkTarget",
                "salesOrder/orderLines/salesOrderLine[2]/orderQty", "InvalidValue",
                "salesOrder/orderLines/note[3]", "UnknownProperty"));
        assertEquals(expected, byPath, e.diagnoses()::toString);
        assertTrue(line.property("order").isParent(), "the parent link inside a line is ignored, not refused");
    }
}
