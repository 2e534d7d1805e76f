package io.sdataserver.http;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.RawHttp;
import io.sdataserver.testsupport.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the operation pipeline guarantees over HTTP (issue 9): a refused write moves no feed ETag, every entry
 * answers If-None-Match, and a feed embedding references holds one database connection, so more slow readers than
 * connections all finish.
 */
abstract class PipelineContract {
    abstract Backend backend();

    static String contact(String lastName) { return entry(resource("contact", "", "<lastName>" + lastName + "</lastName>")); }

    static String order(String contactKey, String inner) {
        return entry(resource("salesOrder", "", "<contact sdata:key=\"" + contactKey + "\"/>" + inner));
    }

    static String key(Reply created, String element) {
        return created.xml().text("/a:entry/sdata:payload/c:" + element + "/@sdata:key");
    }

    @Test
    void aRefusedWriteLeavesTheFeedEtagAsItWas() {
        try (TestServer s = TestServer.start(backend())) {
            Reply created = Http.post(s.base() + "/contacts", contact("Stable"));
            assertEquals(201, created.status(), created::toString);
            String url = created.header("Location");
            String feed = Http.get(s.base() + "/contacts").header("ETag");
            assertNotNull(feed);
            Reply stale = Http.put(url, contact("Changed"), "If-Match", "\"stale\"");
            assertEquals(412, stale.status(), stale::toString);
            assertEquals(created.header("ETag"), stale.header("ETag"), "the 412 carries the current ETag");
            assertEquals(feed, Http.get(s.base() + "/contacts").header("ETag"), "a 412 changes nothing");
            Reply missing = Http.put(s.base() + "/contacts('nobody')", contact("Nobody"), "If-Match", "\"x\"");
            io.sdataserver.testsupport.Refusals.application(missing, 404, "ResourceNotFound");
            Reply gone = Http.delete(s.base() + "/contacts('nobody')");
            io.sdataserver.testsupport.Refusals.application(gone, 404, "ResourceNotFound");
            assertEquals(feed, Http.get(s.base() + "/contacts").header("ETag"), "a 404 changes nothing");
            // and a write that happens does move it
            assertEquals(200, Http.put(url, contact("Changed"), "If-Match", created.header("ETag")).status());
            assertTrue(!feed.equals(Http.get(s.base() + "/contacts").header("ETag")));
        }
    }

    @Test
    void everyEntryAnswersIfNoneMatch() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            Reply contact = Http.post(b + "/contacts", contact("Cached"));
            String contactKey = key(contact, "contact");
            Reply order = Http.post(b + "/salesOrders", order(contactKey, "<billAddress><city>Paris</city></billAddress>"
                    + "<orderLines><salesOrderLine><lineNumber>1</lineNumber></salesOrderLine></orderLines>"));
            assertEquals(201, order.status(), order::toString);
            String orderUrl = order.header("Location");
            String lineKey = order.xml().text("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine/@sdata:key");
            String trackingId = UUID.randomUUID().toString();
            assertEquals(202, Http.post(b + "/salesOrders?trackingID=" + trackingId, order(contactKey, "")).status());
            for (String url : List.of(orderUrl, orderUrl + "/orderLines('" + lineKey + "')", orderUrl + "/billAddress",
                    orderUrl + "/contact", b + "/salesOrders/$post('" + trackingId + "')", b + "/contacts", b + "/$schema")) {
                Reply first = Http.get(url);
                assertTrue(first.status() == 200 || first.status() == 201, url + ": " + first);
                String etag = first.header("ETag");
                assertNotNull(etag, url);
                Reply again = Http.get(url, "If-None-Match", etag);
                assertEquals(304, again.status(), url + ": " + again);
                assertEquals(etag, again.header("ETag"), url);
                assertEquals("", again.body(), url);
                assertEquals(first.status(), Http.get(url, "If-None-Match", "\"other\"").status(), url);
            }
        }
    }

    @Test
    void moreSlowFeedReadersWithIncludeThanConnectionsAllFinish() throws Exception {
        int pool = 2;
        int readers = 6;
        int orders = 40;
        String url = backend().newDatabaseUrl();
        ServerConfig cfg = ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, url).withDbPoolSize(pool);
        try (TestServer s = TestServer.start(cfg)) {
            String b = s.base();
            String contactKey = key(Http.post(b + "/contacts", contact("Embedded")), "contact");
            for (int i = 0; i < orders; i++) {
                assertEquals(201, Http.post(b + "/salesOrders", order(contactKey, "<comment>" + "c".repeat(500) + "</comment>")).status());
            }
            ExecutorService clients = Executors.newFixedThreadPool(readers);
            try {
                List<Future<RawHttp.Answer>> feeds = new ArrayList<>();
                for (int i = 0; i < readers; i++) {
                    feeds.add(clients.submit(() -> slowRead(s.port(), "/sdata/myApp/myContract/-/salesOrders?include=contact&count=100")));
                }
                for (Future<RawHttp.Answer> f : feeds) {
                    RawHttp.Answer a = f.get(120, TimeUnit.SECONDS);
                    assertEquals(200, a.status(), a::toString);
                    assertEquals(orders, a.xml().count("/a:feed/a:entry/sdata:payload/c:salesOrder/c:contact[c:lastName='Embedded']"),
                            "every order embeds its contact");
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /** A reader on a slow link: the whole response, a kilobyte at a time with a pause between. */
    private static RawHttp.Answer slowRead(int port, String path) throws Exception {
        try (Socket c = new Socket()) {
            c.setReceiveBufferSize(4096);
            c.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            c.setSoTimeout(60_000);
            RawHttp.send(c, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            InputStream slow = new java.io.FilterInputStream(c.getInputStream()) {
                private int sinceNap;

                @Override public int read() throws IOException {
                    nap(1);
                    return super.read();
                }

                @Override public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, Math.min(len, 1024));
                    if (n > 0) nap(n);
                    return n;
                }

                private void nap(int bytes) throws IOException {
                    sinceNap += bytes;
                    if (sinceNap < 1024) return;
                    sinceNap = 0;
                    try {
                        Thread.sleep(2); // the pace of the link is what this test is about
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                }
            };
            return RawHttp.read(slow);
        }
    }
}
