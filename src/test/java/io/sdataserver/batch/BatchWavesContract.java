package io.sdataserver.batch;

import static io.sdataserver.batch.BatchContract.contact;
import static io.sdataserver.batch.BatchContract.feed;
import static io.sdataserver.batch.BatchContract.op;
import static io.sdataserver.batch.BatchContract.post;
import static io.sdataserver.batch.BatchContract.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Entries;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.ServerConfig;
import io.sdataserver.store.Waves;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.Relay;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the entries of a batch chunk run side by side and their statements share round trips; each entry
 * must still be answered exactly as when the entries run one after another (an earlier entry's write is seen by a
 * later one, a stale http:ifMatch after an update of the same resource is 412 with that update in it), and a chunk
 * that cannot keep to that order (an entry that fails, or needs the database twice) runs one entry after another.
 * The metrics say which happened. On H2 the same batches run one entry after another.
 */
abstract class BatchWavesContract {
    abstract Backend backend();

    @Test
    void entriesSharingRoundTripsSeeEachOtherInOrder() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Contacts made = contacts(b, 40);
            List<String> urls = made.urls();
            List<String> etags = made.etags();
            long together = counter(s, "sdata_batch_entries_together_total");
            List<String> ops = sameWriteTwice(made);
            ops.add(op("GET", urls.get(0), null, null));
            ops.add(op("POST", null, null, contact("", "Created in the batch")));
            for (int i = 1; i < 40; i++) ops.add(op("PUT", urls.get(i), etags.get(i), contact("", "After " + i)));
            Reply r = post(b + "/contacts/$batch", feed(ops.toArray(new String[0])));
            assertEquals(200, r.status(), r::toString);
            Xml x = r.xml();
            assertEquals(ops.size(), x.count("/a:feed/a:entry"));
            firstWroteSecondStale(x);
            assertEquals("200", status(x, 3));
            assertEquals("First write", x.text("/a:feed/a:entry[3]/sdata:payload/c:contact/c:lastName"), "the read sees the write before it");
            assertEquals("201", status(x, 4));
            for (int i = 1; i < 40; i++) {
                assertEquals("200", status(x, 4 + i));
                assertEquals("After " + i, x.text("/a:feed/a:entry[" + (4 + i) + "]/sdata:payload/c:contact/c:lastName"));
                Reply now = Http.get(urls.get(i));
                assertEquals("After " + i, now.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
                assertEquals(x.text("/a:feed/a:entry[" + (4 + i) + "]/http:etag"), now.etag(), "the ETag answered is the one stored");
            }
            assertEquals("First write", Http.get(urls.get(0)).xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
            assertEquals("41", BatchContract.total(s, "contacts"));
            long ran = counter(s, "sdata_batch_entries_together_total") - together;
            if (backend() == Backend.POSTGRES) assertEquals(ops.size(), ran, "every entry shared round trips");
            else assertEquals(0, ran);
            assertEquals(0, counter(s, "sdata_batch_waves_given_up_total"));
        }
    }

