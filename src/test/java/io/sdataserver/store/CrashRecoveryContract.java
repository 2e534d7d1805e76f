package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.ServerProcess;
import io.sdataserver.testsupport.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed (SIGKILL) in the middle of a stream of tree updates, then restarted on the same
 * database: every update answered 200/201 is there, and no order is half-updated. Each update rewrites the order's
 * comment and every line's quantity to the same version number and appends one line, so an order read after the
 * restart is whole exactly when all of these agree.
 */
abstract class CrashRecoveryContract {
    private static final String SO = "/a:entry/sdata:payload/c:salesOrder";

    abstract String databaseUrl();

    /** An order as the client last saw it acknowledged. */
    private static final class Order {
        final String url;
        String etag;
        int version;          // last acknowledged version
        final List<String> lineUuids = new ArrayList<>();

        Order(String url) { this.url = url; }
    }

    @Test
    void everyAcknowledgedUpdateSurvivesAKillAndNoneIsHalfApplied() throws Exception {
        String db = databaseUrl();
        Map<String, Order> orders = new LinkedHashMap<>();
        int[] inFlightIndex = {-1};
        ServerProcess server = ServerProcess.start("--port", "0", "--db", db);
        String contact;
        try {
            Reply c = Http.post(server.base() + "/contacts", entry(resource("contact", "", "<lastName>Crash</lastName>")));
            assertEquals(201, c.status(), c::toString);
            contact = c.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
            AtomicBoolean killed = new AtomicBoolean();
            ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
            killer.schedule(() -> { killed.set(true); server.kill(); }, 2500, TimeUnit.MILLISECONDS);
            try {
                int round = 0;
                while (!killed.get()) {
                    round++;
                    if (orders.size() < 6) {
                        Order o = create(server.base(), contact);
                        if (o == null) break;
                        orders.put(o.url, o);
                        continue;
                    }
                    Order o = new ArrayList<>(orders.values()).get(round % orders.size());
                    if (!update(o)) break;
                }
            } finally {
                killer.shutdownNow();
                server.kill();
            }
        } finally {
            server.kill();
        }
        assertTrue(orders.size() >= 1, "the stream had started before the kill");
        int updates = orders.values().stream().mapToInt(o -> o.version).sum();
        assertTrue(updates > 0, "some updates were acknowledged before the kill");

        try (ServerProcess again = ServerProcess.start("--port", "0", "--db", db)) {
            for (Order o : orders.values()) {
                String url = o.url.replaceFirst("http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:" + again.port());
                Reply r = Http.get(url + "?include=orderLines");
                assertEquals(200, r.status(), () -> "an acknowledged create is lost: " + url);
                Xml x = r.xml();
                int version = Integer.parseInt(x.text(SO + "/c:comment").substring(1));
                // the update in flight at the kill may have committed without its answer reaching the client
                assertTrue(version == o.version || version == o.version + 1,
                        "acknowledged version " + o.version + ", found " + version + " at " + url);
                int lines = x.count(SO + "/c:orderLines/c:salesOrderLine");
                assertEquals(3 + version, lines, "lines of version " + version + " at " + url);
                for (int i = 1; i <= lines; i++) {
                    assertEquals(String.valueOf(version), x.text(SO + "/c:orderLines/c:salesOrderLine[" + i + "]/c:orderQty"),
                            "a half-applied update at " + url);
                }
            }
        }
    }

    /** Creates an order with three lines at version 0; null when the server went away. */
    private static Order create(String base, String contact) {
        StringBuilder lines = new StringBuilder("<comment>v0</comment><orderLines>");
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String u = UUID.randomUUID().toString();
            uuids.add(u);
            lines.append("<salesOrderLine sdata:uuid=\"").append(u).append("\"><orderQty>0</orderQty></salesOrderLine>");
        }
        lines.append("</orderLines><contact sdata:key=\"").append(contact).append("\"/>");
        Reply r = send(() -> Http.post(base + "/salesOrders", entry(resource("salesOrder", "", lines.toString()))));
        if (r == null) return null;
        assertEquals(201, r.status(), r::toString);
        Order o = new Order(r.header("Location"));
        o.etag = r.header("ETag");
        o.lineUuids.addAll(uuids);
        return o;
    }

    /** The next version: comment, every line's quantity, one more line. False when the server went away. */
    private static boolean update(Order o) {
        int next = o.version + 1;
        String added = UUID.randomUUID().toString();
        StringBuilder inner = new StringBuilder("<comment>v" + next + "</comment><orderLines>");
        for (String u : o.lineUuids) {
            inner.append("<salesOrderLine sdata:uuid=\"").append(u).append("\"><orderQty>").append(next).append("</orderQty></salesOrderLine>");
        }
        inner.append("<salesOrderLine sdata:uuid=\"").append(added).append("\"><orderQty>").append(next).append("</orderQty></salesOrderLine>");
        inner.append("</orderLines>");
        Reply r = send(() -> Http.put(o.url, entry(resource("salesOrder", "", inner.toString())), "If-Match", o.etag));
        if (r == null) return false;
        assertEquals(200, r.status(), r::toString);
        o.version = next;
        o.etag = r.header("ETag");
        o.lineUuids.add(added);
        return true;
    }

    /** A request that may meet the kill: no answer is null, never an acknowledgement. */
    private static Reply send(java.util.function.Supplier<Reply> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
