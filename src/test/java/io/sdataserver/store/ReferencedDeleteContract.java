package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
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
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("Conflict", refused.xml().text("//sdata:applicationCode"), refused::toString);
            Reply overridden = Http.post(b + "/contacts('C1')", null, "X-HTTP-Method-Override", "DELETE");
            assertEquals(400, overridden.status(), "the same answer through the override: " + overridden);
            assertTrue(refused.xml().text("//sdata:message").contains("salesOrder"), refused::toString);
            assertEquals(200, Http.get(b + "/contacts('C1')").status(), "nothing was deleted");

            Reply repoint = Http.put(orderUrl, entry(resource("salesOrder", "", "<contact sdata:key=\"C2\"/>")), "If-Match", order.header("ETag"));
            assertEquals(200, repoint.status(), repoint::toString);
            assertEquals(200, Http.delete(b + "/contacts('C1')").status(), "no longer referenced");
            assertEquals("C2", Http.get(orderUrl).xml().text("/a:entry/sdata:payload/c:salesOrder/c:contact/@sdata:key"));
        }
    }
}