    /**
     * On PostgreSQL the same statement of the entries of a round trip runs as one (an UPDATE of 30 orders, the read of
     * their rows, of their billing and shipping addresses, of their lines): each entry still gets its own row and its
     * own children in their order, whatever the others have (none, one, several), and a stale entry among them is
     * 412 with its own current state. The metrics say how many statements merging saved.
     */
    @Test
    void entriesWhoseStatementsAreMergedEachGetTheirOwnRowsAndChildren() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Reply buyer = Http.post(b + "/contacts", Entries.entry(contact("", "Buyer")));
            assertEquals(201, buyer.status(), buyer::toString);
            String buyerKey = buyer.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
            int n = 30;
            List<String> urls = new ArrayList<>();
            List<String> etags = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StringBuilder inner = new StringBuilder("<contact sdata:key=\"" + buyerKey + "\"/><comment>Before " + i + "</comment>");
                if (i % 2 == 0) inner.append("<billAddress><city>Bill ").append(i).append("</city></billAddress>");
                if (i % 3 == 0) inner.append("<shipAddress><city>Ship ").append(i).append("</city></shipAddress>");
                inner.append("<orderLines>");
                for (int l = 1; l <= i % 4; l++) inner.append("<salesOrderLine><lineNumber>").append(i * 10 + l).append("</lineNumber></salesOrderLine>");
                inner.append("</orderLines>");
                Reply r = Http.post(b + "/salesOrders", Entries.entry(Entries.resource("salesOrder", "", inner.toString())));
                assertEquals(201, r.status(), r::toString);
                urls.add(r.header("Location"));
                etags.add(r.etag());
            }
            long merged = counter(s, "sdata_batch_statements_merged_total");
            List<String> ops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ops.add(op("PUT", urls.get(i) + INCLUDE, i == 7 ? "stale" : etags.get(i),
                        Entries.resource("salesOrder", "", "<comment>After " + i + "</comment><orderDate>" + orderDate(i)
                                + "</orderDate><subTotal>" + i + ".25</subTotal><revision>" + i + "</revision>")));
            }
            Reply r = post(b + "/salesOrders/$batch", feed(ops.toArray(new String[0])));
            assertEquals(200, r.status(), r::toString);
            Xml x = r.xml();
            for (int i = 0; i < n; i++) {
                String e = "/a:feed/a:entry[" + (i + 1) + "]";
                String o = e + "/sdata:payload/c:salesOrder";
                assertEquals(i == 7 ? "412" : "200", status(x, i + 1), "entry " + (i + 1));
                assertEquals(i == 7 ? "Before 7" : "After " + i, x.text(o + "/c:comment"), "entry " + (i + 1));
                if (i != 7) { // a 412 carries the current entry as it is, without the inlined children
                    assertEquals(orderDate(i), x.text(o + "/c:orderDate"), "entry " + (i + 1));
                    assertEquals(i + ".25", x.text(o + "/c:subTotal"), "entry " + (i + 1));
                    assertEquals(String.valueOf(i), x.text(o + "/c:revision"), "entry " + (i + 1));
                    assertEquals(i % 2 != 0, x.text(o + "/c:billAddress/@sdata:key").isEmpty(), "entry " + (i + 1));
                    assertEquals(i % 3 != 0, x.text(o + "/c:shipAddress/@sdata:key").isEmpty(), "entry " + (i + 1));
                    assertEquals(i % 4, x.count(o + "/c:orderLines/c:salesOrderLine"), "entry " + (i + 1));
                    for (int l = 1; l <= i % 4; l++) {
                        assertEquals(String.valueOf(i * 10 + l), x.text(o + "/c:orderLines/c:salesOrderLine[" + l + "]/c:lineNumber"));
                    }
                    assertEquals(i % 2 == 0 ? "Bill " + i : "", x.text(o + "/c:billAddress/c:city"), "entry " + (i + 1));
                    assertEquals(i % 3 == 0 ? "Ship " + i : "", x.text(o + "/c:shipAddress/c:city"), "entry " + (i + 1));
                }
                Reply now = Http.get(urls.get(i) + INCLUDE);
                assertEquals(x.text(e + "/http:etag"), now.etag(), "the ETag answered is the one stored");
                assertEquals(i == 7 ? "Before 7" : "After " + i, now.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"));
                // its own children, in their order: those the single GET answers
                for (String child : i == 7 ? List.<String>of() : List.of("c:billAddress", "c:shipAddress", "c:orderLines/c:salesOrderLine[1]",
                        "c:orderLines/c:salesOrderLine[2]", "c:orderLines/c:salesOrderLine[3]")) {
                    assertEquals(now.xml().text("/a:entry/sdata:payload/c:salesOrder/" + child + "/@sdata:key"),
                            x.text(o + "/" + child + "/@sdata:key"), "entry " + (i + 1) + ", " + child);
                }
            }
            assertEquals(etags.get(7), Http.get(urls.get(7)).etag(), "the stale entry changed nothing");
            long saved = counter(s, "sdata_batch_statements_merged_total") - merged;
            onPostgresOnly(saved, 2 * (n - 2), "statements saved by merging");
            assertEquals(0, counter(s, "sdata_batch_waves_given_up_total"));
        }
    }

    /**
     * Two updates of the same resource among otherwise identical ones are not merged into one statement (one UPDATE
     * would write the row once, for either of them): the second one's http:ifMatch is stale after the first, as
     * one after another.
     */
    @Test
    void updatesOfTheSameResourceAreNotMergedTogether() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Contacts made = contacts(b, 24);
            List<String> urls = made.urls();
            List<String> etags = made.etags();
            List<String> ops = sameWriteTwice(made);
            for (int i = 1; i < 24; i++) ops.add(op("PUT", urls.get(i), etags.get(i), contact("", "After " + i)));
            Reply r = post(b + "/contacts/$batch", feed(ops.toArray(new String[0])));
            assertEquals(200, r.status(), r::toString);
            Xml x = r.xml();
            firstWroteSecondStale(x);
            assertEquals("First write", x.text("/a:feed/a:entry[1]/sdata:payload/c:contact/c:lastName"));
            Reply now = Http.get(urls.get(0));
            assertEquals("First write", now.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
            assertEquals(x.text("/a:feed/a:entry[1]/http:etag"), now.etag());
            for (int i = 1; i < 24; i++) {
                assertEquals("200", status(x, i + 2));
                assertEquals("After " + i, lastName(urls.get(i)));
            }
            assertEquals(0, counter(s, "sdata_batch_waves_given_up_total"));
        }
    }

    /** A date of its own for each order: dates, decimals and integers go through merged statements too. */
    private static String orderDate(int i) { return String.format("2026-11-%02d", 1 + i % 28); }

    /** A counter's growth: at least {@code atLeast} on PostgreSQL, where entries share round trips, and none on H2. */
    private void onPostgresOnly(long grown, long atLeast, String what) {
        if (backend() == Backend.POSTGRES) assertTrue(grown >= atLeast, what + ": " + grown);
        else assertEquals(0, grown, what);
    }

    /** Two updates of the first contact with the same ETag: the second one's is stale once the first has applied. */
    private static List<String> sameWriteTwice(Contacts made) {
        return new ArrayList<>(List.of(op("PUT", made.urls().get(0), made.etags().get(0), contact("", "First write")),
                op("PUT", made.urls().get(0), made.etags().get(0), contact("", "Lost write"))));
    }

    /** The answers to {@link #sameWriteTwice}, first in the batch: 200, then 412 carrying the first write. */
    private static void firstWroteSecondStale(Xml x) {
        assertEquals("200", status(x, 1));
        assertEquals("412", status(x, 2), "the second update's ETag was the first one's before");
        assertEquals("First write", x.text("/a:feed/a:entry[2]/sdata:payload/c:contact/c:lastName"), "412 carries the current entry");
        assertEquals(x.text("/a:feed/a:entry[1]/http:etag"), x.text("/a:feed/a:entry[2]/http:etag"));
    }

    /** Children inlined in the answers, so that each entry's own can be checked. */
    private static final String INCLUDE = "?include=billAddress,shipAddress,orderLines";

    /** Creates merged into one INSERT each get their own key, row and ETag, as one after another. */
    @Test
    void createsWhoseStatementsAreMergedEachGetTheirOwnKey() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            long merged = counter(s, "sdata_batch_statements_merged_total");
            List<String> ops = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ops.add(op("POST", null, null, Entries.resource("contact", "", "<lastName>New " + i + "</lastName><birthDate>"
                        + orderDate(i) + "</birthDate><lastContacted>" + orderDate(i) + "T10:15:30Z</lastContacted>")));
            }
            Reply r = post(b + "/contacts/$batch", feed(ops.toArray(new String[0])));
            assertEquals(200, r.status(), r::toString);
            Xml x = r.xml();
            java.util.Set<String> locations = new java.util.HashSet<>();
            for (int i = 0; i < 30; i++) {
                String e = "/a:feed/a:entry[" + (i + 1) + "]";
                assertEquals("201", status(x, i + 1));
                String location = x.text(e + "/http:location");
                assertTrue(locations.add(location), "a key of its own: " + location);
                assertEquals("New " + i, x.text(e + "/sdata:payload/c:contact/c:lastName"));
                assertEquals(orderDate(i), x.text(e + "/sdata:payload/c:contact/c:birthDate"));
                assertEquals(orderDate(i) + "T10:15:30Z", x.text(e + "/sdata:payload/c:contact/c:lastContacted"));
                Reply now = Http.get(location);
                assertEquals("New " + i, now.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
                assertEquals(x.text(e + "/http:etag"), now.etag());
            }
            assertEquals("30", BatchContract.total(s, "contacts"));
            long saved = counter(s, "sdata_batch_statements_merged_total") - merged;
            onPostgresOnly(saved, 2 * 28, "statements saved by merging");
        }
    }

    /**
     * A chunk with a delete (statements of its own), a create with a key the client chose (looked up first) and an
     * invalid entry gives up sharing round trips and runs one entry after another: the answers are those of the
     * single requests, and the invalid entry alone is refused.
     */
    @Test
    void aChunkThatCannotShareRoundTripsRunsOneEntryAfterAnother() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Contacts made = contacts(b, 6);
            List<String> urls = made.urls();
            List<String> etags = made.etags();
            Reply r = post(b + "/contacts/$batch", feed(
                    op("PUT", urls.get(0), etags.get(0), contact("", "Changed 0")),
                    op("PUT", urls.get(1), etags.get(1), contact("", "Changed 1")),
                    op("DELETE", urls.get(2), etags.get(2), null),
                    op("POST", null, null, contact("sdata:key=\"CHOSEN\"", "Chosen")),
                    op("PUT", urls.get(3), etags.get(3), "<contact xmlns=\"http://schemas.sage.com/myContract\"><birthDate>not a date</birthDate></contact>"),
                    op("PUT", urls.get(4), etags.get(4), contact("", "Changed 4"))));
            assertEquals(200, r.status(), r::toString);
            Xml x = r.xml();
            assertEquals("200", status(x, 1));
            assertEquals("200", status(x, 2));
            assertEquals("200", status(x, 3));
            assertEquals("201", status(x, 4));
            assertEquals(b + "/contacts('CHOSEN')", x.text("/a:feed/a:entry[4]/http:location"));
            refusedEntry(x, 5, "400", "InvalidValue");
            assertEquals("200", status(x, 6));
            assertEquals("Changed 0", lastName(urls.get(0)));
            assertEquals("Changed 1", lastName(urls.get(1)));
            Refusals.refused(Http.get(urls.get(2)), 404, Refusals.APPLICATION, "ResourceNotFound");
            assertEquals("Chosen", lastName(b + "/contacts('CHOSEN')"));
            Reply unchanged = Http.get(urls.get(3));
            assertEquals("Before 3", unchanged.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
            assertEquals(etags.get(3), unchanged.etag(), "the refused entry changed nothing");
            assertEquals("Changed 4", lastName(urls.get(4)));
            assertEquals("Before 5", lastName(urls.get(5)));
            long gaveUp = counter(s, "sdata_batch_waves_given_up_total");
            onPostgresOnly(gaveUp, 1, "chunks that gave up sharing round trips");
        }
    }

    /** An atomic batch shares round trips too: all entries apply, or a stale one among them undoes every other. */
    @Test
    void atomicBatchesShareRoundTripsAndStillApplyAllOrNothing() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Contacts made = contacts(b, 30);
            List<String> urls = made.urls();
            List<String> etags = made.etags();
            List<String> ops = new ArrayList<>();
            for (int i = 0; i < 30; i++) ops.add(op("PUT", urls.get(i), i == 20 ? "stale" : etags.get(i), contact("", "After " + i)));
            Reply refused = post(b + "/contacts/$batch?atomic=true", feed(ops.toArray(new String[0])));
            assertEquals(200, refused.status(), refused::toString);
            Xml x = refused.xml();
            for (int i = 0; i < 30; i++) {
                if (i == 20) assertEquals("412", status(x, i + 1), "the stale entry");
                else refusedEntry(x, i + 1, "424", "RolledBack");
            }
            for (int i = 0; i < 30; i++) {
                Reply now = Http.get(urls.get(i));
                assertEquals("Before " + i, now.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"), "nothing applied");
                assertEquals(etags.get(i), now.etag());
            }
            long together = counter(s, "sdata_batch_entries_together_total");
            ops.set(20, op("PUT", urls.get(20), etags.get(20), contact("", "After 20")));
            Reply applied = post(b + "/contacts/$batch?atomic=true", feed(ops.toArray(new String[0])));
            assertEquals(200, applied.status(), applied::toString);
            for (int i = 0; i < 30; i++) {
                assertEquals("200", status(applied.xml(), i + 1));
                assertEquals("After " + i, lastName(urls.get(i)));
            }
            long ran = counter(s, "sdata_batch_entries_together_total") - together;
            assertEquals(backend() == Backend.POSTGRES ? 30 : 0, ran);
        }
    }

    /**
     * By default (auto) entries share round trips on PostgreSQL, with the database on the same machine and through a
     * relay that holds each packet 0.2 ms each way, every one of them. On H2 they never do.
     */
    @Test
    void byDefaultEntriesShareRoundTripsNearOrFar() throws Exception {
        String db = backend().newDatabaseUrl();
        assertEquals(Waves.AUTO, ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, db).batchWaves(), "the default");
        try (TestServer s = TestServer.start(ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, db).withDatasets(List.of("prod")))) {
            assertEquals(backend() == Backend.POSTGRES ? 30 : 0, updateThirty(s), "entries that shared round trips, near");
        }
        if (backend() != Backend.POSTGRES) return;
        String far = backend().newDatabaseUrl();
        try (Relay relay = Relay.before(far, 200);
             TestServer s = TestServer.start(ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, relay.url())
                     .withDatasets(List.of("prod")))) {
            assertEquals(30, updateThirty(s), "entries that shared round trips, far");
        }
    }

    /** --batch-waves never: one entry after another, on any database. */
    @Test
    void neverRunsEntriesOneAfterAnother() {
        try (TestServer s = TestServer.start(TestServer.configFor(backend()).withBatchWaves(Waves.NEVER))) {
            assertEquals(0, updateThirty(s));
        }
    }

    /** Sends a batch of 30 conditional updates and checks every answer and the stored state; the entries run together. */
    private static long updateThirty(TestServer s) {
        String b = s.base();
        Contacts made = contacts(b, 30);
        long before = counter(s, "sdata_batch_entries_together_total");
        List<String> ops = new ArrayList<>();
        for (int i = 0; i < 30; i++) ops.add(op("PUT", made.urls().get(i), made.etags().get(i), contact("", "After " + i)));
        Reply r = post(b + "/contacts/$batch", feed(ops.toArray(new String[0])));
        assertEquals(200, r.status(), r::toString);
        for (int i = 0; i < 30; i++) {
            assertEquals("200", status(r.xml(), i + 1));
            assertEquals("After " + i, lastName(made.urls().get(i)));
        }
        assertEquals(0, counter(s, "sdata_batch_waves_given_up_total"));
        return counter(s, "sdata_batch_entries_together_total") - before;
    }

    /** Contacts made one by one ("Before 0", "Before 1", ...): their URLs and ETags. */
    private record Contacts(List<String> urls, List<String> etags) { }

    private static Contacts contacts(String b, int n) {
        Contacts made = new Contacts(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < n; i++) {
            Reply r = Http.post(b + "/contacts", Entries.entry(contact("", "Before " + i)));
            assertEquals(201, r.status(), r::toString);
            made.urls().add(r.header("Location"));
            made.etags().add(r.etag());
        }
        return made;
    }

    /** The i-th (1-based) answer is an error with this status and one ApplicationDiagnosis of this applicationCode. */
    private static void refusedEntry(Xml x, int i, String status, String applicationCode) {
        String d = "/a:feed/a:entry[" + i + "]/sdata:diagnosis";
        assertEquals(status, status(x, i), "entry " + i);
        assertEquals(1, x.count(d), "entry " + i);
        assertEquals("ApplicationDiagnosis", x.text(d + "/sdata:sdataCode"), "entry " + i);
        assertEquals(applicationCode, x.text(d + "/sdata:applicationCode"), "entry " + i);
    }

    private static String lastName(String url) {
        Reply r = Http.get(url);
        assertEquals(200, r.status(), r::toString);
        return r.xml().text("/a:entry/sdata:payload/c:contact/c:lastName");
    }

    /** A counter's value from the server's Prometheus text. */
    static long counter(TestServer s, String name) {
        Reply m = Http.get(s.sdata().replace("/sdata", "/metrics"));
        assertEquals(200, m.status(), m::toString);
        Matcher v = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.E+]+)$").matcher(m.body());
        assertTrue(v.find(), () -> name + " not in " + m.body());
        return (long) Double.parseDouble(v.group(1));
    }
}
