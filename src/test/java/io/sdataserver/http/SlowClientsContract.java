package io.sdataserver.http;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.http.gate.Limits;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.RawHttp;
import io.sdataserver.testsupport.RawHttp.Answer;
import io.sdataserver.testsupport.TestServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slow and hostile clients do not starve the server (issue 8): clients that send their bodies a byte at a time, and
 * hundreds of idle keep-alive connections, take no worker; ordinary requests are answered meanwhile; the slow ones
 * are cut off at their deadline with 408, and nothing they sent is stored.
 */
abstract class SlowClientsContract {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(4);
    static final String CONTACTS = "/sdata/myApp/myContract/-/contacts";
    static final int SLOW_CLIENTS = 50;
    static final int IDLE_CONNECTIONS = 500;

    abstract Backend backend();

    static String contact(String lastName) { return entry(resource("contact", "", "<lastName>" + lastName + "</lastName>")); }

    /** How many contacts the dataset holds. */
    static int contacts(TestServer s) {
        Reply r = Http.get(s.base() + "/contacts?count=1");
        assertEquals(200, r.status(), r::toString);
        return Integer.parseInt(r.xml().text("/a:feed/opensearch:totalResults"));
    }

    static String postHead(int length) {
        return "POST " + CONTACTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/atom+xml;type=entry\r\n"
                + "Content-Length: " + length + "\r\n\r\n";
    }

    static void assertRefused(Answer a, int status, String applicationCode) {
        assertEquals(status, a.status(), a::toString);
        assertEquals("ApplicationDiagnosis", a.sdataCode(), a::toString);
        assertEquals(applicationCode, a.applicationCode(), a::toString);
        assertTrue(a.header("Content-Type").startsWith("application/xml"), a::toString);
    }

