package io.sdataserver.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.ServerProcess;
import io.sdataserver.testsupport.Xml;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous batches across server processes: a job posted to one process is polled to its answer on another
 * sharing the database; and a job whose process is killed (SIGKILL) while it runs is reported truthfully after a
 * restart: the entries that ran with their statuses, exactly as many as the database holds, and 503 for the rest.
 */
abstract class AsyncBatchProcessesContract {
    static final int ENTRIES = 4000;

    abstract String databaseUrl();

    private static String creates(String marker, int n) {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < n; i++) ops.append(BatchContract.op("POST", null, null, BatchContract.contact("", marker)));
        return BatchContract.feed(ops.toString());
    }

    private static long stored(String base, String marker) {
        return Long.parseLong(Http.get(base + "/contacts?count=1&where=lastName%20eq%20'" + marker + "'").xml()
                .text("/a:feed/opensearch:totalResults"));
    }

    @Test
    void aJobPostedToOneProcessIsPolledToItsAnswerOnAnother() throws Exception {
        String db = databaseUrl();
        try (ServerProcess one = ServerProcess.start("--port", "0", "--db", db);
             ServerProcess two = ServerProcess.start("--port", "0", "--db", db)) {
            String id = UUID.randomUUID().toString();
            Reply accepted = BatchContract.post(one.base() + "/contacts/$batch?trackingID=" + id, creates("Shared", 300));
            assertEquals(202, accepted.status(), accepted::toString);
            Reply done = BatchContract.pollUntilDone(two.base() + "/contacts/$batch?trackingID=" + id);
            assertEquals(200, done.status(), done::toString);
            Xml x = done.xml();
            assertEquals(300, x.count("/a:feed/a:entry[http:httpStatus='201']"));
            assertEquals(300, stored(two.base(), "Shared"));
            assertEquals(200, Http.delete(two.base() + "/contacts/$batch?trackingID=" + id).status());
            io.sdataserver.testsupport.Refusals.application(Http.get(one.base() + "/contacts/$batch?trackingID=" + id), 404,
                    "ResourceNotFound");
            assertEquals(300, stored(one.base(), "Shared"), "forgetting the job keeps what it did");
        }
    }

    @Test
    void aJobCutShortByAKillSaysWhichEntriesRan() throws Exception {
        String db = databaseUrl();
        String id = UUID.randomUUID().toString();
        ServerProcess server = ServerProcess.start("--port", "0", "--db", db, "--batch-max-entries", "5000");
        try {
            Reply accepted = BatchContract.post(server.base() + "/contacts/$batch?trackingID=" + id, creates("Killed", ENTRIES));
            assertEquals(202, accepted.status(), accepted::toString);
            // kill once some entries are surely on disk, and before all have run. The job's own tracking says how far
            // it is, but a commit is visible to other sessions a moment before H2 has written it: only a second chunk
            // done proves the first is written, since the job starts a chunk once the previous commit has returned.
            BigDecimal twoChunks = BigDecimal.valueOf(200L * BatchRunner.CHUNK).divide(BigDecimal.valueOf(ENTRIES));
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            String phase = "";
            while (System.nanoTime() < until) {
                Reply t = Http.get(server.base() + "/contacts/$batch?trackingID=" + id);
                if (t.status() != 202) {
                    phase = "ended (" + t.status() + ")";
                    break;
                }
                phase = t.xml().text("/sdata:tracking/sdata:phase");
                if (new BigDecimal(t.xml().text("/sdata:tracking/sdata:progress")).compareTo(twoChunks) >= 0) break;
                Thread.sleep(5); // polling the job's progress
            }
            assertEquals("Running", phase, "the job was caught while running");
        } finally {
            server.kill();
        }
        try (ServerProcess restarted = ServerProcess.start("--port", "0", "--db", db)) {
            // until the killed process's silence passes, the job still looks as if it ran elsewhere
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            Reply r = Http.get(restarted.base() + "/contacts/$batch?trackingID=" + id);
            while (r.status() == 202 && System.nanoTime() < until) {
                Thread.sleep(500); // the tracking's pollingMillis
                r = Http.get(restarted.base() + "/contacts/$batch?trackingID=" + id);
            }
            assertEquals(200, r.status(), r::toString);
            Xml x = r.xml();
            assertEquals(ENTRIES, x.count("/a:feed/a:entry"), "one answer per entry, ran or not");
            long ran = x.count("/a:feed/a:entry[http:httpStatus='201']");
            long notRun = x.count("/a:feed/a:entry[http:httpStatus='503']");
            assertEquals(ENTRIES, ran + notRun, "every entry either ran (201) or did not (503)");
            assertTrue(ran >= BatchRunner.CHUNK && ran < ENTRIES, "the kill came midway, after a chunk was written: " + ran);
            assertEquals(ran, stored(restarted.base(), "Killed"), "exactly the entries reported as run are stored");
            assertEquals("NotProcessed", x.text("/a:feed/a:entry[http:httpStatus='503'][1]/sdata:diagnosis/sdata:applicationCode"));
        }
    }
}
