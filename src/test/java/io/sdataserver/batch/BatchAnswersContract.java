package io.sdataserver.batch;

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
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch's answers are written a chunk at a time while the next chunk runs: across chunks every answer still comes
 * in the request's order, and answers that embed a referenced resource (read as they are written) carry its data.
 */
abstract class BatchAnswersContract {
    /** More than two chunks of entries, so that answers are written while later chunks run. */
    private static final int ORDERS = 250;

    abstract Backend backend();

    @Test
    void answersOfManyChunksComeInOrderAndEmbeddedReferencesCarryTheirData() {
        try (TestServer s = TestServer.start(backend())) {
            String b = s.base();
            for (int k = 0; k < 3; k++) {
                Reply c = Http.post(b + "/contacts", Entries.entry(BatchContract.contact("sdata:key=\"K" + k + "\"", "Embedded " + k)));
                assertEquals(201, c.status(), c::toString);
            }
            List<String> creates = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) creates.add(op("POST", null, null, order(i, "Order " + i)));
            Reply created = post(b + "/salesOrders/$batch", feed(creates.toArray(new String[0])));
            assertEquals(200, created.status(), created::toString);
            Xml c = created.xml();
            assertEquals(ORDERS, c.count("/a:feed/a:entry"));
            List<String> urls = new ArrayList<>();
            List<String> etags = new ArrayList<>();
            for (int i = 1; i <= ORDERS; i++) {
                assertEquals("201", status(c, i));
                assertEquals("Order " + (i - 1), c.text("/a:feed/a:entry[" + i + "]/sdata:payload/c:salesOrder/c:comment"),
                        "answer " + i + " is that of entry " + i);
                urls.add(c.text("/a:feed/a:entry[" + i + "]/http:location"));
                etags.add(c.text("/a:feed/a:entry[" + i + "]/http:etag"));
            }

            // every other update asks for its contact embedded, which its answer reads as it is written
            List<String> updates = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                updates.add(op("PUT", urls.get(i) + (i % 2 == 0 ? "?include=contact" : ""), etags.get(i), order(i, "Changed " + i)));
            }
            Reply updated = post(b + "/salesOrders/$batch", feed(updates.toArray(new String[0])));
            assertEquals(200, updated.status(), updated::toString);
            Xml u = updated.xml();
            assertEquals(ORDERS, u.count("/a:feed/a:entry"));
            for (int i = 1; i <= ORDERS; i++) {
                String o = "/a:feed/a:entry[" + i + "]/sdata:payload/c:salesOrder";
                assertEquals("200", status(u, i), () -> updated.body());
                assertEquals("Changed " + (i - 1), u.text(o + "/c:comment"));
                String contact = "K" + ((i - 1) % 3);
                assertEquals(contact, u.text(o + "/c:contact/@sdata:key"));
                if ((i - 1) % 2 == 0) {
                    assertEquals("Embedded " + ((i - 1) % 3), u.text(o + "/c:contact/c:lastName"), "answer " + i + " embeds its contact");
                } else {
                    assertEquals(0, u.count(o + "/c:contact/c:lastName"), "answer " + i + " links its contact only");
                }
                Reply now = Http.get(urls.get(i - 1));
                assertEquals("Changed " + (i - 1), now.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"));
                assertEquals(u.text("/a:feed/a:entry[" + i + "]/http:etag"), now.etag());
            }
            assertTrue(updated.body().endsWith("</feed>"), "the answer feed is complete");
        }
    }

    private static String order(int i, String comment) {
        return Entries.resource("salesOrder", "", "<comment>" + comment + "</comment><contact sdata:key=\"K" + (i % 3) + "\"/>");
    }
}
