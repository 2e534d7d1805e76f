package io.sdataserver.update;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Random writes, each part of the payload drawn good or bad (wrong types, broken facets, unknown elements, missing or
 * foreign keys, nested data inside references, stray attributes), sent as PUT, POST or to a child property URL. Every
 * answer is a 2xx or a 4xx with a diagnosis, never a 5xx; a refused write leaves the order, its lines and the
 * resources it points at exactly as they were; nothing ever writes through a reference. Used by the jqwik properties
 * of {@link RandomWritesH2Test} and {@link RandomWritesPostgresTest}.
 */
final class RandomWrites {
    /**
     * The codes each operation may answer (CRE-17, UPD-22, DEL-5), plus 405 where a relationship forbids the method
     * (checklist section 28, row 26). Update and delete have no 409.
     */
    private static final Map<String, Set<Integer>> EXPECTED = Map.of(
            "POST", Set.of(201, 400, 404, 405, 409),
            "PUT", Set.of(200, 400, 404, 405, 410, 412),
            "DELETE", Set.of(200, 400, 404, 405, 410, 412));
    private static final Pattern DIAGNOSIS = Pattern.compile("<sdata:sdataCode>[A-Za-z]+</sdata:sdataCode>|\"sdataCode\":\"[A-Za-z]+\"");
    private static final Set<String> LISTS = Set.of("orderLines");

    private final TestServer server;
    private final String base;
    private final List<String> contacts = new ArrayList<>();
    private final List<String> products = new ArrayList<>();
    int refused;
    final Map<String, Integer> outcomes = new java.util.TreeMap<>();
    int accepted;

    RandomWrites(Backend backend) {
        server = TestServer.start(backend, TestServer.BUNDLED_CONTRACTS, List.of("fuzz"), -1);
        base = server.sdata() + "/myApp/myContract/fuzz";
        for (int i = 0; i < 3; i++) {
            contacts.add(created(Http.post(base + "/contacts", entry(resource("contact", "", "<lastName>C" + i + "</lastName>")))));
            products.add(created(Http.post(base + "/products", entry(resource("product", "", "<name>P" + i + "</name>")))));
        }
    }

    void close() { server.close(); }

