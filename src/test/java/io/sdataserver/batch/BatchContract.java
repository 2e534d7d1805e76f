package io.sdataserver.batch;

import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Synchronous, atomic and mixed-kind batches (§13, checklist section 25), against the running server: each entry
 * is answered as the single request it stands for would be, in the request's order, and a batch that cannot be
 * understood is refused whole with nothing applied.
 */
abstract class BatchContract {
    static final String FEED_TYPE = "application/atom+xml; type=feed";

    abstract Backend backend();

    /** A batch entry: its method, its atom:id (null: none), its http:ifMatch (null: none) and payload XML. */
    static String op(String method, String id, String ifMatch, String payload) {
        return "<entry><id>" + (id == null ? "" : id) + "</id><title/><content/><http:httpMethod>" + method + "</http:httpMethod>"
                + (ifMatch == null ? "" : "<http:ifMatch>" + ifMatch + "</http:ifMatch>")
                + (payload == null ? "" : "<sdata:payload>" + payload + "</sdata:payload>") + "</entry>";
    }

    static String feed(String... entries) {
        return "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"><title>Batch</title><id>batch</id>"
                + "<updated>2008-03-31T13:46:45Z</updated>" + String.join("", entries) + "</feed>";
    }

    static String contact(String attrs, String lastName) {
        return resource("contact", attrs, "<lastName>" + lastName + "</lastName>");
    }

    static Reply post(String url, String body) { return Http.post(url, body, "Content-Type", FEED_TYPE); }

    /** http:httpStatus of the i-th (1-based) response entry. */
    static String status(Xml x, int i) { return x.text("/a:feed/a:entry[" + i + "]/http:httpStatus"); }

    static String total(TestServer s, String kind) {
        return Http.get(s.base() + "/" + kind + "?count=1").xml().text("/a:feed/opensearch:totalResults");
    }

