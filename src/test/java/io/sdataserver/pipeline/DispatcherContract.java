package io.sdataserver.pipeline;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.Assembly;
import io.sdataserver.ServerConfig;
import io.sdataserver.atom.AtomReader;
import io.sdataserver.payload.PayloadSource;
import io.sdataserver.store.StoreFault;
import io.sdataserver.service.Dataset;
import io.sdataserver.store.UnitOfWork;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher below HTTP, as a batch will use it: several operations in one unit of work commit together, and a
 * fault in any of them leaves nothing of the others. Real contracts, a real database, no HTTP.
 */
abstract class DispatcherContract {
    abstract Backend backend();

    private Assembly assembly;
    private Dataset ds;
    private Urls urls;
    private final AtomReader reader = new AtomReader();

    @BeforeEach
    void start() {
        assembly = Assembly.of(ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, backend().newDatabaseUrl()));
        ds = new Dataset("myApp", assembly.contracts().get("myContract"), "-");
        urls = new Urls("http://localhost/", "myApp", "myContract", "-");
    }

    @AfterEach
    void stop() { assembly.close(); }

    private SDataRequest request(String method, String path, String body, String... query) {
        Target target = Targets.parse(ds, SDataPath.parse(path));
        Supplier<PayloadSource> parsed = body == null ? () -> null
                : () -> reader.readEntry(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).resource();
        Map<String, List<String>> q = new java.util.HashMap<>();
        for (int i = 0; i < query.length; i += 2) q.put(query[i], List.of(query[i + 1]));
        return new SDataRequest(target, method, parsed, SDataRequest.NO_BATCH, null, null, new Query(q),
                new RequestUrl(urls.dataset() + "/" + path), urls, assembly.representation(), io.sdataserver.security.Caller.UNRESTRICTED);
    }

    private static String contact(String key, String lastName) {
        return entry(resource("contact", "sdata:key=\"" + key + "\"", "<lastName>" + lastName + "</lastName>"));
    }

    private int status(String method, String path) {
        try (Outcome o = assembly.dispatcher().dispatch(request(method, path, null))) {
            return o.status();
        }
    }

    private String feedEtag() {
        try (Outcome o = assembly.dispatcher().dispatch(request("GET", "contacts", null))) {
            assertEquals(200, o.status());
            return o.header("ETag");
        }
    }

    @Test
    void twoOperationsInOneUnitCommitTogether() {
        String before = feedEtag();
        try (UnitOfWork uow = assembly.units().begin()) {
            try (Outcome a = assembly.dispatcher().dispatch(request("POST", "contacts", contact("A1", "First")), uow)) {
                assertEquals(201, a.status());
            }
            try (Outcome b = assembly.dispatcher().dispatch(request("POST", "contacts", contact("A2", "Second")), uow)) {
                assertEquals(201, b.status());
            }
            // not visible to others before the commit
            assertEquals(404, status("GET", "contacts('A1')"));
            uow.commit();
        }
        assertEquals(200, status("GET", "contacts('A1')"));
        assertEquals(200, status("GET", "contacts('A2')"));
        assertTrue(!before.equals(feedEtag()), "the commit moved the feed ETag");
    }

    @Test
    void aFaultInTheSecondOperationLeavesNothingOfTheFirst() {
        String before = feedEtag();
        try (UnitOfWork uow = assembly.units().begin()) {
            try (Outcome a = assembly.dispatcher().dispatch(request("POST", "contacts", contact("B1", "Kept?")), uow)) {
                assertEquals(201, a.status());
            }
            // the same key again: the store refuses it, and the unit is rolled back whole
            StoreFault e = assertThrows(StoreFault.class,
                    () -> assembly.dispatcher().dispatch(request("POST", "contacts", contact("B1", "Twice")), uow));
            assertEquals(StoreFault.Reason.CONFLICT, e.reason());
            assertEquals("Conflict", e.diagnoses().get(0).applicationCode());
            // the status is the operation's: a conflict is 409 on a create, 400 on an update (UPD-22)
            assertEquals(409, assembly.dispatcher().outcomes().fault(e, "POST", urls).status());
            assertEquals(400, assembly.dispatcher().outcomes().fault(e, "PUT", urls).status());
            uow.commit(); // nothing is left to commit
        }
        assertEquals(404, status("GET", "contacts('B1')"));
        assertEquals(before, feedEtag(), "nothing changed, so the feed ETag did not move");
    }

    @Test
    void aCallerThatGivesUpRollsBackEveryOperation() {
        try (UnitOfWork uow = assembly.units().begin()) {
            for (String key : List.of("C1", "C2")) {
                try (Outcome o = assembly.dispatcher().dispatch(request("POST", "contacts", contact(key, "Dropped")), uow)) {
                    assertEquals(201, o.status());
                }
            }
            // closed without a commit
        }
        assertEquals(404, status("GET", "contacts('C1')"));
        assertEquals(404, status("GET", "contacts('C2')"));
    }

    @Test
    void aFaultOfItsOwnIsAnsweredNotThrown() {
        // dispatch(request) owns its unit: the fault becomes the outcome, with the operation's status rules
        try (Outcome o = assembly.dispatcher().dispatch(request("PUT", "contacts('nobody')", contact("nobody", "X")))) {
            assertEquals(404, o.status());
            Outcome.Diagnoses d = (Outcome.Diagnoses) o.body();
            assertEquals("ResourceNotFound", d.diagnoses().get(0).applicationCode());
        }
    }
}
