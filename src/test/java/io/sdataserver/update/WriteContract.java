package io.sdataserver.update;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.sdataserver.testsupport.Refusals.application;
import static io.sdataserver.testsupport.Refusals.codesByPath;
import static io.sdataserver.testsupport.Refusals.refused;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.Refusals.Fault;
import io.sdataserver.testsupport.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
        application(Http.get(location), 404, "ResourceNotFound");
        assertEquals(200, Http.get(created).status());
        Reply third = Http.post(b + "/salesOrders?trackingID=" + id, order("", "<comment>" + marker + "</comment>"));
        assertEquals(202, third.status(), "a forgotten trackingID still never creates twice");
        assertEquals(1, countWhere("comment eq '" + marker + "'"));
        String untracked = "untracked " + id;
        refused(Http.post(b + "/salesOrders?trackingID=not-a-uuid", order("", "<comment>" + untracked + "</comment>")), 400,
                "BadQueryParameter");
        assertEquals(0, countWhere("comment eq '" + untracked + "'"), "a refused reliable post creates nothing");
        application(Http.get(b + "/salesOrders/$post('" + UUID.randomUUID() + "')"), 404, "ResourceNotFound");
        application(Http.get(b + "/contacts/$post('" + id + "')"), 404, "ResourceNotFound"); // tracked under the kind it posted to
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

    // ---------------------------------------------------------------- §9.2: child lists, single children, references

    private static final String SO = "/a:entry/sdata:payload/c:salesOrder";

    /** An order with three lines (uuids L1..L3 in the returned array after the url and ETag). */
    private String[] orderWithLines() {
        String[] uuids = {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()};
        StringBuilder lines = new StringBuilder("<billAddress><city>Paris</city><street>1 rue</street></billAddress><orderLines>");
        for (int i = 0; i < 3; i++) {
            lines.append("<salesOrderLine sdata:uuid=\"").append(uuids[i]).append("\"><lineNumber>").append(i + 1)
                    .append("</lineNumber><orderQty>").append(i + 1).append("</orderQty></salesOrderLine>");
        }
        Reply r = Http.post(b + "/salesOrders", order("", "<comment>tree</comment>" + lines + "</orderLines>"));
        assertEquals(201, r.status(), r::toString);
        return new String[] {r.header("Location"), r.header("ETag"), uuids[0], uuids[1], uuids[2]};
    }

    private Reply put(String url, String etag, String inner) {
        Reply r = Http.put(url, entry(resource("salesOrder", "", inner)), "If-Match", etag);
        assertEquals(200, r.status(), r::toString);
        return r;
    }

    /** uuid to orderQty of the order's lines, in list order. */
    private static java.util.LinkedHashMap<String, String> lines(Reply r) {
        io.sdataserver.testsupport.Xml x = r.xml();
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        int n = x.count(SO + "/c:orderLines/c:salesOrderLine");
        for (int i = 1; i <= n; i++) {
            String l = SO + "/c:orderLines/c:salesOrderLine[" + i + "]";
            m.put(x.text(l + "/@sdata:uuid"), x.text(l + "/c:orderQty"));
        }
        return m;
    }

    // ---------------------------------------------------------------- keys from the sequence

    /** More keys than one block of candidates the server takes from a sequence at a time (KeyBlocks). */
    private static final int AHEAD = 70;

    @Test
    void keysClientsChoseAheadOfTheSequenceAreNeverHandedOutAgain() {
        Reply first = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>From the sequence</lastName>")));
        assertEquals(201, first.status(), first::toString);
        long k = Long.parseLong(first.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key"));
        // clients take the next keys themselves; every third is deleted again and leaves a tombstone
        Set<String> deleted = new HashSet<>();
        for (int i = 1; i <= AHEAD; i++) {
            String key = String.valueOf(k + i);
            Reply c = Http.post(b + "/contacts", entry(resource("contact", "sdata:key=\"" + key + "\"", "<lastName>Chosen " + i + "</lastName>")));
            assertEquals(201, c.status(), c::toString);
            if (i % 3 == 0) {
                Reply d = Http.delete(b + "/contacts('" + key + "')");
                assertEquals(200, d.status(), d::toString);
                deleted.add(key);
            }
        }
        for (int j = 0; j < 3; j++) {
            Reply c = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>Next " + j + "</lastName>")));
            assertEquals(201, c.status(), c::toString);
            long key = Long.parseLong(c.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key"));
            assertTrue(key > k + AHEAD, "a key from the sequence skips those taken or tombstoned: got " + key);
        }
        for (int i = 1; i <= AHEAD; i++) {
            String key = String.valueOf(k + i);
            if (deleted.contains(key)) {
                // its tombstone is still there
                application(Http.delete(b + "/contacts('" + key + "')"), 410, "ResourceDeleted");
            } else {
                Reply g = Http.get(b + "/contacts('" + key + "')");
                assertEquals(200, g.status(), g::toString);
                assertEquals("Chosen " + i, g.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
            }
        }
        // children draw their keys the same way
        Reply one = Http.post(b + "/salesOrders", order("", "<orderLines><salesOrderLine><orderQty>1</orderQty></salesOrderLine></orderLines>"));
        assertEquals(201, one.status(), one::toString);
        long line = Long.parseLong(one.xml().text(SO + "/c:orderLines/c:salesOrderLine/@sdata:key"));
        StringBuilder chosen = new StringBuilder("<orderLines>");
        for (int i = 1; i <= AHEAD; i++) {
            chosen.append("<salesOrderLine sdata:key=\"").append(line + i).append("\"><orderQty>").append(i).append("</orderQty></salesOrderLine>");
        }
        Reply many = Http.post(b + "/salesOrders", order("", chosen.append("</orderLines>").toString()));
        assertEquals(201, many.status(), many::toString);
        Reply next = Http.post(b + "/salesOrders", order("", "<orderLines><salesOrderLine><orderQty>7</orderQty></salesOrderLine>"
                + "<salesOrderLine><orderQty>8</orderQty></salesOrderLine></orderLines>"));
        assertEquals(201, next.status(), next::toString);
        for (int i = 1; i <= 2; i++) {
            long key = Long.parseLong(next.xml().text(SO + "/c:orderLines/c:salesOrderLine[" + i + "]/@sdata:key"));
            assertTrue(key > line + AHEAD, "a child's key from the sequence skips those taken: got " + key);
        }
        assertEquals(AHEAD, Http.get(many.header("Location") + "?include=orderLines").xml()
                .count(SO + "/c:orderLines/c:salesOrderLine"), "the lines with chosen keys are all there");
    }

    @Test
    void deltaModeUpdatesMatchesDeletesFlaggedCreatesNewAndLeavesTheRest() {
        String[] o = orderWithLines();
        String u1 = UUID.randomUUID().toString();
        Reply r = put(o[0], o[1], "<orderLines><salesOrderLine sdata:uuid=\"" + o[3] + "\"><orderQty>4</orderQty></salesOrderLine>"
                + "<salesOrderLine sdata:uuid=\"" + o[4] + "\" sdata:isDeleted=\"true\"/>"
                + "<salesOrderLine sdata:uuid=\"" + u1 + "\"><orderQty>1</orderQty></salesOrderLine></orderLines>");
        java.util.LinkedHashMap<String, String> got = lines(Http.get(o[0] + "?include=orderLines"));
        assertEquals(java.util.Map.of(o[2], "1", o[3], "4", u1, "1"), got, "UPD-10");
        assertEquals("tree", r.xml().text(SO + "/c:comment"), "UPD-3: the rest unchanged");
    }

    @Test
    void fullModeDeletesTheUnlistedAndAnEmptyListDeletesAll() {
        String[] o = orderWithLines();
        Reply r = put(o[0], o[1], "<orderLines sdata:deleteMissing=\"true\"><salesOrderLine sdata:uuid=\"" + o[2] + "\"/>"
                + "<salesOrderLine sdata:uuid=\"" + o[3] + "\"><orderQty>4</orderQty></salesOrderLine></orderLines>");
        assertEquals(java.util.Map.of(o[2], "1", o[3], "4"), lines(Http.get(o[0] + "?include=orderLines")), "UPD-12");
        Reply same = put(o[0], r.header("ETag"), "<comment>no lines element</comment>");
        assertEquals(2, lines(Http.get(o[0] + "?include=orderLines")).size(), "UPD-13: absent is not empty");
        put(o[0], same.header("ETag"), "<orderLines sdata:deleteMissing=\"true\"/>");
        assertEquals(0, lines(Http.get(o[0] + "?include=orderLines")).size(), "UPD-13: empty full list deletes all");
    }

    @Test
    void aSingleChildIsUpdatedPartiallyAndRemovedByNil() {
        String[] o = orderWithLines();
        Reply r = put(o[0], o[1], "<billAddress><city>Lyon</city></billAddress>");
        Reply now = Http.get(o[0] + "?include=billAddress");
        assertEquals("Lyon", now.xml().text(SO + "/c:billAddress/c:city"));
        assertEquals("1 rue", now.xml().text(SO + "/c:billAddress/c:street"), "UPD-8: the child is updated partially");
        put(o[0], r.header("ETag"), "<billAddress xsi:nil=\"true\"/>");
        assertEquals("true", Http.get(o[0]).xml().text(SO + "/c:billAddress/@xsi:nil"), "UPD-7");
    }

    @Test
    void aReferenceIsRepointedAndNeverModifiedThroughTheReferrer() {
        Reply other = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>Other</lastName>")));
        String otherKey = other.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
        String otherUuid = other.xml().text("/a:entry/sdata:payload/c:contact/@sdata:uuid");
        String[] o = orderWithLines();
        Reply r = put(o[0], o[1], "<contact sdata:uuid=\"" + otherUuid + "\"><lastName>Hacked</lastName></contact>");
        assertEquals(otherKey, r.xml().text(SO + "/c:contact/@sdata:key"), "UPD-15: re-pointed by uuid");
        assertEquals("Other", Http.get(b + "/contacts('" + otherKey + "')").xml().text("/a:entry/sdata:payload/c:contact/c:lastName"),
                "UPD-16: nested data never modifies the referenced resource");
        Reply missing = Http.put(o[0], entry(resource("salesOrder", "", "<contact sdata:key=\"no-such-contact\"/>")),
                "If-Match", r.header("ETag"));
        assertEquals(Map.of("salesOrder/contact", "LinkTargetNotFound"), codesByPath(faults(missing)),
                "a missing target is a 400 at its path");
        Reply after = Http.get(o[0]);
        assertEquals(otherKey, after.xml().text(SO + "/c:contact/@sdata:key"), "the refused PUT changed nothing");
        assertEquals(r.header("ETag"), after.header("ETag"));
    }

    @Test
    void associationListsInDeltaAndFullModeNeverTouchTheAssociatedResources() {
        List<String> tax = new ArrayList<>();
        List<String> taxUuid = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String code = "T" + UUID.randomUUID().toString().substring(0, 8);
            Reply t = Http.post(b + "/taxCodes", entry(resource("taxCode", "", "<code>" + code + "</code>")));
            assertEquals(201, t.status(), t::toString);
            tax.add(t.xml().text("/a:entry/sdata:payload/c:taxCode/@sdata:key"));
            taxUuid.add(t.xml().text("/a:entry/sdata:payload/c:taxCode/@sdata:uuid"));
        }
        Reply c = Http.post(b + "/customers", entry(resource("customer", "", "<name>Assoc</name><taxCodes>"
                + "<taxCode sdata:key=\"" + tax.get(0) + "\"/><taxCode sdata:key=\"" + tax.get(1) + "\"/></taxCodes>")));
        assertEquals(201, c.status(), c::toString);
        String url = c.header("Location");
        Reply r = Http.put(url, entry(resource("customer", "", "<taxCodes><taxCode sdata:uuid=\"" + taxUuid.get(1)
                + "\" sdata:isDeleted=\"true\"/></taxCodes>")), "If-Match", c.header("ETag"));
        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(tax.get(0)), linked(Http.get(url)), "UPD-17: isDeleted removes the link");
        assertEquals(200, Http.get(b + "/taxCodes('" + tax.get(1) + "')").status(), "never the associated resource");
        Reply full = Http.put(url, entry(resource("customer", "", "<taxCodes sdata:deleteMissing=\"true\"><taxCode sdata:uuid=\""
                + taxUuid.get(2) + "\"/></taxCodes>")), "If-Match", r.header("ETag"));
        assertEquals(200, full.status(), full::toString);
        assertEquals(List.of(tax.get(2)), linked(Http.get(url)), "deleteMissing replaces the list");
        assertEquals(List.of(tax.get(2)), keysOf(Http.get(url + "/taxCodes")), "the association as a feed");
    }

    private static List<String> linked(Reply customer) {
        io.sdataserver.testsupport.Xml x = customer.xml();
        List<String> out = new ArrayList<>();
        int n = x.count("/a:entry/sdata:payload/c:customer/c:taxCodes/c:taxCode");
        for (int i = 1; i <= n; i++) out.add(x.text("/a:entry/sdata:payload/c:customer/c:taxCodes/c:taxCode[" + i + "]/@sdata:key"));
        return out;
    }

    private static List<String> keysOf(Reply feed) {
        io.sdataserver.testsupport.Xml x = feed.xml();
        List<String> out = new ArrayList<>();
        int n = x.count("/a:feed/a:entry");
        for (int i = 1; i <= n; i++) out.add(x.text("/a:feed/a:entry[" + i + "]/sdata:payload/*/@sdata:key"));
        return out;
    }

    @Test
    void aParentsEtagChangesWhenAChildChangesThroughItsOwnUrl() {
        String[] o = orderWithLines();
        Reply lineFeed = Http.get(o[0] + "/orderLines");
        String lineUrl = lineFeed.xml().text("/a:feed/a:entry[1]/a:id");
        Reply line = Http.get(lineUrl);
        Reply put = Http.put(lineUrl, entry(resource("salesOrderLine", "", "<orderQty>9</orderQty>")), "If-Match", line.header("ETag"));
        assertEquals(200, put.status(), put::toString);
        assertTrue(!o[1].equals(Http.get(o[0]).header("ETag")), "CONC-4: the order's ETag moved with its line");
    }

    // ---------------------------------------------------------------- returnDelta (§9.2, CRE-7, UPD-20)

    @Test
    void returnDeltaShowsOnlyWhatTheServerDecided() {
        Reply created = Http.post(b + "/salesOrders?returnDelta=true", order("", "<comment>delta</comment><orderDate>2008-01-02</orderDate>"));
        assertEquals(201, created.status(), created::toString);
        io.sdataserver.testsupport.Xml x = created.xml();
        String key = x.text(SO + "/@sdata:key");
        assertEquals(key, x.text(SO + "/c:orderNumber"), "the key mirror was filled in by the server");
        assertEquals("", x.text(SO + "/c:comment"), "what was sent as sent is left out");
        assertEquals(0, x.count(SO + "/c:orderDate"));
        assertEquals(created.header("ETag"), "\"" + x.text("/a:entry/http:etag") + "\"");

        Reply same = Http.put(created.header("Location") + "?returnDelta=true", order("", "<comment>changed</comment>"),
                "If-Match", created.header("ETag"));
        assertEquals(200, same.status(), same::toString);
        assertEquals(0, same.xml().count(SO + "/*"), "nothing beyond the request: " + same.body());
        assertEquals("changed", Http.get(created.header("Location")).xml().text(SO + "/c:comment"), "the update was applied");

        Reply lines = Http.put(created.header("Location") + "?returnDelta=true", entry(resource("salesOrder", "",
                "<orderLines><salesOrderLine><orderQty>2</orderQty></salesOrderLine></orderLines>")), "If-Match", same.header("ETag"));
        assertEquals(200, lines.status(), lines::toString);
        assertEquals(1, lines.xml().count(SO + "/c:orderLines/c:salesOrderLine[@sdata:key]"), "the new line's server-made key");
        assertEquals(0, lines.xml().count(SO + "/c:orderLines/c:salesOrderLine/c:orderQty"));
        Reply plain = Http.put(created.header("Location"), order("", "<comment>full</comment>"), "If-Match", lines.header("ETag"));
        assertEquals("full", plain.xml().text(SO + "/c:comment"), "without returnDelta the full entry");
    }

    // ---------------------------------------------------------------- property URLs (§8.3, §9.4, §10.3)

    @Test
    void childrenAreAddedUpdatedAndDeletedAtTheirPropertyUrls() {
        String[] o = orderWithLines();
        String lines = o[0] + "/orderLines";
        Reply added = Http.post(lines, entry(resource("salesOrderLine", "", "<lineNumber>4</lineNumber><orderQty>8</orderQty>")));
        assertEquals(201, added.status(), added::toString);
        String lineKey = added.xml().text("/a:entry/sdata:payload/c:salesOrderLine/@sdata:key");
        assertEquals(b + "/salesOrderLines('" + lineKey + "')", added.header("Location"), "CRE-10: the line's primary URL");
        assertEquals(4, lines(Http.get(o[0] + "?include=orderLines")).size());
        assertTrue(!o[1].equals(Http.get(o[0]).header("ETag")), "the order's ETag moved");

        String item = lines + "('" + lineKey + "')";
        Reply got = Http.get(item);
        assertEquals(200, got.status(), got::toString);
        assertEquals(b + "/salesOrderLines('" + lineKey + "')", got.xml().text("/a:entry/a:id"), "QRY-21");
        Reply put = Http.put(item, entry(resource("salesOrderLine", "", "<orderQty>7</orderQty>")), "If-Match", got.header("ETag"));
        assertEquals(200, put.status(), put::toString);
        assertEquals("7", put.xml().text("/a:entry/sdata:payload/c:salesOrderLine/c:orderQty"), "UPD-21");
        assertEquals("4", put.xml().text("/a:entry/sdata:payload/c:salesOrderLine/c:lineNumber"), "partial");
        // the line's ETag protocol applies
        application(Http.put(item, entry(resource("salesOrderLine", "", "<orderQty>1</orderQty>"))), 400, "MissingIfMatch");
        Reply kept = Http.get(item);
        assertEquals("7", kept.xml().text("/a:entry/sdata:payload/c:salesOrderLine/c:orderQty"), "the refused PUT changed nothing");
        assertEquals(put.header("ETag"), kept.header("ETag"));
        assertEquals(200, Http.delete(item).status(), "DEL-3");
        assertEquals(3, lines(Http.get(o[0] + "?include=orderLines")).size());
        application(Http.get(item), 404, "ResourceNotFound");

        // an item of another order is not found under this one
        String[] other = orderWithLines();
        String otherLine = Http.get(other[0] + "/orderLines").xml().text("/a:feed/a:entry[1]/sdata:payload/*/@sdata:key");
        application(Http.get(lines + "('" + otherLine + "')"), 404, "ResourceNotFound");
    }

    @Test
    void aChildListHasATemplateAndPayloadVariantsAreAccepted() {
        String[] o = orderWithLines();
        Reply t = Http.get(o[0] + "/orderLines/$template");
        assertEquals(200, t.status(), "CRE-12: " + t);
        assertEquals(1, t.xml().count("/a:entry/sdata:payload/c:salesOrderLine"));
        Reply c = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>T</lastName><address><city>Q</city></address>")));
        // no template for a single child URL
        application(Http.get(c.header("Location") + "/address/$template"), 404, "ResourceNotFound");
        // UPD-25: a resource element straight in the entry; CONC-9: http:ifMatch in the entry beside the header
        String bare = "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\">"
                + "<http:ifMatch>" + o[1].replace("\"", "") + "</http:ifMatch>"
                + resource("salesOrder", "", "<comment>bare</comment>") + "</entry>";
        Reply put = Http.put(o[0], bare, "If-Match", o[1]);
        assertEquals(200, put.status(), put::toString);
        assertEquals("bare", put.xml().text(SO + "/c:comment"));
        // CRE-3: data sent inside a reference on a create never changes the referenced resource
        Reply created = Http.post(b + "/salesOrders", entry(resource("salesOrder", "",
                "<contact sdata:key=\"" + contact + "\"><lastName>Changed</lastName></contact>")));
        assertEquals(201, created.status(), created::toString);
        assertEquals("Writer", Http.get(b + "/contacts('" + contact + "')").xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
    }

    @Test
    void aReferenceIsReadAtItsPropertyUrlAndWrittenOnlyThroughItsOwner() {
        String[] o = orderWithLines();
        Reply c = Http.get(o[0] + "/contact");
        assertEquals(200, c.status(), c::toString);
        assertEquals(b + "/contacts('" + contact + "')", c.xml().text("/a:entry/a:id"));
        assertEquals("Writer", c.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
        Reply put = Http.put(o[0] + "/contact", entry(resource("contact", "", "<lastName>X</lastName>")), "If-Match", c.header("ETag"));
        application(put, 405, "MethodNotAllowed");
        assertEquals("GET", put.header("Allow"));
        Reply same = Http.get(b + "/contacts('" + contact + "')");
        assertEquals("Writer", same.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"), "the contact is unchanged");
        assertEquals(c.header("ETag"), same.header("ETag"));
    }

    @Test
    void aSingleChildIsPostedOnlyWhenAbsent() {
        String[] o = orderWithLines();
        Reply conflict = Http.post(o[0] + "/billAddress", entry(resource("billAddress", "", "<city>Rome</city>")));
        application(conflict, 409, "Conflict"); // CRE-11
        Reply bill = Http.get(o[0] + "/billAddress");
        assertEquals("Paris", bill.xml().text("/a:entry/sdata:payload/*/c:city"));
        assertEquals(200, Http.delete(o[0] + "/billAddress").status());
        application(Http.get(o[0] + "/billAddress"), 404, "ResourceNotFound");
        Reply created = Http.post(o[0] + "/billAddress", entry(resource("billAddress", "", "<city>Rome</city>")));
        assertEquals(201, created.status(), created::toString);
        assertEquals("Rome", Http.get(o[0] + "?include=billAddress").xml().text(SO + "/c:billAddress/c:city"));
    }

    @Test
    void propertyUrlsWithoutPermissionAnswer405WithAllow() {
        Reply c = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>NoWrites</lastName><address><city>X</city></address>")));
        String url = c.header("Location");
        Reply put = Http.put(url + "/address", entry(resource("address", "", "<city>Y</city>")), "If-Match", "x");
        application(put, 405, "MethodNotAllowed");
        assertEquals("GET", put.header("Allow"));
        assertEquals("X", Http.get(url + "/address").xml().text("/a:entry/sdata:payload/*/c:city"), "the address is unchanged");
        Reply cust = Http.post(b + "/customers", entry(resource("customer", "", "<name>N</name>")));
        Reply post = Http.post(cust.header("Location") + "/taxCodes", entry(resource("taxCode", "", "<code>Q</code>")));
        application(post, 405, "MethodNotAllowed");
        assertEquals("GET", post.header("Allow"));
        assertEquals("0", Http.get(cust.header("Location") + "/taxCodes").xml().text("/a:feed/opensearch:totalResults"),
                "nothing was linked");
    }

    // ---------------------------------------------------------------- validation: one diagnosis per fault, nothing written

    /** The faults of a 400 validation answer by payloadPath: each an ApplicationDiagnosis with its applicationCode. */
    private static Map<String, Fault> faults(Reply r) {
        return Refusals.faults(Refusals.diagnoses(r, 400));
    }

    /**
     * Everything stored is written back as XML 1.0: a character it cannot carry (sent in an XML 1.1 document) is refused
     * on the way in, or the resource would be stored and then fail every read. Text echoed in a diagnosis stays
     * well-formed and of a readable size.
     */
    @Test
    void textXml10CannotCarryIsRefusedAndDiagnosesStayReadable() {
        String marker = "xml11 " + UUID.randomUUID();
        String xml11 = "<?xml version=\"1.1\"?>";
        Reply r = Http.post(b + "/salesOrders", xml11 + order("", "<comment>" + marker + "&#1;</comment>"));
        Map<String, Fault> f = faults(r); // r.xml() parses it as XML 1.0: the diagnosis is well-formed
        assertEquals(Map.of("salesOrder/comment", "InvalidValue"), codesByPath(f), f::toString);
        assertTrue(f.get("salesOrder/comment").message().contains("U+0001"), f::toString);
        assertEquals(0, countWhere("comment eq '" + marker + "'"), "nothing written");
        String keyMarker = "bad key " + UUID.randomUUID();
        assertEquals(Map.of("salesOrder", "InvalidKey"), codesByPath(faults(Http.post(b + "/salesOrders",
                xml11 + order("sdata:key=\"k&#x7F;\"", "<comment>" + keyMarker + "</comment>")))));
        assertEquals(0, countWhere("comment eq '" + keyMarker + "'"), "nothing written");
        String[] o = orderWithLines();
        Reply put = Http.put(o[0], xml11 + entry(resource("salesOrder", "", "<comment>&#x1F;</comment>")), "If-Match", o[1]);
        assertEquals(Map.of("salesOrder/comment", "InvalidValue"), codesByPath(faults(put)));
        assertEquals(200, Http.get(o[0]).status(), "the order stays readable");
        assertEquals(o[1], Http.get(o[0]).header("ETag"), "and unchanged");

        String longName = "x".repeat(200_000);
        String unknownMarker = "unknown " + UUID.randomUUID();
        Reply unknown = Http.post(b + "/salesOrders", order("", "<comment>" + unknownMarker + "</comment><" + longName + ">1</"
                + longName + ">"));
        application(unknown, 400, "UnknownProperty");
        assertTrue(unknown.body().length() < 10_000, "the diagnosis does not echo 200,000 characters: " + unknown.body().length());
        assertEquals(0, countWhere("comment eq '" + unknownMarker + "'"), "nothing written");
        Reply control = Http.get(b + "/salesOrders?where=" + enc("comment eq \u0001"));
        refused(control, 400, "BadWhereSyntax");
        assertTrue(control.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:message").contains("U+0001"), control::toString);
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
        Map<String, Fault> f = faults(r);
        Map<String, String> expected = new java.util.TreeMap<>();
        for (String path : List.of("salesOrder/orderDate", "salesOrder/status", "salesOrder/billAddress/postalCode",
                "salesOrder/billAddress/countryCode", "salesOrder/orderLines/salesOrderLine[2]/orderQty",
                "salesOrder/orderLines/salesOrderLine[3]/orderQty", "salesOrder/orderLines/salesOrderLine[4]/orderQty")) {
            expected.put(path, "InvalidValue");
        }
        expected.put("salesOrder/bogus", "UnknownProperty");
        assertEquals(expected, codesByPath(f), f::toString);
        assertTrue(f.get("salesOrder/orderLines/salesOrderLine[2]/orderQty").message().contains("at least 0"), f::toString);
        assertTrue(f.get("salesOrder/orderLines/salesOrderLine[3]/orderQty").message().contains("digits after the point"), f::toString);
        assertTrue(f.get("salesOrder/orderLines/salesOrderLine[4]/orderQty").message().contains("digits"), f::toString);
        assertTrue(f.get("salesOrder/billAddress/countryCode").message().contains("pattern"), f::toString);
        assertTrue(f.get("salesOrder/billAddress/postalCode").message().contains("at most 12"), f::toString);
        assertTrue(f.get("salesOrder/status").message().contains("Open"), f::toString);
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
        assertEquals(Map.of("salesOrder/orderLines/salesOrderLine[2]/orderQty", "InvalidValue"), codesByPath(faults(put)));
        Reply now = Http.get(url + "?include=orderLines");
        assertEquals("before", now.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"));
        assertEquals("1", now.xml().text("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine/c:orderQty"));
        assertEquals(created.header("ETag"), now.header("ETag"), "nothing changed, not even the ETag");
    }

    /** UPD-3, UPD-5, UPD-6: each writable property sent alone changes only itself; the mandatory contact may be left out. */
    @Test
    void eachPropertySentAloneChangesOnlyItself() {
        String[] o = orderWithLines();
        Map<String, String> values = new java.util.LinkedHashMap<>(Map.of("orderDate", "2009-09-09", "shipDate", "2009-10-10",
                "status", "Closed", "subTotal", "12.34", "comment", "alone", "revision", "42"));
        String etag = o[1];
        for (Map.Entry<String, String> e : values.entrySet()) {
            Map<String, String> before = simpleValues(Http.get(o[0]));
            Reply r = put(o[0], etag, "<" + e.getKey() + ">" + e.getValue() + "</" + e.getKey() + ">");
            etag = r.header("ETag");
            Map<String, String> after = simpleValues(r);
            assertEquals(e.getValue(), after.get(e.getKey()), e.getKey());
            before.remove(e.getKey());
            after.remove(e.getKey());
            assertEquals(before, after, "only " + e.getKey() + " changed");
            assertEquals(3, lines(Http.get(o[0] + "?include=orderLines")).size(), "UPD-9: lines untouched");
        }
        assertEquals(contact, Http.get(o[0]).xml().text(SO + "/c:contact/@sdata:key"), "UPD-6: contact kept");
    }

    private static Map<String, String> simpleValues(Reply r) {
        io.sdataserver.testsupport.Xml x = r.xml();
        Map<String, String> m = new java.util.TreeMap<>();
        for (String p : List.of("orderNumber", "orderDate", "shipDate", "status", "subTotal", "comment", "revision")) {
            m.put(p, x.text(SO + "/c:" + p));
        }
        m.put("billAddress", x.text(SO + "/c:billAddress/@sdata:key"));
        return m;
    }

    @Test
    void aDuplicateUniqueKeyIsAConflictAndTemplatesEmbedChildTemplates() {
        String number = "N" + UUID.randomUUID();
        Reply first = Http.post(b + "/customers", entry(resource("customer", "", "<customerNumber>" + number + "</customerNumber><name>A</name>")));
        assertEquals(201, first.status(), first::toString);
        Reply second = Http.post(b + "/customers", entry(resource("customer", "", "<customerNumber>" + number + "</customerNumber><name>B</name>")));
        application(second, 409, "Conflict"); // CRE-6, CRE-18
        Reply same = Http.get(b + "/customers?where=" + enc("customerNumber eq '" + number + "'"));
        assertEquals("1", same.xml().text("/a:feed/opensearch:totalResults"), "no second customer");
        assertEquals("A", same.xml().text("/a:feed/a:entry/sdata:payload/c:customer/c:name"), "the first one is unchanged");
        // UPD-22: an update may not answer 409; the same conflict on PUT is a 400 with the Conflict diagnosis
        Reply other = Http.post(b + "/customers", entry(resource("customer", "", "<customerNumber>O" + number + "</customerNumber><name>C</name>")));
        assertEquals(201, other.status(), other::toString);
        String otherUrl = other.header("Location");
        Reply clash = Http.put(otherUrl, entry(resource("customer", "", "<customerNumber>" + number + "</customerNumber>")),
                "If-Match", other.header("ETag"));
        application(clash, 400, "Conflict"); // UPD-22
        Reply after = Http.get(otherUrl);
        assertEquals(other.header("ETag"), after.header("ETag"), "nothing changed");
        assertEquals("O" + number, after.xml().text("/a:entry/sdata:payload/c:customer/c:customerNumber"));
        Reply t = Http.get(b + "/salesOrders/$template?include=orderLines");
        assertEquals(200, t.status());
        assertEquals(1, t.xml().count("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine"), "CRE-9");
        assertEquals("", t.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key"), "CRE-8: no key");
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
        // a uuid is one uuid whatever its letter case (RFC 4122): the same create in upper case is still a repeat,
        // and a reference may name its target by uuid in either case
        Reply upper = Http.post(b + "/salesOrders", order("sdata:uuid=\"" + uuid.toUpperCase(java.util.Locale.ROOT) + "\"",
                "<comment>third</comment>"));
        assertEquals(201, upper.status(), upper::toString);
        assertEquals(first.header("Location"), upper.header("Location"));
        assertEquals(uuid, upper.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:uuid"), "kept as first written");
        String contactUuid = Http.get(b + "/contacts('" + contact + "')").xml().text("/a:entry/sdata:payload/c:contact/@sdata:uuid");
        Reply byUpper = Http.post(b + "/salesOrders", entry(resource("salesOrder", "", "<contact sdata:uuid=\""
                + contactUuid.toUpperCase(java.util.Locale.ROOT) + "\"/>")));
        assertEquals(201, byUpper.status(), byUpper::toString);
        assertEquals(contact, byUpper.xml().text("/a:entry/sdata:payload/c:salesOrder/c:contact/@sdata:key"));
    }

    /** CRE-19: a create at a child's property URL follows the rules of a top-level create, CRE-5 included. */
    @Test
    void aChildPostedAgainWithItsUuidCreatesNothingNew() {
        Reply a = Http.post(b + "/salesOrders", order("", "<comment>A</comment>"));
        Reply other = Http.post(b + "/salesOrders", order("", "<comment>B</comment>"));
        assertEquals(201, a.status(), a::toString);
        String uuid = UUID.randomUUID().toString();
        Reply first = Http.post(a.header("Location") + "/orderLines", entry(resource("salesOrderLine", "sdata:uuid=\"" + uuid + "\"",
                "<orderQty>2</orderQty>")));
        assertEquals(201, first.status(), first::toString);
        assertEquals(first.header("ETag").replace("\"", ""), first.xml().text("/a:entry/http:etag"), "CONC-2 on a child create");
        Reply again = Http.post(a.header("Location") + "/orderLines", entry(resource("salesOrderLine", "sdata:uuid=\"" + uuid + "\"",
                "<orderQty>7</orderQty>")));
        assertEquals(201, again.status(), again::toString);
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals("2", again.xml().text("/a:entry/sdata:payload/c:salesOrderLine/c:orderQty"), "the stored line answers");
        assertEquals(1, Http.get(a.header("Location") + "/orderLines").xml().count("/a:feed/a:entry"));
        Reply elsewhere = Http.post(other.header("Location") + "/orderLines", entry(resource("salesOrderLine",
                "sdata:uuid=\"" + uuid + "\"", "<orderQty>1</orderQty>")));
        application(elsewhere, 409, "Conflict"); // the uuid of another order's line
        assertEquals(0, Http.get(other.header("Location") + "/orderLines").xml().count("/a:feed/a:entry"), "nothing was added");
        String addressUuid = UUID.randomUUID().toString();
        String address = entry(resource("billAddress", "sdata:uuid=\"" + addressUuid + "\"", "<city>Nantes</city>"));
        Reply set = Http.post(a.header("Location") + "/billAddress", address);
        assertEquals(201, set.status(), set::toString);
        Reply setAgain = Http.post(a.header("Location") + "/billAddress", address);
        assertEquals(201, setAgain.status(), "a single child sent again: " + setAgain);
        assertEquals(set.header("Location"), setAgain.header("Location"));
        // another single child while one exists
        application(Http.post(a.header("Location") + "/billAddress", entry(resource("billAddress", "", "<city>Brest</city>"))), 409,
                "Conflict");
        assertEquals("Nantes", Http.get(a.header("Location") + "/billAddress").xml().text("/a:entry/sdata:payload/*/c:city"),
                "the single child is unchanged");
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
