package io.sdataserver.spec;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.sdataserver.testsupport.Refusals.application;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The specification's worked examples (§7.1 read, §8.1 create, §9.1 update, §9.3 concurrency, §10.1 delete) sent
 * verbatim to the bundled contract, checking the responses the spec describes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpecExamplesContract {
    private static final String ORDER_UUID = "BE7D7445-7FA4-4c67-AC22-5F6446314771";
    private static final String LINE1_UUID = "5FB95DE2-8548-48ac-8868-8006238EEBF0";
    private static final String LINE2_UUID = "A2744351-1891-4365-948D-80A32594A14E";

    /** §8.1's request, as printed there (empty id/title/content, subTotal sent, keys chosen by the server). */
    static final String CREATE_EXAMPLE = "<entry xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\"\n"
            + "       xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "       xmlns=\"http://www.w3.org/2005/Atom\">\n"
            + "  <id/>\n  <title/>\n  <content/>\n"
            + "  <sdata:payload>\n"
            + "    <salesOrder xmlns=\"http://schemas.sage.com/myContract\"\n"
            + "      sdata:uuid=\"" + ORDER_UUID + "\">\n"
            + "      <orderDate>2008-03-31</orderDate>\n"
            + "      <contact sdata:key=\"216\"/>\n"
            + "      <subTotal>202.70</subTotal>\n"
            + "      <orderLines>\n"
            + "        <salesOrderLine sdata:uuid=\"" + LINE1_UUID + "\">\n"
            + "          <product sdata:key=\"72\"/>\n"
            + "          <orderQty>1</orderQty>\n"
            + "          <unitPrice>81.70</unitPrice>\n"
            + "        </salesOrderLine>\n"
            + "        <salesOrderLine sdata:uuid=\"" + LINE2_UUID + "\">\n"
            + "          <product sdata:key=\"43\"/>\n"
            + "          <orderQty>2</orderQty>\n"
            + "          <unitPrice>60.50</unitPrice>\n"
            + "        </salesOrderLine>\n"
            + "      </orderLines>\n"
            + "    </salesOrder>\n"
            + "  </sdata:payload>\n"
            + "</entry>";

    private TestServer server;
    private String b;

    abstract Backend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        b = server.base();
        created(Http.post(b + "/contacts", entry(resource("contact", "sdata:key=\"216\" sdata:uuid=\"4AB7DA77-C841-4bef-955A-08D661D86430\"",
                "<firstName>Kim</firstName><lastName>Abercrombie</lastName>"))));
        for (String key : new String[] {"72", "43"}) {
            created(Http.post(b + "/products", entry(resource("product", "sdata:key=\"" + key + "\"",
                    "<productNumber>P" + key + "</productNumber><name>Product " + key + "</name>"))));
        }
    }

    @AfterAll
    void stop() { server.close(); }

    private static Reply created(Reply r) {
        assertEquals(201, r.status(), r::toString);
        return r;
    }

    private static void assertEntryType(Reply r) {
        assertEquals("application/atom+xml;type=entry", r.header("Content-Type").replace(" ", "").toLowerCase(), r::toString);
    }

    /** Creates the §8.1 order with fresh uuids (the spec's own uuids are used once, in the create test). */
    private Reply createOrder() {
        return created(Http.post(b + "/salesOrders", CREATE_EXAMPLE.replace(ORDER_UUID, UUID.randomUUID().toString())
                .replace(LINE1_UUID, UUID.randomUUID().toString()).replace(LINE2_UUID, UUID.randomUUID().toString())));
    }

    @Test
    void createExample_8_1() {
        Reply r = created(Http.post(b + "/salesOrders", CREATE_EXAMPLE));
        assertEntryType(r);
        Xml x = r.xml();
        String key = x.text("/a:entry/sdata:payload/c:salesOrder/@sdata:key");
        assertFalse(key.isEmpty(), "the server assigns the key");
        String url = b + "/salesOrders('" + key + "')";
        assertEquals(url, r.header("Location"), "Location is the new resource's URL");
        assertEquals(url, x.text("/a:entry/a:id"));
        assertEquals(url, x.text("/a:entry/a:link[@rel='self']/@href"));
        assertEquals(url, x.text("/a:entry/a:link[@rel='edit']/@href"));
        assertTrue(x.has("/a:entry/a:link[@rel='http://schemas.sage.com/sdata/link-relations/schema']"));
        assertEquals(b + "/salesOrders/$template", x.text("/a:entry/a:link[@rel='http://schemas.sage.com/sdata/link-relations/template']/@href"));
        assertEquals(b + "/salesOrders", x.text("/a:entry/a:link[@rel='http://schemas.sage.com/sdata/link-relations/post']/@href"));
        assertEquals("resource", x.text("/a:entry/a:category[@scheme='http://schemas.sage.com/sdata/categories']/@term"));
        assertNotNull(r.etag());
        assertEquals(r.etag(), x.text("/a:entry/http:etag"), "ETag header and http:etag are identical");

        String so = "/a:entry/sdata:payload/c:salesOrder";
        assertEquals(ORDER_UUID, x.text(so + "/@sdata:uuid"), "the consumer's uuid is kept");
        assertEquals(url, x.text(so + "/@sdata:url"));
        assertEquals(key, x.text(so + "/c:orderNumber"), "orderNumber is set by the provider");
        assertEquals("2008-03-31", x.text(so + "/c:orderDate"));
        assertEquals("true", x.text(so + "/c:shipDate/@xsi:nil"));
        assertEquals("216", x.text(so + "/c:contact/@sdata:key"));
        assertEquals("202.70", x.text(so + "/c:subTotal"));
        assertEquals(2, x.count(so + "/c:orderLines/c:salesOrderLine"), "the two child lines were created with the order");
        assertEquals(LINE1_UUID, x.text(so + "/c:orderLines/c:salesOrderLine[1]/@sdata:uuid"));
        assertEquals("72", x.text(so + "/c:orderLines/c:salesOrderLine[1]/c:product/@sdata:key"));
        assertEquals(b + "/products('72')", x.text(so + "/c:orderLines/c:salesOrderLine[1]/c:product/@sdata:url"));
        assertEquals("1", x.text(so + "/c:orderLines/c:salesOrderLine[1]/c:orderQty"));
        assertEquals("81.70", x.text(so + "/c:orderLines/c:salesOrderLine[1]/c:unitPrice"));
        assertEquals(LINE2_UUID, x.text(so + "/c:orderLines/c:salesOrderLine[2]/@sdata:uuid"));
        assertEquals("43", x.text(so + "/c:orderLines/c:salesOrderLine[2]/c:product/@sdata:key"));
        assertEquals("2", x.text(so + "/c:orderLines/c:salesOrderLine[2]/c:orderQty"));
        assertEquals("60.50", x.text(so + "/c:orderLines/c:salesOrderLine[2]/c:unitPrice"));
        String lineKey = x.text(so + "/c:orderLines/c:salesOrderLine[1]/@sdata:key");
        assertEquals(b + "/salesOrderLines('" + lineKey + "')", x.text(so + "/c:orderLines/c:salesOrderLine[1]/@sdata:url"));

        // The Location can be read back, and the lines are resources of their own kind.
        Reply read = Http.get(r.header("Location"));
        assertEquals(200, read.status());
        assertEquals(r.etag(), read.etag());
        Reply line = Http.get(b + "/salesOrderLines('" + lineKey + "')");
        assertEquals(200, line.status(), line::toString);
        assertEquals(key, line.xml().text("/a:entry/sdata:payload/c:salesOrderLine/c:order/@sdata:key"), "a line links to its parent");
    }

    @Test
    void readExample_7_1() {
        String key = createOrder().xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key");
        Reply r = Http.get(b + "/salesOrders('" + key + "')?include=orderLines");
        assertEquals(200, r.status(), r::toString);
        assertEntryType(r);
        Xml x = r.xml();
        assertEquals(r.etag(), x.text("/a:entry/http:etag"), "ETag header equals http:etag (§7.1, CONC-2)");
        assertEquals(b + "/salesOrders('" + key + "')", x.text("/a:entry/a:id"));
        assertFalse(x.text("/a:entry/a:title").isEmpty());
        assertFalse(x.text("/a:entry/a:updated").isEmpty());
        assertTrue(x.has("/a:entry/a:link[@rel='http://schemas.sage.com/sdata/link-relations/schema']"));
        String so = "/a:entry/sdata:payload/c:salesOrder";
        assertEquals(key, x.text(so + "/@sdata:key"));
        assertTrue(x.text(so + "/@sdata:uuid").matches("[0-9a-fA-F-]{36}"));
        assertEquals("true", x.text(so + "/c:shipDate/@xsi:nil"), "nulls are written as xsi:nil (PAY-2)");
        assertEquals(b + "/contacts('216')", x.text(so + "/c:contact/@sdata:url"));
        assertEquals("4AB7DA77-C841-4bef-955A-08D661D86430", x.text(so + "/c:contact/@sdata:uuid"));
        assertEquals(b + "/contacts", x.text(so + "/c:contact/@sdata:lookup"));
        assertEquals(2, x.count(so + "/c:orderLines/c:salesOrderLine"), "include=orderLines embeds the lines");
        assertFalse(x.text(so + "/c:orderLines/c:salesOrderLine[2]/c:product/@sdata:uuid").isEmpty(),
                "links to uuid-bearing kinds carry the uuid (LNK-4)");

        // Without include the lines are linked, not embedded (LNK-1).
        Xml plain = Http.get(b + "/salesOrders('" + key + "')").xml();
        assertEquals(0, plain.count(so + "/c:orderLines/c:salesOrderLine"));
        assertEquals(b + "/salesOrders('" + key + "')/orderLines", plain.text(so + "/c:orderLines/@sdata:url"));
    }

    /** §9.1's PUT, payload as printed (with http:ifMatch in the entry), by PUT and by POST + method override. */
    @Test
    void updateExample_9_1() {
        for (boolean override : new boolean[] {false, true}) {
            Reply c = createOrder();
            String key = c.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key");
            String etag = c.etag();
            String body = "<entry xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\"\n"
                    + "       xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"\n"
                    + "       xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "       xmlns=\"http://www.w3.org/2005/Atom\">\n"
                    + "  <id>" + b + "/salesOrders('" + key + "')</id>\n"
                    + "  <title>Sales Order " + key + "</title>\n"
                    + "  <updated>2008-03-31T13:46:45Z</updated>\n"
                    + "  <sdata:payload>\n"
                    + "    <salesOrder xmlns=\"http://schemas.sage.com/myContract\">\n"
                    + "      <orderNumber>" + key + "</orderNumber>\n"
                    + "      <orderDate>2008-03-31</orderDate>\n"
                    + "      <shipDate>2008-04-05</shipDate>\n"
                    + "      <contact sdata:key=\"216\" />\n"
                    + "      <subTotal>202.70</subTotal>\n"
                    + "    </salesOrder>\n"
                    + "  </sdata:payload>\n"
                    + "  <http:ifMatch>" + etag + "</http:ifMatch>\n"
                    + "</entry>";
            String url = b + "/salesOrders('" + key + "')";
            Reply r = override ? Http.post(url, body, "If-Match", etag, "X-HTTP-Method-Override", "PUT")
                    : Http.put(url, body, "If-Match", etag);
            assertEquals(200, r.status(), r::toString);
            assertEntryType(r);
            Xml x = r.xml();
            assertNotEquals(etag, r.etag(), "the ETag changes with the resource");
            assertEquals(r.etag(), x.text("/a:entry/http:etag"));
            String so = "/a:entry/sdata:payload/c:salesOrder";
            assertEquals("2008-04-05", x.text(so + "/c:shipDate"));
            assertEquals("2008-03-31", x.text(so + "/c:orderDate"));
            assertEquals("216", x.text(so + "/c:contact/@sdata:key"));
            assertEquals(key, x.text(so + "/@sdata:key"));
            // The update did not create a resource and did not touch the lines it did not mention (UPD-9).
            Xml again = Http.get(url + "?include=orderLines").xml();
            assertEquals(2, again.count(so + "/c:orderLines/c:salesOrderLine"));
            assertEquals("2008-04-05", again.text(so + "/c:shipDate"));
        }
    }

    @Test
    void concurrencyExample_9_3() {
        Reply c = createOrder();
        String key = c.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key");
        String url = b + "/salesOrders('" + key + "')";
        String e1 = c.etag();
        String change = entry(resource("salesOrder", "", "<shipDate>2008-04-05</shipDate>"));

        Reply missing = Http.put(url, change);
        application(missing, 400, "MissingIfMatch"); // PUT without If-Match on a supportsETag kind (CONC-6)
        Reply unchanged = Http.get(url);
        assertEquals(e1, unchanged.etag(), "the refused PUT changed nothing");
        assertEquals("true", unchanged.xml().text("/a:entry/sdata:payload/c:salesOrder/c:shipDate/@xsi:nil"));

        Reply first = Http.put(url, change, "If-Match", e1);
        assertEquals(200, first.status(), first::toString);
        String e2 = first.etag();

        Reply stale = Http.put(url, entry(resource("salesOrder", "", "<shipDate>2009-01-01</shipDate>")), "If-Match", e1);
        assertEquals(412, stale.status(), stale::toString);
        assertEntryType(stale);
        assertEquals(e2, stale.etag(), "412 carries the current ETag");
        assertEquals(e2, stale.xml().text("/a:entry/http:etag"));
        assertEquals("2008-04-05", stale.xml().text("/a:entry/sdata:payload/c:salesOrder/c:shipDate"), "412 body is the current entry");
        assertEquals("2008-04-05", Http.get(url).xml().text("/a:entry/sdata:payload/c:salesOrder/c:shipDate"), "nothing was updated");
    }

    @Test
    void deleteExample_10_1() {
        Reply c = createOrder();
        Xml x = c.xml();
        String key = x.text("/a:entry/sdata:payload/c:salesOrder/@sdata:key");
        String lineKey = x.text("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine[1]/@sdata:key");
        String url = b + "/salesOrders('" + key + "')";

        Reply stale = Http.delete(url, "If-Match", "STFtZgHEkPz7TyH98YEmWA==");
        assertEquals(412, stale.status(), "a stale If-Match on DELETE (CONC-11)");
        assertEquals(c.etag(), stale.etag());
        assertEquals(200, Http.get(url).status(), "not deleted");

        Reply r = Http.delete(url, "If-Match", c.etag());
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.body().isEmpty(), "a successful delete returns no entry");
        application(Http.get(url), 404, "ResourceNotFound");
        // children go with their parent (DEL-4)
        application(Http.get(b + "/salesOrderLines('" + lineKey + "')"), 404, "ResourceNotFound");
        application(Http.delete(url), 410, "ResourceDeleted"); // deleting again: 410 Gone (DEL-6)

        // The same through POST + X-HTTP-Method-Override: DELETE (DEL-2).
        Reply c2 = createOrder();
        String url2 = b + "/salesOrders('" + c2.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key") + "')";
        Reply viaPost = Http.post(url2, "", "X-HTTP-Method-Override", "DELETE", "If-Match", c2.etag());
        assertEquals(200, viaPost.status(), viaPost::toString);
        application(Http.get(url2), 404, "ResourceNotFound");
    }

    /**
     * §13.3's batch: a create with the §8.1 payload and an update of another order's shipDate with http:ifMatch, as
     * printed (feed namespaces, empty id/title/content on the create), answered as §13.4 describes.
     */
    @Test
    void batchExample_13_3() {
        Reply existing = createOrder();
        String existingUrl = existing.header("Location");
        String create = CREATE_EXAMPLE.replace(ORDER_UUID, UUID.randomUUID().toString()).replace(LINE1_UUID, UUID.randomUUID().toString())
                .replace(LINE2_UUID, UUID.randomUUID().toString());
        String payload = create.substring(create.indexOf("<sdata:payload>"), create.indexOf("</sdata:payload>") + "</sdata:payload>".length());
        String batch = "<feed xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\"\n"
                + "      xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"\n"
                + "      xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\"\n"
                + "      xmlns:sle=\"http://www.microsoft.com/schemas/rss/core/2005\"\n"
                + "      xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "      xmlns=\"http://www.w3.org/2005/Atom\">\n"
                + "  <title>Sales Orders</title>\n  <id>" + b + "/salesOrders/$batch</id>\n  <updated>2008-03-31T13:46:45Z</updated>\n"
                + "  <entry>\n    <id/>\n    <title/>\n    <content/>\n    <http:httpMethod>POST</http:httpMethod>\n    " + payload + "\n  </entry>\n"
                + "  <entry>\n    <id>" + existingUrl + "</id>\n    <title>Sales Order</title>\n    <updated>2008-03-31T13:46:45Z</updated>\n"
                + "    <content>Sales order</content>\n    <http:httpMethod>PUT</http:httpMethod>\n"
                + "    <http:ifMatch>" + existing.etag() + "</http:ifMatch>\n    <sdata:payload>\n"
                + "      <salesOrder xmlns=\"http://schemas.sage.com/myContract\">\n        <shipDate>2008-03-31</shipDate>\n"
                + "      </salesOrder>\n    </sdata:payload>\n  </entry>\n</feed>";
        Reply r = Http.post(b + "/salesOrders/$batch", batch, "Content-Type", "application/atom+xml; type=feed");
        assertEquals(200, r.status(), r::toString);
        assertEquals("application/atom+xml;type=feed", r.header("Content-Type").replace(" ", "").toLowerCase());
        Xml x = r.xml();
        assertEquals(2, x.count("/a:feed/a:entry"));
        String first = "/a:feed/a:entry[1]";
        assertEquals("201", x.text(first + "/http:httpStatus"));
        assertEquals("POST", x.text(first + "/http:httpMethod"));
        String created = x.text(first + "/http:location");
        assertEquals(created, x.text(first + "/a:id"));
        assertEquals(Http.get(created).etag(), x.text(first + "/http:etag"));
        assertEquals(2, x.count(first + "/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine"));
        assertEquals("202.70", x.text(first + "/sdata:payload/c:salesOrder/c:subTotal"));
        String second = "/a:feed/a:entry[2]";
        assertEquals("200", x.text(second + "/http:httpStatus"));
        assertEquals("OK", x.text(second + "/http:httpMessage"));
        assertEquals("PUT", x.text(second + "/http:httpMethod"));
        assertEquals("2008-03-31", x.text(second + "/sdata:payload/c:salesOrder/c:shipDate"));
        assertEquals(Http.get(existingUrl).etag(), x.text(second + "/http:etag"));
        assertEquals("2008-03-31", Http.get(existingUrl).xml().text("/a:entry/sdata:payload/c:salesOrder/c:shipDate"));
    }
}
