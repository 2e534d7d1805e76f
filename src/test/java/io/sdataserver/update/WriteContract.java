package io.sdataserver.update;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Create and update semantics (§8, §9; checklist sections 19-22) against the running server: idempotent creates,
 * child and association lists, references, property URLs, validation. Each test makes its own data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WriteContract {
    private TestServer server;
    String b;
    String contact;

    abstract Backend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        b = server.base();
        Reply c = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>Writer</lastName>")));
        assertEquals(201, c.status(), c::toString);
        contact = c.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    String order(String attrs, String inner) {
        return entry(resource("salesOrder", attrs, inner + "<contact sdata:key=\"" + contact + "\"/>"));
    }

    long countWhere(String where) {
        Reply r = Http.get(b + "/salesOrders?count=0&where=" + enc(where));
        assertEquals(200, r.status(), r::toString);
        return Long.parseLong(r.xml().text("/a:feed/opensearch:totalResults"));
    }

    // ---------------------------------------------------------------- CRE-5: a create sent again

    @Test
    void aCreateSentAgainWithItsUuidCreatesNothingNew() {
        String uuid = UUID.randomUUID().toString();
        String body = order("sdata:uuid=\"" + uuid + "\"", "<comment>first</comment>");
        Reply first = Http.post(b + "/salesOrders", body);
        assertEquals(201, first.status(), first::toString);
        Reply again = Http.post(b + "/salesOrders", order("sdata:uuid=\"" + uuid + "\"", "<comment>second</comment>"));
        assertEquals(201, again.status(), again::toString);
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals("first", again.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"), "the stored resource answers");
        assertEquals(1, countWhere("$uuid eq '" + uuid + "'"));
    }

    @Test
    void copiesOfOneCreateRacingMakeOneResource() throws Exception {
        String uuid = UUID.randomUUID().toString();
        String body = order("sdata:uuid=\"" + uuid + "\"", "<comment>race</comment>");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) replies.add(pool.submit(() -> Http.post(b + "/salesOrders", body)));
            Set<String> locations = new HashSet<>();
            for (Future<Reply> f : replies) {
                Reply r = f.get();
                assertEquals(201, r.status(), r::toString);
                locations.add(r.header("Location"));
            }
            assertEquals(1, locations.size(), "every copy is answered with the one resource");
        } finally {
            pool.shutdown();
        }
        assertEquals(1, countWhere("$uuid eq '" + uuid + "'"));
    }
}
