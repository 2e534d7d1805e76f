package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.sdataserver.testsupport.Refusals.application;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Deleting a resource that another one still references is refused: no reference is left dangling. The answer is 400
 * with a Conflict diagnosis, since a delete may not answer 409 (§10.4, DEL-5).
 */
abstract class ReferencedDeleteContract {
    abstract Backend backend();

    @Test
    void aReferencedContactCannotBeDeletedUntilTheReferenceIsCleared() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            assertEquals(201, Http.post(b + "/contacts", entry(resource("contact", "sdata:key=\"C1\"", "<lastName>One</lastName>"))).status());
            assertEquals(201, Http.post(b + "/contacts", entry(resource("contact", "sdata:key=\"C2\"", "<lastName>Two</lastName>"))).status());
            Reply order = Http.post(b + "/salesOrders", entry(resource("salesOrder", "", "<contact sdata:key=\"C1\"/>")));
            assertEquals(201, order.status(), order::toString);
            String orderUrl = order.header("Location");

            Reply refused = Http.delete(b + "/contacts('C1')");
            application(refused, 400, "Conflict");
            Reply overridden = Http.post(b + "/contacts('C1')", null, "X-HTTP-Method-Override", "DELETE");
            application(overridden, 400, "Conflict"); // the same answer through the override
            assertTrue(refused.xml().text("//sdata:message").contains("salesOrder"), refused::toString);
            assertEquals(200, Http.get(b + "/contacts('C1')").status(), "nothing was deleted");

