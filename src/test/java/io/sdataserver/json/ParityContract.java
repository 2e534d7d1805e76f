package io.sdataserver.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Atom and JSON side by side: one scenario of reads, queries, partial updates, nil, child lists in delta and full
 * mode, references, validation, concurrency (fresh, stale and missing If-Match), guarded deletes and batches (plain
 * and atomic) is written once against a format-neutral client and run in each format. Both runs must see the same
 * statuses and the same ETag behaviour, and leave the same data behind (read back in Atom and compared without the
 * keys, uuids and ETags that differ between two runs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ParityContract {
    abstract Backend backend();

    private TestServer server;

    @BeforeAll
    void start() { server = TestServer.start(backend()); }

    @AfterAll
    void stop() { server.close(); }

    // ------------------------------------------------------------------ a payload in neither format

    /** A resource as a client sends it: its identity, flags and properties in order. */
    static final class Res {
        final String element;
        final Map<String, Object> props = new LinkedHashMap<>();
        String key;
        boolean deleted;

        Res(String element) { this.element = element; }

        Res key(String k) { key = k; return this; }
        Res deleted() { deleted = true; return this; }
        Res str(String name, String v) { props.put(name, new Scalar(v, false)); return this; }
        Res num(String name, String v) { props.put(name, new Scalar(v, true)); return this; }
        Res nil(String name) { props.put(name, null); return this; }
        Res ref(String name, Res target) { props.put(name, target); return this; }
        Res list(String name, boolean deleteMissing, Res... items) { props.put(name, new ListValue(deleteMissing, List.of(items))); return this; }
    }

    record Scalar(String text, boolean number) { }

    record ListValue(boolean deleteMissing, List<Res> items) { }

    /** One operation of a batch. */
    record Op(String method, String url, String ifMatch, Res body) { }

    /** What an operation came to, in terms both formats share. */
    record Result(int status, String etag, String key, List<Integer> statuses) { }

    /** The same requests in one format or the other. */
    interface Client {
        Result send(String method, String url, Res body, String ifMatch);

        Result batch(String url, List<Op> ops);

        long total(String feedUrl);
    }

    static final String NS = "http://schemas.sage.com/myContract";
    private static final Pattern LOCATION_KEY = Pattern.compile("\\('([^']*)'\\)$");

    private static String keyOf(String location) {
        if (location == null) return null;
        Matcher m = LOCATION_KEY.matcher(location);
        return m.find() ? m.group(1) : null;
    }

    private static String unquote(String etag) { return etag == null ? null : etag.replace("\"", ""); }

    static final class AtomClient implements Client {
        @Override public Result send(String method, String url, Res body, String ifMatch) {
            List<String> h = new ArrayList<>();
            if (ifMatch != null) { h.add("If-Match"); h.add("\"" + ifMatch + "\""); }
            Reply r = Http.send(method, url, body == null ? null : entry(body), h.toArray(new String[0]));
            return new Result(r.status(), unquote(r.header("ETag")), keyOf(r.header("Location")), List.of());
        }

        @Override public Result batch(String url, List<Op> ops) {
            StringBuilder feed = new StringBuilder("<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                    + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
            for (Op op : ops) {
                feed.append("<entry><id>").append(op.url() == null ? "" : op.url()).append("</id><http:httpMethod>").append(op.method())
                        .append("</http:httpMethod>");
                if (op.ifMatch() != null) feed.append("<http:ifMatch>").append(op.ifMatch()).append("</http:ifMatch>");
                if (op.body() != null) feed.append("<sdata:payload>").append(xml(op.body())).append("</sdata:payload>");
                feed.append("</entry>");
            }
            Reply r = Http.post(url, feed.append("</feed>").toString(), "Content-Type", "application/atom+xml; type=feed");
            List<Integer> statuses = new ArrayList<>();
            if (r.status() == 200) {
                Xml x = r.xml();
                for (int i = 1; i <= x.count("/a:feed/a:entry"); i++) {
                    statuses.add(Integer.parseInt(x.text("/a:feed/a:entry[" + i + "]/http:httpStatus")));
                }
            }
            return new Result(r.status(), null, null, statuses);
        }

        @Override public long total(String feedUrl) {
            return Long.parseLong(Http.get(feedUrl).xml().text("/a:feed/opensearch:totalResults"));
        }

        static String entry(Res r) {
            return "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><sdata:payload>" + xml(r) + "</sdata:payload></entry>";
        }

        static String xml(Res r) {
            StringBuilder b = new StringBuilder("<").append(r.element).append(" xmlns=\"").append(NS).append("\"");
            if (r.key != null) b.append(" sdata:key=\"").append(r.key).append("\"");
            if (r.deleted) b.append(" sdata:isDeleted=\"true\"");
            b.append(">");
            for (Map.Entry<String, Object> p : r.props.entrySet()) {
                Object v = p.getValue();
                if (v == null) {
                    b.append("<").append(p.getKey()).append(" xsi:nil=\"true\"/>");
                } else if (v instanceof Scalar s) {
                    b.append("<").append(p.getKey()).append(">").append(s.text()).append("</").append(p.getKey()).append(">");
                } else if (v instanceof Res target) {
                    String inner = xml(target);
                    // the property element stands for the resource: its name, the target's identity and content
                    b.append(inner.replaceFirst("^<" + target.element, "<" + p.getKey())
                            .replaceFirst("</" + target.element + ">$", "</" + p.getKey() + ">"));
                } else if (v instanceof ListValue l) {
                    b.append("<").append(p.getKey()).append(l.deleteMissing() ? " sdata:deleteMissing=\"true\"" : "").append(">");
                    for (Res item : l.items()) b.append(xml(item));
                    b.append("</").append(p.getKey()).append(">");
                }
            }
            return b.append("</").append(r.element).append(">").toString();
        }
    }

    static final class JsonClient implements Client {
        @Override public Result send(String method, String url, Res body, String ifMatch) {
            List<String> h = new ArrayList<>(List.of("Accept", "application/json"));
            if (body != null) { h.add("Content-Type"); h.add("application/json"); }
            if (ifMatch != null) { h.add("If-Match"); h.add("\"" + ifMatch + "\""); }
            Reply r = Http.send(method, url, body == null ? null : json(body), h.toArray(new String[0]));
            if (r.body() != null && !r.body().isEmpty()) JsonContract.json(r, r.status()); // every answer with a body is JSON
            return new Result(r.status(), unquote(r.header("ETag")), keyOf(r.header("Location")), List.of());
        }

        @Override public Result batch(String url, List<Op> ops) {
            StringBuilder b = new StringBuilder("{\"$resources\":[");
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                String item = op.body() == null ? "{}" : json(op.body());
                StringBuilder head = new StringBuilder("{\"$httpMethod\":\"" + op.method() + "\"");
                if (op.url() != null) head.append(",\"$url\":\"").append(op.url()).append("\"");
                if (op.ifMatch() != null) head.append(",\"$ifMatch\":\"").append(op.ifMatch()).append("\"");
                b.append(i == 0 ? "" : ",").append(head).append(item.length() > 2 ? "," + item.substring(1) : "}");
            }
            Reply r = Http.post(url, b.append("]}").toString(), "Content-Type", "application/json");
            List<Integer> statuses = new ArrayList<>();
            if (r.status() == 200) {
                for (JsonNode e : JsonContract.json(r, 200).get("$resources")) statuses.add(e.get("$httpStatus").asInt());
            }
            return new Result(r.status(), null, null, statuses);
        }

        @Override public long total(String feedUrl) {
            return JsonContract.json(Http.get(feedUrl, "Accept", "application/json"), 200).get("$totalResults").asLong();
        }

        static String json(Res r) {
            StringBuilder b = new StringBuilder("{");
            List<String> members = new ArrayList<>();
            if (r.key != null) members.add("\"$key\":\"" + r.key + "\"");
            if (r.deleted) members.add("\"$isDeleted\":true");
            for (Map.Entry<String, Object> p : r.props.entrySet()) {
                Object v = p.getValue();
                String value;
                if (v == null) value = "null";
                else if (v instanceof Scalar s) value = s.number() ? s.text() : "\"" + s.text() + "\"";
                else if (v instanceof Res target) value = json(target);
                else {
                    ListValue l = (ListValue) v;
                    List<String> items = new ArrayList<>();
                    for (Res item : l.items()) items.add(json(item));
                    value = "{" + (l.deleteMissing() ? "\"$deleteMissing\":true," : "") + "\"$resources\":[" + String.join(",", items) + "]}";
                }
                members.add("\"" + p.getKey() + "\":" + value);
            }
            return b.append(String.join(",", members)).append("}").toString();
        }
    }

    // ------------------------------------------------------------------ the scenario, written once

    /** What a run observed (statuses, ETag moves, counts), and the keys of what it made, by role. */
    record Run(List<String> observed, Map<String, String> keys) { }

    private Run scenario(Client c, String tag) {
        String b = server.base();
        List<String> seen = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        Result contact = c.send("POST", b + "/contacts", new Res("contact").str("firstName", "Ann").str("lastName", "Parity" + tag)
                .str("birthDate", "1990-05-06"), null);
        seen.add("create contact " + contact.status() + " etag " + (contact.etag() != null));
        keys.put("contact", contact.key());
        Result product = c.send("POST", b + "/products", new Res("product").str("name", "P" + tag).num("listPrice", "12.50")
                .str("discontinued", "false"), null);
        seen.add("create product " + product.status());
        keys.put("product", product.key());
        String orderNumber = "PAR-" + tag;
        Result order = c.send("POST", b + "/salesOrders", new Res("salesOrder").str("orderNumber", orderNumber)
                .str("orderDate", "2026-01-02").num("subTotal", "202.70").str("comment", "first")
                .ref("contact", new Res("contact").key(contact.key())).ref("billAddress", new Res("address").str("city", "Paris"))
                .list("orderLines", false, new Res("salesOrderLine").num("lineNumber", "1").num("unitPrice", "1.5")
                                .ref("product", new Res("product").key(product.key())),
                        new Res("salesOrderLine").num("lineNumber", "2").num("unitPrice", "2.5")), null);
        seen.add("create order " + order.status());
        String o = b + "/salesOrders('" + order.key() + "')";
        keys.put("order", order.key());
        Result read = c.send("GET", o, null, null);
        seen.add("read " + read.status() + " same etag " + read.etag().equals(order.etag()));
        Result partial = c.send("PUT", o, new Res("salesOrder").str("comment", "second").nil("shipDate"), read.etag());
        seen.add("partial update " + partial.status() + " etag moved " + !partial.etag().equals(read.etag()));
        Result stale = c.send("PUT", o, new Res("salesOrder").str("comment", "lost"), order.etag());
        seen.add("stale update " + stale.status() + " carries current etag " + partial.etag().equals(stale.etag()));
        seen.add("update without If-Match " + c.send("PUT", o, new Res("salesOrder").str("comment", "lost"), null).status());
        Result withLines = c.send("GET", o + "?include=orderLines", null, null);
        seen.add("read lines " + withLines.status());
        // the lines' keys are the order's own business: read them in Atom, which both runs can do alike
        Xml lines = Http.get(o + "?include=orderLines").xml();
        String line1 = lines.text("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine[1]/@sdata:key");
        String line2 = lines.text("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine[2]/@sdata:key");
        Result delta = c.send("PUT", o, new Res("salesOrder").list("orderLines", false,
                new Res("salesOrderLine").key(line1).num("unitPrice", "9.5"), new Res("salesOrderLine").key(line2).deleted(),
                new Res("salesOrderLine").num("lineNumber", "3").num("unitPrice", "3.5")), withLines.etag());
        seen.add("delta lines " + delta.status());
        Result full = c.send("PUT", o, new Res("salesOrder").list("orderLines", true, new Res("salesOrderLine").key(line1),
                new Res("salesOrderLine").num("lineNumber", "4")), delta.etag());
        seen.add("full lines " + full.status());
        Result invalid = c.send("PUT", o, new Res("salesOrder").str("orderDate", "not-a-date"), full.etag());
        seen.add("invalid update " + invalid.status() + " nothing changed " + c.send("GET", o, null, null).etag().equals(full.etag()));
        seen.add("missing " + c.send("GET", b + "/salesOrders('no-such-" + tag + "')", null, null).status());
        seen.add("query total " + c.total(b + "/salesOrders?where=orderNumber%20eq%20'" + orderNumber + "'"));
        seen.add("delete referenced contact " + c.send("DELETE", b + "/contacts('" + contact.key() + "')", null, null).status());
        String current = c.send("GET", o, null, null).etag();
        Result batch = c.batch(b + "/salesOrders/$batch", List.of(
                new Op("PUT", o, current, new Res("salesOrder").str("comment", "batched")),
                new Op("PUT", o, order.etag(), new Res("salesOrder").str("comment", "stale in batch")),
                new Op("GET", o, null, null),
                new Op("DELETE", b + "/salesOrders('no-such-" + tag + "')", null, null)));
        seen.add("batch " + batch.status() + " " + batch.statuses());
        long contacts = c.total(b + "/contacts?where=lastName%20eq%20'Atomic" + tag + "'");
        Result atomic = c.batch(b + "/contacts/$batch?atomic=true", List.of(
                new Op("POST", null, null, new Res("contact").str("lastName", "Atomic" + tag)),
                new Op("POST", null, null, new Res("contact").str("lastName", "Atomic" + tag).str("birthDate", "never"))));
        seen.add("atomic batch " + atomic.status() + " " + atomic.statuses() + " nothing applied "
                + (c.total(b + "/contacts?where=lastName%20eq%20'Atomic" + tag + "'") == contacts));
        Result deleted = c.send("DELETE", o, null, c.send("GET", o, null, null).etag());
        seen.add("delete order " + deleted.status() + " then " + c.send("GET", o, null, null).status());
        seen.add("delete contact " + c.send("DELETE", b + "/contacts('" + contact.key() + "')", null, null).status());
        return new Run(seen, keys);
    }

    /** A resource's payload as stored, read in Atom, without what differs between two runs (keys, uuids, URLs, tags). */
    private String stored(String url, String tag) {
        Reply r = Http.get(url + (url.contains("?") ? "&" : "?") + "include=orderLines,billAddress");
        if (r.status() != 200) return String.valueOf(r.status());
        String payload = r.body().replaceAll("(?s).*<sdata:payload>(.*)</sdata:payload>.*", "$1");
        return payload.replaceAll(" sdata:(key|uuid|url|lookup)=\"[^\"]*\"", "")
                .replaceAll("<orderNumber>[^<]*</orderNumber>", "<orderNumber/>") // the order's key, given by the server
                .replace(tag, "#");
    }

    @Test
    void atomAndJsonSeeTheSameStatusesEtagsAndStoredData() {
        String atomTag = "A" + UUID.randomUUID().toString().substring(0, 8);
        String jsonTag = "J" + UUID.randomUUID().toString().substring(0, 8);
        Run atom = scenario(new AtomClient(), atomTag);
        Run json = scenario(new JsonClient(), jsonTag);
        assertEquals(atom.observed(), json.observed());
        assertEquals(List.of("create contact 201 etag true", "create product 201", "create order 201", "read 200 same etag true",
                "partial update 200 etag moved true", "stale update 412 carries current etag true"), atom.observed().subList(0, 6),
                "the scenario exercised what it means to (" + atom.observed() + ")");
        assertTrue(atom.observed().contains("batch 200 [200, 412, 200, 404]"), atom.observed()::toString);
        assertTrue(atom.observed().contains("atomic batch 200 [424, 400] nothing applied true"), atom.observed()::toString);
        String b = server.base();
        assertEquals(stored(b + "/products('" + atom.keys().get("product") + "')", atomTag),
                stored(b + "/products('" + json.keys().get("product") + "')", jsonTag));
    }

    @Test
    void anOrderWrittenInEitherFormatIsStoredAlike() {
        String b = server.base();
        String[] tags = {"SA" + UUID.randomUUID().toString().substring(0, 8), "SJ" + UUID.randomUUID().toString().substring(0, 8)};
        Client[] clients = {new AtomClient(), new JsonClient()};
        String[] stored = new String[2];
        for (int i = 0; i < 2; i++) {
            Client c = clients[i];
            Result contact = c.send("POST", b + "/contacts", new Res("contact").str("lastName", "Stored" + tags[i]).nil("birthDate"), null);
            Result order = c.send("POST", b + "/salesOrders", new Res("salesOrder").str("orderNumber", "ST-" + tags[i])
                    .str("orderDate", "2026-03-04").num("subTotal", "10.10").nil("shipDate")
                    .ref("contact", new Res("contact").key(contact.key())).ref("billAddress", new Res("address").str("city", "Lyon").nil("street"))
                    .list("orderLines", false, new Res("salesOrderLine").num("lineNumber", "1").num("unitPrice", "0.50"),
                            new Res("salesOrderLine").num("lineNumber", "2").num("unitPrice", "7")), null);
            assertEquals(201, order.status());
            String o = b + "/salesOrders('" + order.key() + "')";
            Result updated = c.send("PUT", o, new Res("salesOrder").str("comment", "edited").nil("subTotal"), order.etag());
            assertEquals(200, updated.status());
            stored[i] = stored(o, tags[i]);
        }
        assertEquals(stored[0], stored[1]);
        assertTrue(stored[0].contains("<unitPrice>0.50</unitPrice>") && stored[0].contains("Lyon"), stored[0]);
    }
}