    @Test
    void eachEntryIsAnsweredAsItsSingleRequestInOrder() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Reply c1 = Http.post(b + "/contacts", io.sdataserver.testsupport.Entries.entry(contact("sdata:key=\"C1\"", "One")));
            Reply c2 = Http.post(b + "/contacts", io.sdataserver.testsupport.Entries.entry(contact("sdata:key=\"C2\"", "Two")));
            assertEquals(201, c1.status());
            String url1 = c1.header("Location");
            String url2 = c2.header("Location");
            Reply r = post(b + "/contacts/$batch", feed(
                    op("POST", null, null, contact("sdata:key=\"C3\"", "Three")),
                    op("PUT", url1, c1.etag(), contact("", "One changed")),
                    op("PUT", url2, "stale", contact("", "Two changed")),
                    op("GET", url1 + "?select=lastName", null, null),
                    op("DELETE", url2, null, "<contact xmlns=\"http://schemas.sage.com/myContract\"/>")));
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.header("Content-Type").startsWith(FEED_TYPE), r::toString);
            Xml x = r.xml();
            assertEquals(5, x.count("/a:feed/a:entry"), "BAT-6: one answer per entry");
            List<String> methods = List.of("POST", "PUT", "PUT", "GET", "DELETE");
            for (int i = 0; i < 5; i++) assertEquals(methods.get(i), x.text("/a:feed/a:entry[" + (i + 1) + "]/http:httpMethod"));
            // a create: 201 with its location, ETag and entry (BAT-11)
            assertEquals("201", status(x, 1));
            assertEquals("Created", x.text("/a:feed/a:entry[1]/http:httpMessage"));
            assertEquals(b + "/contacts('C3')", x.text("/a:feed/a:entry[1]/http:location"));
            assertFalse(x.text("/a:feed/a:entry[1]/http:etag").isEmpty());
            assertEquals("Three", x.text("/a:feed/a:entry[1]/sdata:payload/c:contact/c:lastName"));
            // an update with the right http:ifMatch (CONC-13): 200 and the new ETag, the same as a GET then gives
            assertEquals("200", status(x, 2));
            assertEquals(Http.get(url1).etag(), x.text("/a:feed/a:entry[2]/http:etag"));
            // a stale one: 412 with the current entry; the others went on
            assertEquals("412", status(x, 3));
            assertEquals("Two", x.text("/a:feed/a:entry[3]/sdata:payload/c:contact/c:lastName"));
            // a read with its own query
            assertEquals("200", status(x, 4));
            assertEquals("One changed", x.text("/a:feed/a:entry[4]/sdata:payload/c:contact/c:lastName"));
            // a delete: the id and the http: elements, no payload (BAT-5, BAT-9)
            assertEquals("200", status(x, 5));
            assertEquals(url2, x.text("/a:feed/a:entry[5]/a:id"));
            assertFalse(x.has("/a:feed/a:entry[5]/sdata:payload"));
            assertEquals(404, Http.get(url2).status());
            assertEquals("One changed", Http.get(url1).xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
            assertEquals(200, Http.get(b + "/contacts('C3')").status());
        }
    }

    @Test
    void aFailingEntryFailsAloneWithItsDiagnosis() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Reply c1 = Http.post(b + "/contacts", io.sdataserver.testsupport.Entries.entry(contact("sdata:key=\"K1\"", "Kept")));
            String before = Http.get(c1.header("Location")).body();
            Reply r = post(b + "/contacts/$batch", feed(
                    op("PUT", c1.header("Location"), null, contact("", "No If-Match")),
                    op("POST", null, null, contact("sdata:key=\"K2\"", "Made")),
                    op("POST", null, null, "<contact xmlns=\"http://schemas.sage.com/myContract\"><bogus>1</bogus></contact>"),
                    op("PUT", b + "/contacts('nobody')", "x", contact("", "Nobody"))));
            assertEquals(200, r.status(), "BAT-7: the batch was understood, whatever its entries came to");
            Xml x = r.xml();
            assertEquals("400", status(x, 1));
            assertEquals("MissingIfMatch", x.text("/a:feed/a:entry[1]/sdata:diagnosis/sdata:applicationCode"));
            assertEquals("ApplicationDiagnosis", x.text("/a:feed/a:entry[1]/sdata:diagnosis/sdata:sdataCode"));
            assertEquals("201", status(x, 2));
            assertEquals("400", status(x, 3));
            assertEquals("UnknownProperty", x.text("/a:feed/a:entry[3]/sdata:diagnosis/sdata:applicationCode"));
            assertEquals("contact/bogus", x.text("/a:feed/a:entry[3]/sdata:diagnosis/sdata:payloadPath"));
            assertEquals("404", status(x, 4));
            assertEquals("ResourceNotFound", x.text("/a:feed/a:entry[4]/sdata:diagnosis/sdata:applicationCode"));
            assertEquals(before, Http.get(c1.header("Location")).body(), "the refused update changed nothing");
            assertEquals("2", total(s, "contacts"), "K1 and K2 only");
        }
    }

    @Test
    void aFaultUndoesItsEntryAloneAcrossCommitChunks() {
        try (TestServer s = TestServer.start(backend())) {
            StringBuilder ops = new StringBuilder();
            for (int i = 1; i <= 250; i++) {
                // entries 120 and 230 take a key already taken by an earlier entry of the same batch
                String key = i == 120 ? "E7" : i == 230 ? "E210" : "E" + i;
                ops.append(op("POST", null, null, contact("sdata:key=\"" + key + "\"", "Entry " + i)));
            }
            Reply r = post(s.base() + "/contacts/$batch", feed(ops.toString()));
            assertEquals(200, r.status());
            Xml x = r.xml();
            assertEquals(250, x.count("/a:feed/a:entry"));
            for (int i = 1; i <= 250; i++) {
                assertEquals(i == 120 || i == 230 ? "409" : "201", status(x, i), "entry " + i);
            }
            assertEquals("Conflict", x.text("/a:feed/a:entry[120]/sdata:diagnosis/sdata:applicationCode"));
            assertEquals("248", total(s, "contacts"), "every other entry was applied");
            assertEquals("Entry 7", Http.get(s.base() + "/contacts('E7')").xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
        }
    }

    @Test
    void aBatchThatCannotBeUnderstoodIsRefusedWholeAndNothingIsApplied() {
        try (TestServer s = TestServer.start(TestServer.configFor(backend()).withBatchMaxEntries(3))) {
            String b = s.base();
            String good = op("POST", null, null, contact("", "Never"));
            for (String[] bad : new String[][] {
                    {"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>", "not well-formed"},
                    {io.sdataserver.testsupport.Entries.entry(contact("", "x")), "an entry, not a feed"},
                    {feed(good, op("PATCH", b + "/contacts('1')", null, null)), "an unknown method"},
                    {feed(good, "<entry><id/><title/><content/></entry>"), "no method"},
                    {feed(good, op("PUT", b + "/salesOrders('1')", "x", null)), "a URL outside the batch's kind"},
                    {feed(good, op("DELETE", b + "/contacts", null, null)), "a collection URL for a DELETE (BAT-4)"},
                    {feed(good, op("PUT", "http://elsewhere/sdata/otherApp/c/-/contacts('1')", "x", null)), "another dataset"},
                    {feed(good, good, good, good), "more entries than --batch-max-entries"}}) {
                Reply r = post(b + "/contacts/$batch", bad[0]);
                Refusals.application(r, 400, "InvalidBatch");
                assertEquals("0", total(s, "contacts"), bad[1] + ": nothing applied");
            }
        }
    }

    @Test
    void anAtomicBatchAppliesEverythingOrNothing() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            String uuid = "8f5e6b9e-1b1d-4b2c-9d7a-3a0e3f0c1d11";
            // a later entry refers to what an earlier one creates, by its sdata:uuid
            String contact = contact("sdata:uuid=\"" + uuid + "\"", "Atomic");
            String order = resource("salesOrder", "", "<contact sdata:uuid=\"" + uuid + "\"/><comment>atomic</comment>");
            Reply failing = post(b + "/$batch?atomic=true", feed(op("POST", null, null, contact), op("POST", null, null, order),
                    op("PUT", b + "/salesOrders('nobody')", "x", resource("salesOrder", "", "<comment>x</comment>"))));
            assertEquals(200, failing.status(), failing::toString);
            Xml f = failing.xml();
            assertEquals("424", status(f, 1));
            assertEquals("RolledBack", f.text("/a:feed/a:entry[1]/sdata:diagnosis/sdata:applicationCode"));
            assertEquals("424", status(f, 2));
            assertEquals("404", status(f, 3));
            assertEquals("ResourceNotFound", f.text("/a:feed/a:entry[3]/sdata:diagnosis/sdata:applicationCode"));
            assertEquals("0", total(s, "contacts"), "nothing of the failed atomic batch was applied");
            assertEquals("0", total(s, "salesOrders"));

            Reply passing = post(b + "/$batch?atomic=true", feed(op("POST", null, null, contact), op("POST", null, null, order)));
            Xml p = passing.xml();
            assertEquals("201", status(p, 1));
            assertEquals("201", status(p, 2));
            String orderUrl = p.text("/a:feed/a:entry[2]/http:location");
            Reply stored = Http.get(orderUrl);
            assertEquals(200, stored.status());
            assertEquals(uuid, stored.xml().text("/a:entry/sdata:payload/c:salesOrder/c:contact/@sdata:uuid"));
        }
    }

    @Test
    void aBatchAcrossKindsPicksEachEntrysKind() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Reply r = post(b + "/%24batch", feed(
                    op("POST", null, null, contact("sdata:key=\"M1\"", "Mixed")),
                    op("POST", b + "/products", null, resource("product", "sdata:key=\"P1\"", "<name>Widget</name>")),
                    op("POST", null, null, resource("salesOrder", "", "<contact sdata:key=\"M1\"/>"))));
            assertEquals(200, r.status(), r::toString);
            Xml x = r.xml();
            assertEquals("201", status(x, 1));
            assertEquals("201", status(x, 2));
            assertEquals(b + "/products('P1')", x.text("/a:feed/a:entry[2]/http:location"));
            assertEquals("201", status(x, 3));
            assertTrue(x.text("/a:feed/a:entry[3]/http:location").startsWith(b + "/salesOrders('"));
            assertEquals("1", total(s, "contacts"));
            assertEquals("1", total(s, "products"));
            assertEquals("1", total(s, "salesOrders"));
        }
    }

    /** BAT-1: every kind that says it batches has a $batch that takes a one-entry batch. */
    @Test
    void everyKindTakesAOneEntryBatch() {
        try (TestServer s = TestServer.start(backend())) {
            Xml schema = Http.get(s.base() + "/$schema").xml();
            int kinds = schema.count("/xs:schema/xs:element[@sme:role='resourceKind']");
            assertTrue(kinds > 3);
            for (int i = 1; i <= kinds; i++) {
                String plural = schema.text("/xs:schema/xs:element[@sme:role='resourceKind'][" + i + "]/@sme:pluralName");
                assertEquals("syncOrAsync", schema.text("/xs:schema/xs:element[@sme:role='resourceKind'][" + i + "]/@sme:batchingMode"));
                Reply r = post(s.base() + "/" + plural + "/$batch", feed(op("GET", s.base() + "/" + plural + "('none')", null, null)));
                assertEquals(200, r.status(), plural + ": " + r);
                assertEquals("404", status(r.xml(), 1), plural);
            }
        }
    }

    @Test
    void batchUrlsAnswerOnlyPost() {
        try (TestServer s = TestServer.start(backend())) {
            Reply get = Http.get(s.base() + "/contacts/$batch");
            Refusals.application(get, 405, "MethodNotAllowed");
            assertEquals("POST", get.header("Allow"));
            Refusals.application(Http.get(s.base() + "/contacts/$batch?trackingID=" + java.util.UUID.randomUUID()), 404, "ResourceNotFound");
            Refusals.refused(post(s.base() + "/contacts/$batch?trackingID=not-a-uuid", feed()), 400, "BadQueryParameter");
            assertEquals("0", total(s, "contacts"));
        }
    }

    /** Polls a tracking URL until it stops answering 202 (bounded); each 202 must carry an honest sdata:tracking. */
    static Reply pollUntilDone(String url) throws InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        Reply r = Http.get(url);
        long elapsed = -1;
        while (r.status() == 202 && System.nanoTime() < until) {
            assertTracking(r, url);
            long e = Long.parseLong(r.xml().text("/sdata:tracking/sdata:elapsedSeconds"));
            assertTrue(e >= elapsed, "TRK-3: elapsedSeconds does not go back");
            elapsed = e;
            Thread.sleep(100); // the tracking's own pollingMillis is 500; a test asks more often
            r = Http.get(url);
        }
        return r;
    }

    static void assertTracking(Reply r, String location) {
        assertEquals(202, r.status(), r::toString);
        assertEquals(location, r.header("Location"), "TRK-2: 202 comes with the tracking URL");
        assertTrue(r.header("Content-Type").startsWith("application/xml"), "TRK-4");
        Xml t = r.xml();
        for (String child : List.of("phase", "phaseDetail", "progress", "elapsedSeconds", "remainingSeconds", "pollingMillis")) {
            assertTrue(t.has("/sdata:tracking/sdata:" + child), "TRK-1: " + child + " in " + r);
        }
    }

    @Test
    void anAsynchronousBatchIsTrackedToItsAnswerOnceAndForgottenOnDelete() throws Exception {
        try (TestServer s = TestServer.start(backend())) {
            String url = s.base() + "/contacts/$batch?trackingid=" + java.util.UUID.randomUUID(); // any letter case
            String body = feed(op("POST", null, null, contact("sdata:key=\"A1\"", "Async one")),
                    op("POST", null, null, contact("sdata:key=\"A2\"", "Async two")),
                    op("PUT", s.base() + "/contacts('A1')", null, contact("", "No If-Match")));
            Reply accepted = post(url, body);
            assertTracking(accepted, url);
            Reply done = pollUntilDone(url);
            assertEquals(200, done.status(), done::toString);
            assertTrue(done.header("Content-Type").startsWith(FEED_TYPE));
            Xml x = done.xml();
            assertEquals(3, x.count("/a:feed/a:entry"));
            assertEquals("201", status(x, 1));
            assertEquals("201", status(x, 2));
            assertEquals("400", status(x, 3));
            assertEquals("MissingIfMatch", x.text("/a:feed/a:entry[3]/sdata:diagnosis/sdata:applicationCode"));
            assertEquals(done.body(), Http.get(url).body(), "the answer is kept until the consumer deletes it");
            // the same trackingID again: the job is not run twice (BAT-13)
            Reply again = post(url, body);
            assertEquals(202, again.status(), again::toString);
            assertEquals(url, again.header("Location"));
            assertEquals("2", total(s, "contacts"));
            assertEquals(200, Http.delete(url).status());
            Refusals.application(Http.get(url), 404, "ResourceNotFound");
            assertEquals("2", total(s, "contacts"), "forgetting the job keeps what it did");
        }
    }

    /**
     * Four clients increment the same orders through batches, each PUT carrying the http:ifMatch it read, and retry
     * the entries that come back 412: every order ends at exactly the number of increments that were answered 200.
     */
    @Test
    void concurrentBatchesOfConditionalIncrementsLoseNoUpdate() throws Exception {
        int clients = 4;
        int increments = 15;
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            String contactKey = Http.post(b + "/contacts", io.sdataserver.testsupport.Entries.entry(contact("", "Counter")))
                    .xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
            List<String> orders = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                orders.add(Http.post(b + "/salesOrders", io.sdataserver.testsupport.Entries.entry(resource("salesOrder", "",
                        "<contact sdata:key=\"" + contactKey + "\"/><revision>0</revision>"))).header("Location"));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
            java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
            // the first round: every client reads, then all send together, so that they collide for certain
            java.util.concurrent.CyclicBarrier firstRound = new java.util.concurrent.CyclicBarrier(clients);
            try {
                List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    runs.add(pool.submit(() -> {
                        java.util.Map<String, Integer> done = new java.util.HashMap<>();
                        for (String o : orders) done.put(o, 0);
                        int rounds = 0;
                        while (done.values().stream().anyMatch(n -> n < increments)) {
                            assertTrue(rounds++ < 2000, "the clients make progress");
                            List<String> ops = new java.util.ArrayList<>();
                            List<String> sent = new java.util.ArrayList<>();
                            for (String o : orders) {
                                if (done.get(o) >= increments) continue;
                                Reply cur = Http.get(o);
                                int revision = Integer.parseInt(cur.xml().text("/a:entry/sdata:payload/c:salesOrder/c:revision"));
                                ops.add(op("PUT", o, cur.etag(), resource("salesOrder", "", "<revision>" + (revision + 1) + "</revision>")));
                                sent.add(o);
                            }
                            if (rounds == 1) firstRound.await(1, java.util.concurrent.TimeUnit.MINUTES);
                            Reply r = post(b + "/salesOrders/$batch", feed(ops.toArray(new String[0])));
                            assertEquals(200, r.status(), r::toString);
                            Xml x = r.xml();
                            for (int i = 0; i < sent.size(); i++) {
                                String st = status(x, i + 1);
                                if (st.equals("200")) done.merge(sent.get(i), 1, Integer::sum);
                                else if (st.equals("412")) conflicts.incrementAndGet();
                                else throw new AssertionError("entry answered " + st + ": " + r);
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : runs) f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
            for (String o : orders) {
                assertEquals(String.valueOf(clients * increments),
                        Http.get(o).xml().text("/a:entry/sdata:payload/c:salesOrder/c:revision"), "no increment of " + o + " was lost");
            }
            assertTrue(conflicts.get() >= 3 * (clients - 1), "the first round collided: " + conflicts.get() + " entries were stale");
        }
    }
}