            Reply repoint = Http.put(orderUrl, entry(resource("salesOrder", "", "<contact sdata:key=\"C2\"/>")), "If-Match", order.header("ETag"));
            assertEquals(200, repoint.status(), repoint::toString);
            assertEquals(200, Http.delete(b + "/contacts('C1')").status(), "no longer referenced");
            assertEquals("C2", Http.get(orderUrl).xml().text("/a:entry/sdata:payload/c:salesOrder/c:contact/@sdata:key"));
        }
    }

    /** A lost race in the database: a transient ApplicationDiagnosis Busy, to be retried. */
    private static void assertBusy(Reply r) {
        assertEquals(503, r.status(), r::toString);
        assertEquals("transient", r.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:severity"), r::toString);
        assertEquals("ApplicationDiagnosis", r.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:sdataCode"), r::toString);
        assertEquals("Busy", r.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:applicationCode"), r::toString);
    }

    /** A contract in which a claim references an order's line, so a child can be the target of a reference. */
    static final Path CLAIMS = Path.of("src", "test", "resources", "contracts", "claims");

    static String claims(String name, String attrs, String inner) {
        return entry("<" + name + " xmlns=\"urn:sdata-server:test:claims\"" + (attrs.isEmpty() ? "" : " " + attrs) + ">" + inner
                + "</" + name + ">");
    }

    private static String qtys(Reply order) {
        StringBuilder s = new StringBuilder();
        var x = order.xml();
        int n = x.count("//*[local-name()='line' and @sdata:key]");
        for (int i = 1; i <= n; i++) {
            String at = "(//*[local-name()='line' and @sdata:key])[" + i + "]";
            s.append(x.text(at + "/@sdata:key")).append('=').append(x.text(at + "/*[local-name()='qty']")).append(' ');
        }
        return s.toString().trim();
    }

    /**
     * UPD-11: a child that cannot be deleted (a claim still references the line) makes the whole update fail, with
     * the Conflict diagnosis at the flagged child; nothing of the update is applied. The same holds for full mode,
     * for the child's own URL and for deleting the parent: no write leaves a reference dangling.
     */
    @Test
    void aReferencedChildIsNeverDeletedAndTheWholeUpdateIsAbandoned() {
        try (TestServer s = TestServer.start(backend(), CLAIMS, List.of(), -1)) {
            String b = s.base("claims");
            Reply order = Http.post(b + "/orders", claims("order", "sdata:key=\"O\"", "<note>n</note><lines>"
                    + "<line sdata:key=\"L1\"><qty>1</qty></line><line sdata:key=\"L2\"><qty>2</qty></line>"
                    + "<line sdata:key=\"L3\"><qty>3</qty></line></lines>"));
            assertEquals(201, order.status(), order::toString);
            String url = b + "/orders('O')";
            Reply claim = Http.post(b + "/claims", claims("claim", "sdata:key=\"K\"", "<reason>broken</reason><line sdata:key=\"L3\"/>"));
            assertEquals(201, claim.status(), claim::toString);

            Reply delta = Http.put(url, claims("order", "", "<note>changed</note><lines><line sdata:key=\"L2\"><qty>9</qty></line>"
                    + "<line sdata:key=\"L3\" sdata:isDeleted=\"true\"/><line sdata:key=\"U1\"><qty>5</qty></line></lines>"),
                    "If-Match", order.etag());
            application(delta, 400, "Conflict");
            assertEquals("order/lines/line[2]", delta.xml().text("//sdata:payloadPath"), delta::toString);
            assertTrue(delta.xml().text("//sdata:message").contains("claim 'K'"), delta::toString);
            Reply now = Http.get(url + "?include=lines");
            assertEquals("L1=1 L2=2 L3=3", qtys(now), "nothing of the update applied");
            assertEquals(order.etag(), now.etag(), "not even the ETag moved");

            Reply full = Http.put(url, claims("order", "", "<lines sdata:deleteMissing=\"true\"><line sdata:key=\"L1\"/></lines>"),
                    "If-Match", order.etag());
            application(full, 400, "Conflict"); // full mode would drop L3
            assertEquals("order/lines", full.xml().text("//sdata:payloadPath"), full::toString);
            application(Http.delete(url + "/lines('L3')"), 400, "Conflict"); // the child's own URL
            application(Http.delete(b + "/lines('L3')"), 400, "Conflict"); // the child kind's URL
            Reply parent = Http.delete(url);
            application(parent, 400, "Conflict"); // deleting the order would delete L3
            Reply kept = Http.get(url + "?include=lines");
            assertEquals("L1=1 L2=2 L3=3", qtys(kept), "none of the refused writes changed the order");
            assertEquals(order.etag(), kept.etag());
            assertEquals("L3", Http.get(b + "/claims('K')").xml().text("//*[local-name()='line']/@sdata:key"));

            // once the claim points elsewhere, the same update goes through whole
            Reply repoint = Http.put(b + "/claims('K')", claims("claim", "", "<line sdata:key=\"L1\"/>"), "If-Match", claim.etag());
            assertEquals(200, repoint.status(), repoint::toString);
            Reply again = Http.put(url, claims("order", "", "<lines><line sdata:key=\"L2\"><qty>9</qty></line>"
                    + "<line sdata:key=\"L3\" sdata:isDeleted=\"true\"/><line sdata:key=\"U1\"><qty>5</qty></line></lines>"),
                    "If-Match", Http.get(url).etag());
            assertEquals(200, again.status(), again::toString);
            assertEquals("L1=1 L2=9 U1=5", qtys(Http.get(url + "?include=lines")));
            Reply clear = Http.put(b + "/claims('K')", claims("claim", "", "<line xsi:nil=\"true\"/>"), "If-Match", repoint.etag());
            assertEquals(200, clear.status(), clear::toString);
            assertEquals(200, Http.delete(url).status(), "nothing refers to the order's lines any more");
        }
    }

    /**
     * A reference being set and its target being deleted at the same moment: one of them loses, never both win. The
     * write locks the row it references until it commits, so the delete waits and then sees the reference.
     */
    @Test
    void aReferenceAndTheDeleteOfItsTargetRacingNeverLeaveItDangling() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TestServer s = TestServer.start(backend(), CLAIMS, List.of(), -1)) {
            String b = s.base("claims");
            int bothWon = 0;
            for (int i = 0; i < 60; i++) {
                String k = String.valueOf(i);
                assertEquals(201, Http.post(b + "/orders", claims("order", "sdata:key=\"O" + k + "\"",
                        "<lines><line sdata:key=\"L" + k + "\"><qty>1</qty></line></lines>")).status());
                Reply claim = Http.post(b + "/claims", claims("claim", "sdata:key=\"C" + k + "\"", "<reason>r</reason>"));
                assertEquals(201, claim.status(), claim::toString);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Reply> point = pool.submit(() -> {
                    start.await();
                    return Http.put(b + "/claims('C" + k + "')", claims("claim", "", "<line sdata:key=\"L" + k + "\"/>"),
                            "If-Match", claim.etag());
                });
                Future<Reply> delete = pool.submit(() -> {
                    start.await();
                    return Http.delete(b + "/orders('O" + k + "')");
                });
                Reply p = point.get();
                Reply d = delete.get();
                assertTrue(Set.of(200, 400, 503).contains(p.status()), p::toString);
                assertTrue(Set.of(200, 400, 503).contains(d.status()), d::toString);
                // the loser is told why: the line it points at is gone, or the order's line is still referenced
                if (p.status() == 400) application(p, 400, "LinkTargetNotFound");
                if (d.status() == 400) application(d, 400, "Conflict");
                if (p.status() == 503) assertBusy(p);
                if (d.status() == 503) assertBusy(d);
                if (p.status() == 200 && d.status() == 200) bothWon++;
                String target = Http.get(b + "/claims('C" + k + "')").xml().text("//*[local-name()='line']/@sdata:key");
                if (!target.isEmpty()) {
                    assertEquals(200, Http.get(b + "/lines('" + target + "')").status(), "claim C" + k + " points at a deleted line");
                }
            }
            assertEquals(0, bothWon, "a reference and the delete of its target both succeeded");
        } finally {
            pool.shutdown();
        }
    }
}
