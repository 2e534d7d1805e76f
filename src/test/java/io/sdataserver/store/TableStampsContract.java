package io.sdataserver.store;

import static io.sdataserver.store.ReferencedDeleteContract.CLAIMS;
import static io.sdataserver.store.ReferencedDeleteContract.claims;
import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Per-table stamps (issue 14, point 6): a feed's ETag and its cached count move when anything the feed can show or
 * select changes (its own kind, its children, the kinds it embeds or filters through, the owner of the list it
 * lists), and only then: a write to an unrelated kind leaves the ETag as it was, and the feed still answers 304.
 */
abstract class TableStampsContract {
    abstract Backend backend();

    static final String ORDER = "/a:entry/sdata:payload/c:salesOrder";

    static String contact(String lastName) { return entry(resource("contact", "", "<lastName>" + lastName + "</lastName>")); }

    static String product(String name) { return entry(resource("product", "", "<name>" + name + "</name>")); }

    static String taxCode(String key, String description) {
        return entry(resource("taxCode", "sdata:key=\"" + key + "\"", "<description>" + description + "</description>"));
    }

    static String key(Reply created, String element) {
        assertEquals(201, created.status(), created::toString);
        return created.xml().text("/a:entry/sdata:payload/c:" + element + "/@sdata:key");
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    /** The feed's ETag (a 200 is required). */
    static String feedEtag(String url) {
        Reply r = Http.get(url);
        assertEquals(200, r.status(), r::toString);
        assertNotNull(r.header("ETag"), url);
        return r.header("ETag");
    }

    static long total(String url) {
        Reply r = Http.get(url);
        assertEquals(200, r.status(), r::toString);
        return Long.parseLong(r.xml().text("/a:feed/opensearch:totalResults"));
    }

    /** The feed still has this ETag: same header, and a conditional GET with it is answered 304. */
    static void unchanged(String url, String etag, String why) {
        assertEquals(etag, feedEtag(url), why);
        assertEquals(304, Http.get(url, "If-None-Match", etag).status(), why + ": still 304");
    }

    /** The feed has a new ETag, and a conditional GET with the old one is answered in full; returns the new one. */
    static String changed(String url, String etag, String why) {
        String now = feedEtag(url);
        assertNotEquals(etag, now, why);
        assertEquals(200, Http.get(url, "If-None-Match", etag).status(), why + ": the old ETag validates nothing");
        return now;
    }

    static Reply put(String url, String body) {
        Reply current = Http.get(url);
        assertEquals(200, current.status(), current::toString);
        Reply r = current.header("ETag") == null ? Http.put(url, body) : Http.put(url, body, "If-Match", current.header("ETag"));
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    /** The stamps of the bundled contract's tables in the default dataset, by type (contact, salesOrder, ...). */
    static Map<String, Long> stamps(String databaseUrl) {
        Map<String, Long> m = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(databaseUrl); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tbl, v FROM sd_table_stamps WHERE ds = '-'")) {
            while (rs.next()) m.put(rs.getString(1).replace("sd_mycontract_", ""), rs.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /** What moved between two readings of the stamps: type -> by how much. */
    static Map<String, Long> moved(Map<String, Long> before, Map<String, Long> after) {
        assertEquals(before.keySet(), after.keySet(), "stamp rows are made at start-up, never by a write");
        Map<String, Long> m = new TreeMap<>();
        for (String t : after.keySet()) if (!after.get(t).equals(before.get(t))) m.put(t, after.get(t) - before.get(t));
        return m;
    }

    @Test
    void aWriteMovesTheStampsOfTheTablesItChangedOnceEachAndNoOthers() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            String db = s.databaseUrl();
            Map<String, Long> start = stamps(db);
            assertEquals(Map.of("address", 0L, "contact", 0L, "customer", 0L, "product", 0L, "salesorder", 0L,
                    "salesorderline", 0L, "taxcode", 0L), start, "one row per table, made at start-up");

            Map<String, Long> before = stamps(db);
            String contactKey = key(Http.post(b + "/contacts", contact("Stamped")), "contact");
            assertEquals(Map.of("contact", 1L), moved(before, before = stamps(db)), "a contact created");

            Reply order = Http.post(b + "/salesOrders", entry(resource("salesOrder", "", "<contact sdata:key=\"" + contactKey + "\"/>"
                    + "<billAddress><city>Paris</city></billAddress><orderLines><salesOrderLine><lineNumber>1</lineNumber>"
                    + "</salesOrderLine><salesOrderLine><lineNumber>2</lineNumber></salesOrderLine></orderLines>")));
            String lineKey = order.xml().text(ORDER + "/c:orderLines/c:salesOrderLine[1]/@sdata:key");
            key(order, "salesOrder");
            assertEquals(Map.of("salesorder", 1L, "salesorderline", 1L, "address", 1L), moved(before, before = stamps(db)),
                    "an order with its lines and address: once per table, and the contact it refers to is not written");

            put(b + "/salesOrderLines('" + lineKey + "')", entry(resource("salesOrderLine", "", "<lineNumber>9</lineNumber>")));
            assertEquals(Map.of("salesorderline", 1L, "salesorder", 1L), moved(before, before = stamps(db)),
                    "a line written at its own URL: its order's ETag moves with it");

            Reply stale = Http.put(b + "/contacts('" + contactKey + "')", contact("Stale"), "If-Match", "\"stale\"");
            assertEquals(412, stale.status(), stale::toString);
            assertEquals(Map.of(), moved(before, before = stamps(db)), "a 412 moves nothing");

            assertEquals(201, Http.post(b + "/taxCodes", taxCode("T1", "tax")).status());
            assertEquals(Map.of("taxcode", 1L), moved(before, before = stamps(db)));
            String customerKey = key(Http.post(b + "/customers", entry(resource("customer", "", "<name>Acme</name>"
                    + "<taxCodes><taxCode sdata:key=\"T1\"/></taxCodes>"))), "customer");
            assertEquals(Map.of("customer", 1L), moved(before, before = stamps(db)), "link rows are their owner's");

            assertEquals(200, Http.delete(b + "/customers('" + customerKey + "')").status());
            assertEquals(Map.of("customer", 1L), moved(before, before = stamps(db)), "a customer and its links deleted");
        }
    }

    @Test
    void aFeedEtagMovesWithItsKindItsChildrenAndWhatItEmbedsAndNotWithUnrelatedKinds() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            String contactKey = key(Http.post(b + "/contacts", contact("Before")), "contact");
            Reply created = Http.post(b + "/salesOrders", entry(resource("salesOrder", "", "<contact sdata:key=\"" + contactKey + "\"/>"
                    + "<orderLines><salesOrderLine><lineNumber>1</lineNumber></salesOrderLine></orderLines>")));
            String orderKey = key(created, "salesOrder");
            String lineKey = created.xml().text(ORDER + "/c:orderLines/c:salesOrderLine/@sdata:key");
            String order = b + "/salesOrders('" + orderKey + "')";
            String orders = b + "/salesOrders?include=contact";
            String contacts = b + "/contacts";
            String products = b + "/products";
            String taxCodes = b + "/taxCodes";

            String ordersTag = feedEtag(orders);
            String contactsTag = feedEtag(contacts);
            String productsTag = feedEtag(products);

            // its own kind
            put(order, entry(resource("salesOrder", "", "<comment>one</comment>")));
            ordersTag = changed(orders, ordersTag, "a PUT of an order");
            unchanged(contacts, contactsTag, "contacts do not show orders");
            unchanged(products, productsTag, "products do not show orders");

            // a child kind, written at its own URL and through the owner's child list
            put(b + "/salesOrderLines('" + lineKey + "')", entry(resource("salesOrderLine", "", "<lineNumber>7</lineNumber>")));
            ordersTag = changed(orders, ordersTag, "a PUT of one of its order lines");
            String lines = b + "/salesOrderLines";
            assertEquals(1, total(lines));
            String linesTag = feedEtag(lines);
            assertEquals(201, Http.post(order + "/orderLines", entry(resource("salesOrderLine", "", "<lineNumber>2</lineNumber>")))
                    .status());
            ordersTag = changed(orders, ordersTag, "an order line added through the order's child list");
            changed(lines, linesTag, "the order lines feed has one more");
            assertEquals(2, total(lines), "the cached count of order lines moved on");

            // a kind it embeds (include=contact): the feed shows the contact's new name
            put(b + "/contacts('" + contactKey + "')", contact("After"));
            ordersTag = changed(orders, ordersTag, "the embedded contact changed");
            assertEquals("After", Http.get(orders).xml().text("/a:feed/a:entry/sdata:payload/c:salesOrder/c:contact/c:lastName"));
            contactsTag = changed(contacts, contactsTag, "a PUT of a contact");

            // unrelated kinds: nothing the orders feed can show or select
            assertEquals(201, Http.post(taxCodes, taxCode("T1", "tax")).status());
            assertEquals(201, Http.post(b + "/customers", entry(resource("customer", "", "<name>Acme</name>"
                    + "<primaryContact sdata:key=\"" + contactKey + "\"/><taxCodes><taxCode sdata:key=\"T1\"/></taxCodes>"))).status());
            unchanged(orders, ordersTag, "taxCodes and customers are not shown by orders");
            unchanged(contacts, contactsTag, "a customer referring to a contact changes no contact");
            unchanged(products, productsTag, "products are unrelated to taxCodes and customers");
            // and products are unrelated to contacts, contacts to products
            String productKey = key(Http.post(products, product("Widget")), "product");
            productsTag = changed(products, productsTag, "a product created");
            unchanged(contacts, contactsTag, "a product is no part of a contacts feed");
            put(b + "/products('" + productKey + "')", product("Gadget"));
            productsTag = changed(products, productsTag, "a product updated");
            unchanged(contacts, contactsTag, "a product is no part of a contacts feed");
            assertEquals(201, Http.post(contacts, contact("Third")).status());
            unchanged(products, productsTag, "a contact is no part of a products feed");
            // orders reach products through their lines' product reference: a product change does move them
            put(b + "/products('" + productKey + "')", product("Gizmo"));
            changed(orders, ordersTag, "orders can embed their lines' products");
        }
    }

