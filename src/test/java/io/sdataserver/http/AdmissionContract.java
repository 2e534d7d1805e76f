package io.sdataserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.http.gate.Limits;
import io.sdataserver.http.gate.RequestGate;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.RawHttp;
import io.sdataserver.testsupport.RawHttp.Answer;
import io.sdataserver.testsupport.TestServer;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Admission control (issue 8): when every worker is stuck in slow database work and the queue is full, further
 * requests get 503 with Retry-After and a diagnosis at once instead of hanging, and the server recovers when the
 * database does. The slow work is real: a transaction of the test's own holds the rows the workers want to write.
 */
abstract class AdmissionContract {
    static final int WORKERS = 2;
    static final int QUEUE = 2;

    abstract Backend backend();

    /** The database URL; on H2 a lock wait that outlasts the test, as PostgreSQL's does by default. */
    String databaseUrl() {
        String url = backend().newDatabaseUrl();
        return backend() == Backend.H2 ? url + ";LOCK_TIMEOUT=60000" : url;
    }

    @Test
    void busyWorkersAndAFullQueueAnswer503AtOnceAndTheServerRecovers() throws Exception {
        String url = databaseUrl();
        try (TestServer s = TestServer.start(url, Limits.defaults().withWorkers(WORKERS, QUEUE))) {
            Reply created = Http.post(s.base() + "/contacts", SlowClientsContract.contact("Locked"));
            assertEquals(201, created.status(), created::toString);
            String contact = created.header("Location");
            String etag = created.header("ETag");
            ExecutorService clients = Executors.newFixedThreadPool(WORKERS + QUEUE);
            List<Future<Reply>> writes = new ArrayList<>();
            try (Connection db = DriverManager.getConnection(url)) {
                db.setAutoCommit(false);
                try (Statement st = db.createStatement(); ResultSet rows = st.executeQuery("SELECT * FROM \"sd_mycontract_contact\" FOR UPDATE")) {
                    assertTrue(rows.next(), "the contact's row is locked");
                }
                // conditional writes to the locked row take both workers and both places in the queue
                for (int i = 0; i < WORKERS + QUEUE; i++) {
                    String body = SlowClientsContract.contact("Written " + i);
                    writes.add(clients.submit(() -> Http.put(contact, body, "If-Match", etag)));
                    // one at a time, so that each is on a worker or in the queue before the next is sent
                    int admitted = i + 1;
                    awaitLoad(s, () -> s.load().running() + s.load().waiting() == admitted);
                }
                assertEquals(WORKERS, s.load().running());
                assertEquals(QUEUE, s.load().waiting());
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    Reply r = i % 2 == 0 ? Http.get(contact) : Http.get(s.base() + "/contacts");
                    assertBusy(r);
                    assertTrue(SlowClientsContract.millisSince(t0) < 1000, "answered at once: " + SlowClientsContract.millisSince(t0) + " ms");
                }
                for (Future<Reply> w : writes) assertFalse(w.isDone(), "the writes wait on the database");
                db.rollback(); // the database is fast again
            }
            // one write wins; the others were made against the same ETag and are stale now (no lost update)
            int ok = 0;
            String winner = null;
            for (int i = 0; i < writes.size(); i++) {
                Reply r = writes.get(i).get(60, TimeUnit.SECONDS);
                assertTrue(r.status() == 200 || r.status() == 412, r::toString);
                if (r.status() == 200) {
                    ok++;
                    winner = "Written " + i;
                }
            }
            clients.shutdown();
            assertEquals(1, ok, "exactly one conditional write wins");
            // recovered: ordinary requests are served again, and the winner is the stored state
            Reply after = Http.get(contact);
            assertEquals(200, after.status(), after::toString);
            assertEquals(winner, after.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"), after::toString);
            assertEquals(200, Http.get(s.base() + "/contacts").status());
            awaitLoad(s, () -> s.load().equals(new RequestGate.Load(0, 0, 0))); // a worker finishes just after its answer
        }
    }

    private static void awaitLoad(TestServer s, java.util.function.BooleanSupplier reached) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!reached.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "the server's load did not reach the expected state: " + s.load());
            Thread.sleep(10); // polling the server's own counters
        }
    }

    private static void assertBusy(Reply r) {
        assertEquals(503, r.status(), r::toString);
        assertEquals("1", r.header("Retry-After"), r::toString);
        assertEquals("transient", r.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:severity"), r::toString);
        assertEquals(1, r.xml().count("/sdata:diagnoses/sdata:diagnosis"), r::toString);
        assertEquals("ApplicationDiagnosis", r.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:sdataCode"), r::toString);
        assertEquals("ServerBusy", r.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:applicationCode"), r::toString);
    }

    @Test
    void connectionsPerClientAreCappedWhenConfigured() throws Exception {
        try (TestServer s = TestServer.start(backend().newDatabaseUrl(), Limits.defaults().withMaxConnectionsPerClient(3))) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket c = RawHttp.connect(s.port());
                    open.add(c);
                    assertEquals(200, RawHttp.exchange(c, RawHttp.request("GET", SlowClientsContract.CONTACTS, null)).status());
                }
                try (Socket fourth = RawHttp.connect(s.port())) {
                    Answer a = RawHttp.read(fourth.getInputStream());
                    SlowClientsContract.assertRefused(a, 503, "TooManyConnections");
                    assertEquals("1", a.header("Retry-After"));
                    assertTrue(RawHttp.closedByServer(fourth));
                }
                // one closes: a new connection is served again (the server notices the close a moment later)
                open.remove(0).close();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                int status;
                do {
                    try (Socket c = RawHttp.connect(s.port())) {
                        status = RawHttp.exchange(c, RawHttp.request("GET", SlowClientsContract.CONTACTS, null)).status();
                    }
                } while (status == 503 && System.nanoTime() < until);
                assertEquals(200, status);
            } finally {
                for (Socket c : open) c.close();
            }
        }
    }
}
