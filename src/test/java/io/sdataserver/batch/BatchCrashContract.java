package io.sdataserver.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.RawHttp;
import io.sdataserver.testsupport.ServerProcess;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An atomic batch is all or nothing even when the server process is killed (SIGKILL) while it runs: after a
 * restart on the same database, either every entry of the batch is there or none is. The kill comes at a random
 * moment within the time a whole batch takes, measured first on an undisturbed run.
 */
abstract class BatchCrashContract {
    static final int ENTRIES = 1500;

    abstract String databaseUrl();

    abstract int rounds();

    private static String batch(String marker) {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < ENTRIES; i++) {
            ops.append(BatchContract.op("POST", null, null, BatchContract.contact("", marker)));
        }
        return BatchContract.feed(ops.toString());
    }

    private static long applied(ServerProcess s, String marker) {
        String total = Http.get(s.base() + "/contacts?count=1&where=lastName%20eq%20'" + marker.replace(" ", "%20") + "'")
                .xml().text("/a:feed/opensearch:totalResults");
        return Long.parseLong(total);
    }

    @Test
    void anAtomicBatchKilledWhileItRunsIsAppliedWholeOrNotAtAll() throws Exception {
        String db = databaseUrl();
        Random random = new Random();
        long took;
        ServerProcess server = ServerProcess.start("--port", "0", "--db", db, "--batch-max-entries", "5000");
        try {
            long t0 = System.nanoTime();
            assertEquals(200, BatchContract.post(server.base() + "/contacts/$batch?atomic=true", batch("Undisturbed")).status());
            took = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
            assertEquals(ENTRIES, applied(server, "Undisturbed"));
        } finally {
            server.kill();
        }
        int whole = 0;
        for (int round = 1; round <= rounds(); round++) {
            String marker = "Round " + round;
            server = ServerProcess.start("--port", "0", "--db", db, "--batch-max-entries", "5000");
            try (Socket c = RawHttp.connect(server.port())) {
                byte[] body = batch(marker).getBytes(StandardCharsets.UTF_8);
                RawHttp.send(c, "POST /sdata/myApp/myContract/-/contacts/$batch?atomic=true HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/atom+xml; type=feed\r\nContent-Length: " + body.length + "\r\n\r\n");
                RawHttp.send(c, body);
                Thread.sleep(random.nextInt((int) Math.min(took, Integer.MAX_VALUE)) + 1); // a random moment of the run
            } finally {
                server.kill();
            }
            server = ServerProcess.start("--port", "0", "--db", db);
            try {
                long n = applied(server, marker);
                assertTrue(n == 0 || n == ENTRIES, marker + ": " + n + " of " + ENTRIES + " entries were applied");
                if (n == ENTRIES) whole++;
            } finally {
                server.kill();
            }
        }
        System.err.println("[BatchCrash] " + whole + " of " + rounds() + " killed batches had committed before the kill");
    }
}