    @Test
    void aQueryThroughAReferenceOrParentIsCountedAgainWhenTheOtherKindChanges() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            String contactKey = key(Http.post(b + "/contacts", contact("Smith")), "contact");
            String orderKey = key(Http.post(b + "/salesOrders", entry(resource("salesOrder", "", "<contact sdata:key=\""
                    + contactKey + "\"/><comment>draft</comment><orderLines><salesOrderLine><lineNumber>1</lineNumber>"
                    + "</salesOrderLine></orderLines>"))), "salesOrder");
            String bySmith = b + "/salesOrders?where=" + enc("contact.lastName eq 'Smith'");
            String draftLines = b + "/salesOrderLines?where=" + enc("order.comment eq 'draft'");
            assertEquals(1, total(bySmith));
            assertEquals(1, total(draftLines));
            String bySmithTag = feedEtag(bySmith);
            String draftLinesTag = feedEtag(draftLines);

            put(b + "/contacts('" + contactKey + "')", contact("Jones"));
            assertEquals(0, total(bySmith), "the count cached before the contact changed is not served");
            changed(bySmith, bySmithTag, "the where reads the contact's name");

            put(b + "/salesOrders('" + orderKey + "')", entry(resource("salesOrder", "", "<comment>final</comment>")));
            assertEquals(0, total(draftLines), "the count cached before the order changed is not served");
            changed(draftLines, draftLinesTag, "the where reads the parent order's comment");
        }
    }

    @Test
    void theFeedOfAListMovesWithItsOwnersLinksAndItsTargets() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            for (String t : List.of("T1", "T2")) assertEquals(201, Http.post(b + "/taxCodes", taxCode(t, t)).status());
            String customerKey = key(Http.post(b + "/customers", entry(resource("customer", "", "<name>Acme</name>"
                    + "<taxCodes><taxCode sdata:key=\"T1\"/></taxCodes>"))), "customer");
            String customer = b + "/customers('" + customerKey + "')";
            String list = customer + "/taxCodes";
            String taxCodes = b + "/taxCodes";
            assertEquals(1, total(list));
            String listTag = feedEtag(list);
            String taxCodesTag = feedEtag(taxCodes);

            put(customer, entry(resource("customer", "", "<taxCodes><taxCode sdata:key=\"T2\"/></taxCodes>")));
            assertEquals(2, total(list), "the customer's link rows are counted again");
            listTag = changed(list, listTag, "the customer lists one more tax code");
            unchanged(taxCodes, taxCodesTag, "no tax code changed");

            put(b + "/taxCodes('T2')", taxCode("T2", "changed"));
            changed(list, listTag, "a listed tax code changed");
            changed(taxCodes, taxCodesTag, "a tax code changed");
        }
    }

    @Test
    void theReadOnlyDirectionOfAnAssociationMovesWithTheWritableOne() {
        try (TestServer s = TestServer.start(backend(), CLAIMS, List.of(), -1)) {
            String b = s.base("claims");
            for (String t : List.of("T1", "T2")) {
                assertEquals(201, Http.post(b + "/tags", claims("tag", "sdata:key=\"" + t + "\"", "<name>" + t + "</name>")).status());
            }
            Reply o = Http.post(b + "/orders", claims("order", "sdata:key=\"O1\"", "<tags><tag sdata:key=\"T1\"/></tags>"));
            assertEquals(201, o.status(), o::toString);
            String tags = b + "/tags";
            String tagsTag = feedEtag(tags);
            String t1Orders = b + "/tags('T1')/orders";
            assertEquals(1, total(t1Orders));
            String t1OrdersTag = feedEtag(t1Orders);
            Reply put = Http.put(b + "/orders('O1')", claims("order", "", "<tags sdata:deleteMissing=\"true\"><tag sdata:key=\"T2\"/></tags>"),
                    "If-Match", o.header("ETag"));
            assertEquals(200, put.status(), put::toString);
            changed(tags, tagsTag, "the tags' read-only order lists changed");
            assertEquals(0, total(t1Orders), "T1 lists no order any more");
            changed(t1Orders, t1OrdersTag, "T1 lists no order any more");
        }
    }
}