    /**
     * Reports the outcomes and stops the server; the generator must have exercised both outcomes (at least a tenth
     * each), not only refusals.
     */
    void finish() {
        int all = accepted + refused;
        boolean both = all == 0 || (accepted * 10 >= all && refused * 10 >= all);
        System.out.println("[random writes] " + accepted + " accepted, " + refused + " refused " + outcomes);
        close();
        assertTrue(both, accepted + " accepted, " + refused + " refused " + outcomes);
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private static String created(Reply r) {
        assertEquals(201, r.status(), r::toString);
        return r.xml().text("/a:entry/sdata:payload/*/@sdata:key");
    }

    /** What a refused write must not touch: the order with its lines, every contact and product, the collection sizes. */
    private Map<String, String> snapshot(String order) {
        Map<String, String> s = new LinkedHashMap<>();
        Reply o = Http.get(order + "?include=$children");
        s.put("order", o.status() + " " + o.etag() + " " + o.body());
        for (String c : contacts) s.put("contact " + c, Http.get(base + "/contacts('" + c + "')").body());
        for (String p : products) s.put("product " + p, Http.get(base + "/products('" + p + "')").body());
        for (String kind : List.of("salesOrders", "contacts", "products")) {
            s.put(kind, Http.get(base + "/" + kind + "?count=0").xml().text("/a:feed/opensearch:totalResults"));
        }
        return s;
    }

    // ================================================================== the property

    void aWriteIsAcceptedWholeOrRefusedWithoutTrace(long seed) {
        Random r = new Random(seed);
        Gen g = new Gen(r);
        Reply made = Http.post(base + "/salesOrders", entry(resource("salesOrder", "", g.goodOrder())));
        assertEquals(201, made.status(), made::toString);
        String order = made.header("Location");
        String etag = made.etag();
        List<String> lineKeys = new ArrayList<>();
        Reply lines = Http.get(order + "/orderLines");
        int n = lines.xml().count("/a:feed/a:entry");
        for (int i = 1; i <= n; i++) lineKeys.add(lines.xml().text("/a:feed/a:entry[" + i + "]/sdata:payload/*/@sdata:key"));
        g.lineKeys = lineKeys;

        Map<String, String> before = snapshot(order);
        String what;
        Reply reply;
        boolean json = r.nextBoolean(); // the same write, spelled in Atom or in JSON
        String badTag = r.nextInt(20) == 0 ? g.pick(new String[] {"\"stale\"", "W/\"x\"", "*", "\"" + etag}) : null;
        String ifMatch = badTag != null ? badTag : etag;
        switch (r.nextInt(6)) {
            case 0: case 1: {
                String body = body(json, resource("salesOrder", g.rootAttributes(), g.order()));
                what = "PUT order If-Match " + ifMatch + " " + body;
                reply = Http.put(order, body, headers(json, "If-Match", ifMatch));
                break;
            }
            case 2: {
                String body = body(json, resource("salesOrder", g.rootAttributes(), g.order()));
                what = "POST order " + body;
                reply = Http.post(base + "/salesOrders", body, headers(json));
                break;
            }
            case 3: {
                String body = body(json, resource("salesOrderLine", g.rootAttributes(), g.line()));
                what = "POST line " + body;
                reply = Http.post(order + "/orderLines", body, headers(json, "If-Match", ifMatch));
                break;
            }
            case 4: {
                String key = g.lineKey();
                ifMatch = badTag != null ? badTag : lineETag(order, key, etag);
                String body = body(json, resource(r.nextInt(12) == 0 ? "salesOrder" : "salesOrderLine", g.rootAttributes(), g.line()));
                what = "PUT line " + key + " If-Match " + ifMatch + " " + body;
                reply = Http.put(order + "/orderLines('" + enc(key) + "')", body, headers(json, "If-Match", ifMatch));
                break;
            }
            default: {
                String key = g.lineKey();
                ifMatch = badTag != null ? badTag : lineETag(order, key, etag);
                what = "DELETE line " + key + " If-Match " + ifMatch;
                reply = Http.delete(order + "/orderLines('" + enc(key) + "')", "If-Match", ifMatch);
            }
        }
        String context = what + " -> " + reply;
        assertTrue(EXPECTED.get(what.substring(0, what.indexOf(' '))).contains(reply.status()), context);
        if (reply.status() >= 400 && reply.status() != 412) {
            assertTrue(DIAGNOSIS.matcher(reply.body()).find(), context);
        }
        Map<String, String> after = snapshot(order);
        outcomes.merge((json ? "json " : "atom ") + what.substring(0, what.indexOf(' ', what.indexOf(' ') + 1)) + " " + reply.status() + " "
                + (reply.body().contains("applicationCode>") ? reply.body().replaceAll("(?s).*?<sdata:applicationCode>([^<]*).*", "$1") : ""), 1, Integer::sum);
        if (reply.status() >= 400) {
            refused++;
            assertEquals(before, after, "a refused write left a trace: " + context);
        } else {
            accepted++;
            for (String k : before.keySet()) {
                // a write never reaches through a reference: contacts and products stay as they were
                if (k.startsWith("contact ") || k.startsWith("product ") || k.equals("contacts") || k.equals("products")) {
                    assertEquals(before.get(k), after.get(k), "written through a reference: " + context);
                }
            }
        }
    }

    /** The payload as an Atom entry, or as the JSON object a JSON client sends for it. */
    private static String body(boolean json, String resourceXml) {
        return json ? io.sdataserver.testsupport.XmlToJson.convert(resourceXml, LISTS) : entry(resourceXml);
    }

    private static String[] headers(boolean json, String... more) {
        if (!json) return more;
        String[] all = java.util.Arrays.copyOf(more, more.length + 2);
        all[more.length] = "Content-Type";
        all[more.length + 1] = "application/json";
        return all;
    }

    /** The line's own ETag (a child URL is its own resource); the order's when there is no such line. */
    private static String lineETag(String order, String key, String orderETag) {
        Reply line = Http.get(order + "/orderLines('" + enc(key) + "')");
        return line.status() == 200 ? line.etag() : orderETag;
    }

    // ================================================================== payload parts, each good or bad

    private final class Gen {
        private final Random r;
        List<String> lineKeys = List.of();

        Gen(Random r) { this.r = r; }

        <T> T pick(T[] a) { return a[r.nextInt(a.length)]; }

        /** Mostly good: a bad part is drawn with probability 1/12, so about half the writes are valid. */
        private boolean bad() { return r.nextInt(12) == 0; }

        String goodOrder() {
            return "<orderDate>2008-05-0" + (1 + r.nextInt(9)) + "</orderDate><status>Open</status><subTotal>10.50</subTotal>"
                    + "<comment>fuzz</comment><revision>1</revision><billAddress><city>Paris</city><countryCode>FR</countryCode>"
                    + "</billAddress><orderLines>" + goodLine(1) + goodLine(2) + goodLine(3) + "</orderLines>"
                    + "<contact sdata:key=\"" + contacts.get(0) + "\"/>";
        }

        private String goodLine(int i) {
            return "<salesOrderLine><lineNumber>" + i + "</lineNumber><orderQty>" + i + "</orderQty><unitPrice>2.5</unitPrice>"
                    + "<product sdata:key=\"" + products.get(i % products.size()) + "\"/></salesOrderLine>";
        }

        String rootAttributes() {
            if (r.nextInt(20) != 0) return "";
            return pick(new String[] {"sdata:key=\"zz\"", "sdata:uuid=\"not-a-uuid\"", "sdata:isDeleted=\"true\"",
                "sdata:uuid=\"" + UUID.randomUUID() + "\"", "xsi:nil=\"true\"", "sdata:deleteMissing=\"maybe\"", "foo=\"1\""});
        }

        private String simple(String name, String good, String... badValues) {
            if (r.nextInt(3) == 0) return ""; // absent: unchanged
            if (!bad()) return "<" + name + ">" + good + "</" + name + ">";
            String v = pick(badValues);
            if (v.equals("NIL")) return "<" + name + " xsi:nil=\"true\"/>";
            return "<" + name + ">" + v + "</" + name + ">";
        }

        String order() {
            StringBuilder s = new StringBuilder();
            s.append(simple("orderNumber", "SO-" + r.nextInt(100), "<x>nested</x>", "x".repeat(5000), "&#x1F600;", "NIL"));
            s.append(simple("orderDate", "2008-06-01", "2008-13-45", "", "yesterday", "2008-06-01T10:00:00", "NIL", " 2008-06-01 "));
            s.append(simple("shipDate", "2008-06-03", "NIL", "06/03/2008", "0000-00-00", "99999-01-01"));
            s.append(simple("status", pick(new String[] {"Open", "Closed", "Shipped"}), "open", "", "NIL", "Open Closed"));
            s.append(simple("subTotal", "12.25", "abc", "1e400", "1,5", "NaN", "-INF", "9".repeat(60) + ".5", "0." + "1".repeat(40),
                    "NIL", " 7 "));
            s.append(simple("comment", "c" + r.nextInt(1000), "NIL", "x".repeat(20_000), "a]]&gt;b", "\u00e9\u4e2d", "<b>bold</b>"));
            s.append(simple("revision", String.valueOf(r.nextInt(100)), "2147483648", "-2147483649", "7.5", " 7 ", "NIL", "seven"));
            if (r.nextInt(3) == 0) s.append(address("billAddress"));
            if (r.nextInt(4) == 0) s.append(address("shipAddress"));
            if (r.nextInt(2) == 0) s.append(lines());
            if (r.nextInt(3) == 0) s.append(reference("contact", contacts, "<lastName>Hacked</lastName>"));
            if (r.nextInt(12) == 0) s.append(pick(new String[] {"<bogus>1</bogus>", "<orderLines/><orderLines/>",
                "<comment>a</comment><comment>b</comment>", "<salesOrderLine/>", "<customer sdata:key=\"x\"/>"}));
            return s.toString();
        }

        private String address(String name) {
            if (r.nextInt(5) == 0) return "<" + name + " xsi:nil=\"true\"/>";
            StringBuilder s = new StringBuilder("<" + name + (r.nextInt(10) == 0 ? " sdata:key=\"nope\"" : "") + ">");
            s.append(simple("city", "Lyon", "NIL", "<a/>"));
            s.append(simple("countryCode", "DE", "fra", "F", "12", "NIL"));
            s.append(simple("postalCode", "69001", "NIL", "1".repeat(200)));
            if (r.nextInt(10) == 0) s.append("<planet>Mars</planet>");
            return s.append("</").append(name).append(">").toString();
        }

        private String reference(String name, List<String> keys, String nested) {
            switch (r.nextInt(16)) {
                case 0: return "<" + name + " xsi:nil=\"true\"/>";
                case 1: return "<" + name + " sdata:key=\"missing-" + r.nextInt(9) + "\"/>";
                case 2: return "<" + name + " sdata:uuid=\"" + pick(new String[] {"zzz", UUID.randomUUID().toString()}) + "\"/>";
                case 3: return "<" + name + " sdata:key=\"" + pick(keys.toArray(new String[0])) + "\">" + nested + "</" + name + ">";
                case 4: return "<" + name + ">" + nested + "</" + name + ">";
                default: return "<" + name + " sdata:key=\"" + pick(keys.toArray(new String[0])) + "\"/>";
            }
        }

        private String lines() {
            String mode = pick(new String[] {"", "", "", " sdata:deleteMissing=\"true\"", " sdata:deleteMissing=\"false\"",
                " sdata:deleteMissing=\"yes\""});
            StringBuilder s = new StringBuilder("<orderLines" + mode + ">");
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) s.append(listedLine());
            return s.append("</orderLines>").toString();
        }

        private String listedLine() {
            String id;
            switch (r.nextInt(12)) {
                case 0: case 3: case 4: id = ""; break; // new line
                case 1: id = " sdata:key=\"" + pick(new String[] {"nope", "'", "", "999999"}) + "\""; break;
                case 2: id = " sdata:uuid=\"" + pick(new String[] {"bad", UUID.randomUUID().toString()}) + "\""; break;
                default: id = " sdata:key=\"" + lineKey() + "\"";
            }
            if (r.nextInt(8) == 0) id += pick(new String[] {" sdata:isDeleted=\"true\"", " sdata:isDeleted=\"perhaps\"",
                " sdata:isDeleted=\"false\""});
            return "<salesOrderLine" + id + ">" + line() + "</salesOrderLine>";
        }

        String line() {
            StringBuilder s = new StringBuilder();
            s.append(simple("lineNumber", String.valueOf(1 + r.nextInt(9)), "one", "99999999999", "NIL"));
            s.append(simple("orderQty", String.valueOf(r.nextInt(50)), "-1", "1.2345", "1234567890123", "NIL", "x"));
            s.append(simple("unitPrice", "3.75", "free", "NIL", "1e5"));
            if (r.nextInt(3) == 0) s.append(reference("product", products, "<name>Hacked</name>"));
            if (r.nextInt(15) == 0) s.append("<order sdata:key=\"x\"/>");
            return s.toString();
        }

        String lineKey() {
            if (lineKeys.isEmpty() || r.nextInt(10) == 0) return pick(new String[] {"nope", "0", "1 or 1=1", "%27"});
            return lineKeys.get(r.nextInt(lineKeys.size()));
        }
    }
}
