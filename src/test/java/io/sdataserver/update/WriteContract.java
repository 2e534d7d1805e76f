package io.sdataserver.update;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Create and update semantics (§8, §9; checklist sections 19-22) against the running server: idempotent creates,
 * child and association lists, references, property URLs, validation. Each test makes its own data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WriteContract {
    TestServer server;
    String b;
    String contact;

    abstract Backend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        b = server.base();
        Reply c = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>Writer</lastName>")));
        assertEquals(201, c.status(), c::toString);
        contact = c.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    String order(String attrs, String inner) {
        return entry(resource("salesOrder", attrs, inner + "<contact sdata:key=\"" + contact + "\"/>"));
    }

    long countWhere(String where) {
        Reply r = Http.get(b + "/salesOrders?count=0&where=" + enc(where));
        assertEquals(200, r.status(), r::toString);
        return Long.parseLong(r.xml().text("/a:feed/opensearch:totalResults"));
    }

    // ---------------------------------------------------------------- CRE-13..16: reliable posting

    private static final String SDATA = "/sdata:tracking/sdata:";

    @Test
    void aReliablePostIsTrackedAnsweredRepeatablyAndForgottenOnDelete() {
        String id = UUID.randomUUID().toString();
        String marker = "reliable " + id;
        Reply posted = Http.post(b + "/salesOrders?trackingID=" + id, order("", "<comment>" + marker + "</comment>"));
        assertEquals(202, posted.status(), posted::toString);
        String location = posted.header("Location");
        assertEquals(b + "/salesOrders/$post('" + id + "')", location);
        assertTrue(posted.header("Content-Type").startsWith("application/xml"), "TRK-4");
        for (String child : List.of("phase", "phaseDetail", "progress", "elapsedSeconds", "remainingSeconds", "pollingMillis")) {
            assertEquals(1, posted.xml().count(SDATA + child), "TRK-1: " + child);
        }
        // the same post again: no second order, the same answer
        Reply again = Http.post(b + "/salesOrders?trackingId=" + id, order("", "<comment>" + marker + "</comment>"));
        assertEquals(202, again.status(), again::toString);
        assertEquals(location, again.header("Location"));
        assertEquals(1, countWhere("comment eq '" + marker + "'"));
        // the result, as often as asked
        Reply result = Http.get(location);
        assertEquals(201, result.status(), result::toString);
        String created = result.header("Location");
        assertTrue(created.startsWith(b + "/salesOrders('"), created);
        assertEquals(marker, result.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"));
        assertEquals(created, Http.get(location).header("Location"));
        // forgetting the tracking keeps the order
        assertEquals(200, Http.delete(location).status());
        assertEquals(404, Http.get(location).status());
        assertEquals(200, Http.get(created).status());
        Reply third = Http.post(b + "/salesOrders?trackingID=" + id, order("", "<comment>" + marker + "</comment>"));
        assertEquals(202, third.status(), "a forgotten trackingID still never creates twice");
        assertEquals(1, countWhere("comment eq '" + marker + "'"));
        assertEquals(400, Http.post(b + "/salesOrders?trackingID=not-a-uuid", order("", "")).status());
        assertEquals(404, Http.get(b + "/salesOrders/$post('" + UUID.randomUUID() + "')").status());
        assertEquals(404, Http.get(b + "/contacts/$post('" + id + "')").status(), "tracked under the kind it posted to");
    }

    @Test
    void copiesOfOneReliablePostRacingCreateOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String marker = "race " + id;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(pool.submit(() -> Http.post(b + "/salesOrders?trackingID=" + id, order("", "<comment>" + marker + "</comment>"))));
            }
            for (Future<Reply> f : replies) assertEquals(202, f.get().status(), () -> "status");
        } finally {
            pool.shutdown();
        }
        assertEquals(1, countWhere("comment eq '" + marker + "'"));
    }

    @Test
    void aReliablePostSurvivesARestart() {
        String url = server.databaseUrl();
        String id = UUID.randomUUID().toString();
        String marker = "restart " + id;
        try (TestServer first = TestServer.start(url, TestServer.BUNDLED_CONTRACTS, List.of(), -1)) {
            Reply c = Http.post(first.base() + "/contacts", entry(resource("contact", "", "<lastName>R</lastName>")));
            String key = c.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
            assertEquals(202, Http.post(first.base() + "/contacts?trackingID=" + id,
                    entry(resource("contact", "", "<lastName>" + marker + "</lastName>"))).status());
            assertTrue(key != null);
        }
        try (TestServer second = TestServer.start(url, TestServer.BUNDLED_CONTRACTS, List.of(), -1)) {
            Reply again = Http.post(second.base() + "/contacts?trackingID=" + id,
                    entry(resource("contact", "", "<lastName>" + marker + "</lastName>")));
            assertEquals(202, again.status(), again::toString);
            Reply r = Http.get(second.base() + "/contacts?where=" + enc("lastName eq '" + marker + "'"));
            assertEquals("1", r.xml().text("/a:feed/opensearch:totalResults"), "the post made before the restart is recognised");
            assertEquals(201, Http.get(again.header("Location")).status());
        }
    }

    // ---------------------------------------------------------------- validation: one diagnosis per fault, nothing written

    private static java.util.Map<String, String> faults(Reply r) {
        assertEquals(400, r.status(), r::toString);
        io.sdataserver.testsupport.Xml x = r.xml();
        java.util.Map<String, String> byPath = new java.util.TreeMap<>();
        int n = x.count("/sdata:diagnoses/sdata:diagnosis");
        for (int i = 1; i <= n; i++) {
            String d = "/sdata:diagnoses/sdata:diagnosis[" + i + "]/sdata:";
            assertEquals("error", x.text(d + "severity"));
            byPath.put(x.text(d + "payloadPath"), x.text(d + "message"));
        }
        return byPath;
    }

    @Test
    void everyFaultOfAPostIsReportedWithItsPathAndNothingIsWritten() {
        String marker = "invalid " + UUID.randomUUID();
        Reply r = Http.post(b + "/salesOrders", order("", "<orderDate>2008-02-30</orderDate><status>Pending</status>"
                + "<comment>" + marker + "</comment><bogus>1</bogus>"
                + "<billAddress><postalCode>1234567890123</postalCode><countryCode>usa</countryCode></billAddress>"
                + "<orderLines><salesOrderLine><orderQty>1</orderQty></salesOrderLine>"
                + "<salesOrderLine><orderQty>-1</orderQty></salesOrderLine>"
                + "<salesOrderLine><orderQty>1.23456</orderQty></salesOrderLine>"
                + "<salesOrderLine><orderQty>1234567890123</orderQty></salesOrderLine></orderLines>"));
        java.util.Map<String, String> f = faults(r);
        assertEquals(Set.of("salesOrder/orderDate", "salesOrder/status", "salesOrder/bogus", "salesOrder/billAddress/postalCode",
                "salesOrder/billAddress/countryCode", "salesOrder/orderLines/salesOrderLine[2]/orderQty",
                "salesOrder/orderLines/salesOrderLine[3]/orderQty", "salesOrder/orderLines/salesOrderLine[4]/orderQty"), f.keySet(), f::toString);
        assertTrue(f.get("salesOrder/orderLines/salesOrderLine[2]/orderQty").contains("at least 0"), f::toString);
        assertTrue(f.get("salesOrder/orderLines/salesOrderLine[3]/orderQty").contains("digits after the point"), f::toString);
        assertTrue(f.get("salesOrder/orderLines/salesOrderLine[4]/orderQty").contains("digits"), f::toString);
        assertTrue(f.get("salesOrder/billAddress/countryCode").contains("pattern"), f::toString);
        assertTrue(f.get("salesOrder/billAddress/postalCode").contains("at most 12"), f::toString);
        assertTrue(f.get("salesOrder/status").contains("Open"), f::toString);
        assertEquals(0, countWhere("comment eq '" + marker + "'"), "nothing of the order was written");
    }

    @Test
    void aPutWithOneBadLineChangesNothing() {
        Reply created = Http.post(b + "/salesOrders", order("", "<comment>before</comment><orderLines>"
                + "<salesOrderLine><lineNumber>1</lineNumber><orderQty>1</orderQty></salesOrderLine></orderLines>"));
        assertEquals(201, created.status(), created::toString);
        String url = created.header("Location");
        String line = created.xml().text("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine/@sdata:key");
        Reply put = Http.put(url, order("", "<comment>after</comment><orderLines>"
                + "<salesOrderLine sdata:key=\"" + line + "\"><orderQty>5</orderQty></salesOrderLine>"
                + "<salesOrderLine><orderQty>-3</orderQty></salesOrderLine></orderLines>"), "If-Match", created.header("ETag"));
        assertEquals(Set.of("salesOrder/orderLines/salesOrderLine[2]/orderQty"), faults(put).keySet());
        Reply now = Http.get(url + "?include=orderLines");
        assertEquals("before", now.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"));
        assertEquals("1", now.xml().text("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine/c:orderQty"));
        assertEquals(created.header("ETag"), now.header("ETag"), "nothing changed, not even the ETag");
    }

    // ---------------------------------------------------------------- CRE-5: a create sent again

    @Test
    void aCreateSentAgainWithItsUuidCreatesNothingNew() {
        String uuid = UUID.randomUUID().toString();
        String body = order("sdata:uuid=\"" + uuid + "\"", "<comment>first</comment>");
        Reply first = Http.post(b + "/salesOrders", body);
        assertEquals(201, first.status(), first::toString);
        Reply again = Http.post(b + "/salesOrders", order("sdata:uuid=\"" + uuid + "\"", "<comment>second</comment>"));
        assertEquals(201, again.status(), again::toString);
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals("first", again.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"), "the stored resource answers");
        assertEquals(1, countWhere("$uuid eq '" + uuid + "'"));
    }

    @Test
    void copiesOfOneCreateRacingMakeOneResource() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String body = order("sdata:uuid=\"" + uuid + "\"", "<comment>race</comment>");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) replies.add(pool.submit(() -> Http.post(b + "/salesOrders", body)));
            Set<String> locations = new HashSet<>();
            for (Future<Reply> f : replies) {
                Reply r = f.get();
                assertEquals(201, r.status(), r::toString);
                locations.add(r.header("Location"));
            }
            assertEquals(1, locations.size(), "every copy is answered with the one resource");
        } finally {
            pool.shutdown();
        }
        assertEquals(1, countWhere("$uuid eq '" + uuid + "'"));
    }
}
