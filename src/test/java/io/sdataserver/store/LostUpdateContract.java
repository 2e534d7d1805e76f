package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * No lost update (§9.3): clients doing read-modify-write increments with If-Match, retrying on 412, end with the
 * counter equal to the number of 200 answers, whatever the interleaving. The race is certain, not left to timing:
 * every client reads the order before any of them writes, so all first PUTs carry the same ETag and all but one of
 * them must be refused with 412.
 */
abstract class LostUpdateContract {
    static final int CLIENTS = 8;
    static final int INCREMENTS = 200;

    abstract Backend backend();

    /** Creates the contact and the order the clients increment; returns the order's path below the dataset. */
    static String createOrder(String base) {
        Reply contact = Http.post(base + "/contacts", entry(resource("contact", "", "<lastName>Counter</lastName>")));
        assertEquals(201, contact.status(), contact::toString);
        String contactKey = contact.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
        Reply order = Http.post(base + "/salesOrders", entry(resource("salesOrder", "",
                "<contact sdata:key=\"" + contactKey + "\"/><revision>0</revision>")));
        assertEquals(201, order.status(), order::toString);
        return "/salesOrders('" + order.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key") + "')";
    }

    /**
     * Runs the clients; client i talks to bases[i % bases.length]. Each reads the order, then waits until all have
     * read before its first PUT. Returns {200 answers, 412 answers}; any other status fails the run.
     */
    static long[] run(String[] bases, String path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CyclicBarrier allHaveRead = new CyclicBarrier(CLIENTS);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String url = bases[i % bases.length] + path;
                results.add(pool.submit(() -> increment(url, allHaveRead)));
            }
            long ok = 0;
            long conflicts = 0;
            for (Future<long[]> f : results) {
                long[] r = f.get(10, TimeUnit.MINUTES);
                ok += r[0];
                conflicts += r[1];
            }
            return new long[] {ok, conflicts};
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[] increment(String url, CyclicBarrier allHaveRead) throws Exception {
        long ok = 0;
        long conflicts = 0;
        Reply current = Http.get(url);
        // nobody writes before everyone has read: the first PUTs all send the ETag of revision 0
        allHaveRead.await(1, TimeUnit.MINUTES);
        while (ok < INCREMENTS) {
            assertEquals(200, current.status(), current::toString);
            int revision = Integer.parseInt(current.xml().text("/a:entry/sdata:payload/c:salesOrder/c:revision"));
            Reply put = Http.put(url, entry(resource("salesOrder", "", "<revision>" + (revision + 1) + "</revision>")),
                    "If-Match", current.header("ETag"));
            if (put.status() == 200) {
                ok++;
                current = put; // the 200 carries the new state and ETag: no re-read needed
            } else if (put.status() == 412) {
                conflicts++;
                current = new Reply(200, put.raw()); // the 412 carries the current entry (CONC-8): retry from it
            } else {
                throw new AssertionError("unexpected answer " + put);
            }
        }
        return new long[] {ok, conflicts};
    }

    static void assertNoLostUpdate(String readBase, String path, long[] result) {
        Reply end = Http.get(readBase + path);
        assertEquals(200, end.status(), end::toString);
        int revision = Integer.parseInt(end.xml().text("/a:entry/sdata:payload/c:salesOrder/c:revision"));
        assertEquals(result[0], revision, "the counter equals the number of 200 answers: no update was lost");
        // the clients did race: of the first PUTs, all sent with the same ETag, only one can win
        assertTrue(result[1] >= CLIENTS - 1, "at least " + (CLIENTS - 1) + " PUTs refused with 412, got " + result[1]);
    }
}