    static long millisSince(long t0) { return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0); }

    @Test
    void slowBodiesAndIdleConnectionsStarveNoOne() throws Exception {
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), Limits.defaults().withReadTimeout(READ_TIMEOUT))) {
            Reply created = Http.post(s.base() + "/contacts", contact("Ordinary"));
            assertEquals(201, created.status(), created::toString);
            String url = created.header("Location");
            int before = contacts(s);
            List<Socket> idle = new ArrayList<>();
            List<Socket> slow = new ArrayList<>();
            ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
            ExecutorService readers = Executors.newFixedThreadPool(SLOW_CLIENTS);
            try {
                for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                    Socket c = RawHttp.connect(s.port());
                    idle.add(c);
                    assertEquals(200, RawHttp.exchange(c, RawHttp.request("GET", CONTACTS + "?count=1", null)).status());
                }
                byte[] body = contact("Slow").getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    Socket c = RawHttp.connect(s.port());
                    slow.add(c);
                    RawHttp.send(c, postHead(body.length));
                }
                long slowStart = System.nanoTime();
                // one byte per second on each slow connection, for as long as the server keeps it open
                int[] sent = {0};
                feeder.scheduleAtFixedRate(() -> {
                    for (Socket c : slow) RawHttp.trySend(c, new byte[] {body[sent[0]]});
                    sent[0]++;
                }, 0, 1, TimeUnit.SECONDS);
                List<Future<Answer>> cut = new ArrayList<>();
                for (Socket c : slow) cut.add(readers.submit(() -> RawHttp.read(c.getInputStream())));

                // ordinary reads and conditional writes while the slow clients hang on, until past their deadline
                long end = System.nanoTime() + READ_TIMEOUT.plusSeconds(2).toNanos();
                int ordinary = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    Reply read = Http.get(url);
                    assertEquals(200, read.status(), read::toString);
                    assertTrue(millisSince(t0) < 2000, "a GET took " + millisSince(t0) + " ms");
                    t0 = System.nanoTime();
                    Reply write = Http.put(url, contact("Ordinary " + ordinary), "If-Match", read.header("ETag"));
                    assertEquals(200, write.status(), write::toString);
                    assertTrue(millisSince(t0) < 2000, "a PUT took " + millisSince(t0) + " ms");
                    ordinary++;
                }
                assertTrue(ordinary > 10, "ordinary requests ran: " + ordinary);

                for (Future<Answer> f : cut) assertRefused(f.get(30, TimeUnit.SECONDS), 408, "RequestTimeout");
                long cutAfter = millisSince(slowStart);
                assertTrue(cutAfter >= READ_TIMEOUT.toMillis() - 100, "cut off only at the deadline: " + cutAfter + " ms");
                for (Socket c : slow) assertTrue(RawHttp.closedByServer(c), "the slow connection is closed");
                assertTrue(sent[0] < body.length, "the slow bodies never completed");

                // nothing the slow clients sent is stored
                assertEquals(before, contacts(s));
                Reply none = Http.get(s.base() + "/contacts?where=lastName%20eq%20'Slow'");
                assertEquals("0", none.xml().text("/a:feed/opensearch:totalResults"), none::toString);
                // and the idle connections were kept open for their own next request
                assertEquals(200, RawHttp.exchange(idle.get(0), RawHttp.request("GET", CONTACTS + "?count=1", null)).status());
                assertEquals(200, RawHttp.exchange(idle.get(IDLE_CONNECTIONS - 1), RawHttp.request("GET", CONTACTS + "?count=1", null)).status());
            } finally {
                feeder.shutdownNow();
                readers.shutdownNow();
                for (Socket c : idle) c.close();
                for (Socket c : slow) c.close();
            }
        }
    }

    @Test
    void aByteEveryTwentySecondsIsCutOffAtTheDeadline() throws Exception {
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), Limits.defaults().withReadTimeout(READ_TIMEOUT));
             Socket c = RawHttp.connect(s.port())) {
            int before = contacts(s);
            byte[] body = contact("Trickle").getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            RawHttp.send(c, postHead(body.length));
            RawHttp.send(c, new byte[] {body[0]});
            // the next byte would come 20 s later; the answer comes at the deadline, long before that
            Answer a = RawHttp.read(c.getInputStream());
            long took = millisSince(t0);
            assertRefused(a, 408, "RequestTimeout");
            assertTrue(took >= READ_TIMEOUT.toMillis() - 100 && took < 15_000, "answered after " + took + " ms");
            assertTrue(RawHttp.closedByServer(c));
            assertEquals(before, contacts(s));
        }
    }

    @Test
    void headersTrickledAByteASecondAreCutOffAtTheDeadline() throws Exception {
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), Limits.defaults().withReadTimeout(READ_TIMEOUT));
             Socket c = RawHttp.connect(s.port())) {
            long t0 = System.nanoTime();
            RawHttp.send(c, "GET " + CONTACTS + " HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            // never idle long enough for the keep-alive timeout, never finishing the headers
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<Answer> answer = reader.submit(() -> RawHttp.read(c.getInputStream()));
                int sent = 0;
                while (!answer.isDone() && sent < 20 && RawHttp.trySend(c, new byte[] {'x'})) {
                    sent++;
                    Thread.sleep(1000); // the pace of the client is what this test is about
                }
                assertRefused(answer.get(30, TimeUnit.SECONDS), 408, "RequestTimeout");
            } finally {
                reader.shutdownNow();
            }
            long took = millisSince(t0);
            assertTrue(took >= READ_TIMEOUT.toMillis() - 100 && took < READ_TIMEOUT.toMillis() + 3000, "answered after " + took + " ms");
            assertTrue(RawHttp.closedByServer(c));
            // a keep-alive connection that waits between requests is not a slow one
            try (Socket k = RawHttp.connect(s.port())) {
                assertEquals(200, RawHttp.exchange(k, RawHttp.request("GET", CONTACTS, null)).status());
                Thread.sleep(READ_TIMEOUT.toMillis() + 500); // idle past the deadline, between two requests
                assertEquals(200, RawHttp.exchange(k, RawHttp.request("GET", CONTACTS, null)).status());
            }
        }
    }

    @Test
    void aLargeBodyOnASlowButSteadyLinkEarnsTime() throws Exception {
        // 2 s for any body, plus one second per 1000 bytes: 6000 bytes sent over 3 s arrive in time
        Limits limits = new Limits(Limits.DEFAULT_MAX_BODY, Duration.ofSeconds(2), 1000, Limits.DEFAULT_MAX_HEADER_BYTES,
                Limits.DEFAULT_WORKERS, Limits.DEFAULT_QUEUE, 0, Limits.DEFAULT_MAX_BUFFERED);
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), limits); Socket c = RawHttp.connect(s.port())) {
            String padded = contact("Steady").replace("<content/>", "<content/><!--" + "x".repeat(6000) + "-->");
            byte[] body = padded.getBytes(StandardCharsets.UTF_8);
            RawHttp.send(c, postHead(body.length));
            long t0 = System.nanoTime();
            int step = body.length / 4 + 1;
            for (int off = 0; off < body.length; off += step) {
                if (off > 0) Thread.sleep(1000); // the pace of the link is what this test is about
                RawHttp.send(c, java.util.Arrays.copyOfRange(body, off, Math.min(body.length, off + step)));
            }
            Answer a = RawHttp.read(c.getInputStream());
            assertTrue(millisSince(t0) > 2000, "the body took longer than the plain read timeout");
            assertEquals(201, a.status(), a::toString);
            Reply stored = Http.get(s.base() + "/contacts?where=lastName%20eq%20'Steady'");
            assertEquals("1", stored.xml().text("/a:feed/opensearch:totalResults"), stored::toString);
        }
    }

    @Test
    void bodiesBeyondTheMemoryBudgetAre503AtOnceAndTheRoomComesBack() throws Exception {
        Limits limits = Limits.defaults().withMaxBody(64 * 1024).withMaxBuffered(100 * 1024).withReadTimeout(READ_TIMEOUT);
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), limits)) {
            int before = contacts(s);
            byte[] big = contact("Big").replace("<content/>", "<content/><!--" + "x".repeat(60_000) + "-->")
                    .getBytes(StandardCharsets.UTF_8);
            try (Socket holder = RawHttp.connect(s.port())) {
                // one slow body holds 60 KB of the 100 KB
                RawHttp.send(holder, postHead(big.length));
                RawHttp.send(holder, java.util.Arrays.copyOf(big, 10));
                long held = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (s.load().bufferedBytes() < big.length && System.nanoTime() < held) Thread.sleep(10); // the server's own count
                assertEquals(big.length, s.load().bufferedBytes(), "the slow body holds its room");
                try (Socket second = RawHttp.connect(s.port())) {
                    long t0 = System.nanoTime();
                    RawHttp.send(second, postHead(big.length));
                    Answer a = RawHttp.read(second.getInputStream());
                    assertRefused(a, 503, "ServerBusy");
                    assertEquals("1", a.header("Retry-After"));
                    assertTrue(millisSince(t0) < 2000, "answered at once");
                    assertTrue(RawHttp.closedByServer(second));
                }
                // a smaller body still fits beside it
                Reply small = Http.post(s.base() + "/contacts", contact("Small"));
                assertEquals(201, small.status(), small::toString);
            }
            // the holder went away: its room comes back (the server notices the close a moment later)
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Reply again = null;
            do {
                try {
                    again = Http.post(s.base() + "/contacts", new String(big, StandardCharsets.UTF_8));
                } catch (IllegalStateException closedWhileSending) {
                    // still refused: the server answered 503 and closed before the client had sent the whole body,
                    // and the client saw the broken pipe rather than the answer
                    again = null;
                }
            } while ((again == null || again.status() == 503) && System.nanoTime() < until);
            assertNotNull(again, "the big body is taken again once the holder is gone");
            assertEquals(201, again.status(), again::toString);
            assertEquals(before + 2, contacts(s), "the refused and the abandoned bodies stored nothing");
        }
    }

    @Test
    void declaredLengthsOverTheLimitAre413BeforeAnyBodyByte() throws Exception {
        try (TestServer s = TestServer.start(backend())) {
            int before = contacts(s);
            for (long length : new long[] {1L << 31, 10L * 1000 * 1000 * 1000}) {
                try (Socket c = RawHttp.connect(s.port())) {
                    long t0 = System.nanoTime();
                    RawHttp.send(c, postHead(0).replace("Content-Length: 0", "Content-Length: " + length));
                    Answer a = RawHttp.read(c.getInputStream());
                    assertRefused(a, 413, "PayloadTooLarge");
                    assertTrue(millisSince(t0) < 2000, "answered at once, without waiting for the body");
                    assertTrue(RawHttp.closedByServer(c), "the connection is closed: its body cannot be skipped");
                }
            }
            assertEquals(before, contacts(s));
        }
    }

    @Test
    void anEndlessChunkedBodyIsCutOffAtTheLimit() throws Exception {
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), Limits.defaults().withMaxBody(64 * 1024));
             Socket c = RawHttp.connect(s.port())) {
            int before = contacts(s);
            RawHttp.send(c, "POST " + CONTACTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/atom+xml;type=entry\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = ("2000\r\n" + "<".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                // chunks without end, until the server stops taking them (10,000 of them is 80 MB, far past the limit)
                Future<Integer> chunks = writer.submit(() -> {
                    int n = 0;
                    while (n < 10_000 && RawHttp.trySend(c, chunk)) n++;
                    return n;
                });
                assertRefused(RawHttp.read(c.getInputStream()), 413, "PayloadTooLarge");
                assertTrue(chunks.get(60, TimeUnit.SECONDS) < 10_000, "the server stopped reading");
            } finally {
                writer.shutdownNow();
            }
            assertEquals(before, contacts(s));
        }
    }

    /**
     * A client that sends its whole body before it reads (most do, a body at a time) still gets its 413: the server
     * reads and drops the rest of a refused body before it closes. Closing with those bytes unread made the kernel
     * reset the connection, and the client lost the answer it had been sent.
     */
    @Test
    void aClientSendingTheWholeRefusedBodyStillReadsItsAnswer() throws Exception {
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), Limits.defaults().withMaxBody(4096))) {
            int before = contacts(s);
            // more than the kernel buffers on both sides take, so that the client is still sending when the answer comes
            byte[] body = contact("L" + "x".repeat(900_000)).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 10; i++) {
                boolean chunked = i % 2 == 1;
                try (Socket c = RawHttp.connect(s.port())) {
                    if (chunked) {
                        RawHttp.send(c, "POST " + CONTACTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/atom+xml;type=entry\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n");
                        for (int at = 0; at < body.length; at += 8192) {
                            int n = Math.min(8192, body.length - at);
                            RawHttp.send(c, (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            RawHttp.send(c, java.util.Arrays.copyOfRange(body, at, at + n));
                            RawHttp.send(c, "\r\n");
                        }
                        RawHttp.send(c, "0\r\n\r\n");
                    } else {
                        RawHttp.send(c, postHead(body.length));
                        RawHttp.send(c, body);
                    }
                    assertRefused(RawHttp.read(c.getInputStream()), 413, "PayloadTooLarge");
                    assertTrue(RawHttp.closedByServer(c), "the connection is closed after the answer");
                }
            }
            assertEquals(before, contacts(s), "nothing of the refused bodies was stored");
        }
    }

    /** The rest of a refused body is read for a few seconds at most: a client that stops sending is cut off. */
    @Test
    void aRefusedBodyThatStopsComingIsCutOff() throws Exception {
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), Limits.defaults().withMaxBody(4096));
             Socket c = RawHttp.connect(s.port())) {
            int before = contacts(s);
            RawHttp.send(c, postHead(100_000));
            RawHttp.send(c, "<entry");
            assertRefused(RawHttp.read(c.getInputStream()), 413, "PayloadTooLarge");
            long t0 = System.nanoTime();
            assertTrue(RawHttp.closedByServer(c), "the connection is closed");
            long took = millisSince(t0);
            assertTrue(took < 10_000, "closed " + took + " ms after the answer");
            assertEquals(before, contacts(s));
        }
    }

    @Test
    void bothLengthHeadersAreRefusedAndTheConnectionClosed() throws Exception {
        try (TestServer s = TestServer.start(backend())) {
            int before = contacts(s);
            String body = contact("Smuggled");
            String hex = Integer.toHexString(body.getBytes(StandardCharsets.UTF_8).length);
            for (String order : new String[] {"Content-Length: 5\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked\r\nContent-Length: 5"}) {
                try (Socket c = RawHttp.connect(s.port())) {
                    RawHttp.send(c, "POST " + CONTACTS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/atom+xml;type=entry\r\n"
                            + order + "\r\n\r\n" + hex + "\r\n" + body + "\r\n0\r\n\r\n");
                    assertRefused(RawHttp.read(c.getInputStream()), 400, "AmbiguousMessageLength");
                    assertTrue(RawHttp.closedByServer(c));
                }
            }
            assertEquals(before, contacts(s));
        }
    }

    @Test
    void oversizedHeadersAndRequestLinesAre431And414() throws Exception {
        try (TestServer s = TestServer.start(backend())) {
            try (Socket c = RawHttp.connect(s.port())) {
                Answer a = RawHttp.exchange(c, RawHttp.request("GET", CONTACTS, null, "X-Padding: " + "p".repeat(64 * 1024)));
                assertRefused(a, 431, "HeadersTooLarge");
                assertTrue(RawHttp.closedByServer(c));
            }
            try (Socket c = RawHttp.connect(s.port())) {
                Answer a = RawHttp.exchange(c, RawHttp.request("GET", CONTACTS + "?where=" + "a".repeat(64 * 1024), null));
                assertRefused(a, 414, "UriTooLong");
                assertTrue(RawHttp.closedByServer(c));
            }
            try (Socket c = RawHttp.connect(s.port())) {
                StringBuilder many = new StringBuilder();
                for (int i = 0; i < 200; i++) many.append("X-H").append(i).append(": 1\r\n");
                Answer a = RawHttp.exchange(c, "GET " + CONTACTS + " HTTP/1.1\r\nHost: localhost\r\n" + many + "\r\n");
                assertRefused(a, 431, "HeadersTooLarge");
            }
            // the server goes on serving
            assertEquals(200, Http.get(s.base() + "/contacts").status());
        }
    }

    @Test
    void unknownDollarSegmentsAre404AndReservedOnesNotBuiltAre501() {
        try (TestServer s = TestServer.start(backend())) {
            Refusals.refused(Http.get(s.base() + "/$foo"), 404, "ResourceKindNotFound");
            Refusals.application(Http.get(s.base() + "/contacts/$foo"), 404, "UnknownSegment");
            Refusals.application(Http.get(s.base() + "/contacts/$queries"), 501, "NotImplemented");
            assertFalse(Http.get(s.base() + "/$service").status() == 404, "a reserved segment is not unknown");
        }
    }
}
