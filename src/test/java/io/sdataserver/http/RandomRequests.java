package io.sdataserver.http;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Random requests stitched from URL segments, query parameters, methods, headers and bodies, valid and not. Every
 * answer is below 500 (or 501 for a part of the protocol this server does not implement), and every error but 304
 * and 412 carries an sdata:diagnoses document. Used by {@link RandomRequestsH2Test} and {@link RandomRequestsPostgresTest}.
 */
final class RandomRequests {
    private static final Pattern DIAGNOSIS = Pattern.compile("<sdata:diagnoses[\\s>].*<sdata:sdataCode>[A-Za-z]+</sdata:sdataCode>"
            + "|^\\{\"\\$diagnoses\":\\[\\{.*\"sdataCode\":\"[A-Za-z]+\"", Pattern.DOTALL);

    private final TestServer server;
    private final String root;
    private final String contact;
    private final List<String> segments = new ArrayList<>();
    final Map<String, Integer> statuses = new TreeMap<>();

    RandomRequests(Backend backend) {
        server = TestServer.start(backend, TestServer.BUNDLED_CONTRACTS, List.of("rq"), -1);
        root = server.sdata();
        String base = root + "/myApp/myContract/rq";
        Reply c = Http.post(base + "/contacts", entry(resource("contact", "", "<lastName>R</lastName>")));
        assertEquals(201, c.status(), c::toString);
        contact = c.xml().text("/a:entry/sdata:payload/*/@sdata:key");
        Reply o = Http.post(base + "/salesOrders", entry(resource("salesOrder", "",
                "<status>Open</status><orderLines><salesOrderLine><orderQty>1</orderQty></salesOrderLine></orderLines>"
                        + "<contact sdata:key=\"" + contact + "\"/>")));
        assertEquals(201, o.status(), o::toString);
        String order = o.xml().text("/a:entry/sdata:payload/*/@sdata:key");
        String line = Http.get(base + "/salesOrders('" + order + "')/orderLines").xml()
                .text("/a:feed/a:entry[1]/sdata:payload/*/@sdata:key");
        segments.addAll(List.of("salesOrders", "salesOrders('" + order + "')", "contacts('" + contact + "')", "orderLines",
                "orderLines('" + line + "')", "contact", "product", "billAddress", "salesOrders", "customers", "taxCodes", "contacts", "products",
                "$schema", "%24schema", "$template", "$batch", "$service", "$queries", "$post('x')", "$post('')", "$linked",
                "salesOrders(status%20eq%20'Open')", "salesOrders(", "salesOrders('1'", ")", "('')", "''", "'", "..", ".",
                "contacts('a''b')", "salesOrders('" + order + "';x)", "x".repeat(300), "%C3%A9", "%00", ";", "nope",
                "salesOrders('%2F')", "orderLines('" + line + "')/product", "-", "myContract", "myApp", "rq", "sdata"));
    }

    void close() { server.close(); }

    private static final String[] PARAMS = {"where=status%20eq%20'Open'", "where=", "where=%28", "orderBy=orderDate%20desc",
        "orderBy=nope", "orderBy=", "count=-1", "count=abc", "count=0", "count=100000", "startIndex=0", "startIndex=-5",
        "startIndex=99999999999999999999", "select=*", "select=orderLines/*", "select=%2F", "include=$children",
        "include=nope", "precedence=x", "precedence=-1", "precedence=99", "returnDelta=maybe", "returnDelta=true",
        "trackingID=bad", "trackingID=0f8fad5b-d9cb-469f-a165-70867728950e", "_cursor=AAAA", "_cursor=", "format=json",
        "_t=1", "search=x", "language=fr", "runName=x", "%24schema", "where=revision%20div%200%20eq%201"};
    /**
     * The codes each operation may answer (QRY-23, CRE-17, UPD-22, DEL-5; checklist "HTTP status codes per operation"),
     * plus 302 for a kind's $schema (§2.7), 405 for a method a resource does not allow (section 28, row 26), 413 for a
     * body over the limit and 501 for a part of the protocol this server does not implement.
     */
    private static final Map<String, Set<Integer>> ALLOWED = Map.of(
            "GET", Set.of(200, 302, 304, 400, 404, 405, 501),
            "POST", Set.of(201, 202, 400, 404, 405, 409, 413, 415, 501),
            "PUT", Set.of(200, 400, 404, 405, 410, 412, 413, 415, 501),
            "DELETE", Set.of(200, 400, 404, 405, 410, 412, 501));
    private static final Set<Integer> OTHER = Set.of(200, 400, 404, 405, 501);
    /** A POST to $batch (BAT-14), plus 405 for another method there, 413 for a body over the limit, 501 for async. */
    private static final Set<Integer> BATCH = Set.of(200, 202, 400, 404, 405, 410, 413, 415, 501);
    private static final Pattern SEVERE = Pattern.compile("<sdata:severity>(error|fatal|transient)</sdata:severity>");

    private static final String[] METHODS = {"GET", "GET", "GET", "PUT", "POST", "POST", "DELETE", "PATCH", "OPTIONS"};

    void answersAreNeverServerErrorsAndErrorsAreDiagnoses(long seed) {
        Random r = new Random(seed);
        StringBuilder url = new StringBuilder(root);
        int depth = r.nextInt(8) == 0 ? r.nextInt(4) : 4 + r.nextInt(3);
        String[] fixed = {"myApp", "myContract", "rq"};
        for (int i = 0; i < depth; i++) {
            // mostly the real application/contract/dataset prefix, so the resource layer sees the damage
            String seg = i < 3 && r.nextInt(6) != 0 ? fixed[i] : segments.get(r.nextInt(segments.size()));
            url.append('/').append(seg);
        }
        int params = r.nextInt(4);
        for (int i = 0; i < params; i++) url.append(i == 0 ? '?' : '&').append(PARAMS[r.nextInt(PARAMS.length)]);
        String method = METHODS[r.nextInt(METHODS.length)];
        List<String> headers = new ArrayList<>();
        if (r.nextInt(4) == 0) {
            headers.add("If-Match");
            headers.add(new String[] {"\"x\"", "*", "W/\"y\"", "garbage, \"z\""}[r.nextInt(4)]);
        }
        if (r.nextInt(6) == 0) {
            headers.add("X-HTTP-Method-Override");
            headers.add(new String[] {"PUT", "DELETE", "GET", "PATCH", "put", ""}[r.nextInt(6)]);
        }
        if (r.nextInt(6) == 0) {
            headers.add("If-None-Match");
            headers.add(new String[] {"\"x\"", "*", "W/\"F1\""}[r.nextInt(3)]);
        }
        if (r.nextInt(6) == 0) {
            headers.add("Accept");
            headers.add(new String[] {"application/atom+xml", "*/*", "text/html", "a/b;q=x", ";;", "application/json",
                "application/atom+xml;type=entry;q=0.5, application/xml"}[r.nextInt(7)]);
        }
        String body = null;
        if (!method.equals("GET") && !method.equals("DELETE") && !method.equals("OPTIONS") && r.nextInt(5) != 0) {
            body = new String[] {
                entry(resource("salesOrder", "", "<comment>r</comment>")),
                entry(resource("salesOrder", "", "<comment>r</comment><contact sdata:key=\"" + contact + "\"/>")),
                entry(resource("salesOrderLine", "", "<orderQty>2</orderQty>")),
                entry(resource("contact", "", "<lastName>x</lastName>")),
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "not xml", "", "<entry/>", "{\"json\": true}",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>",
                "{\"lastName\":\"j\"}", "{\"comment\":\"r\",\"contact\":{\"$key\":\"" + contact + "\"}}", "{\"a\":", "[1]",
                "{\"lastName\":\"a\",\"lastName\":\"b\"}", "{\"$resources\":[{\"$httpMethod\":\"POST\",\"lastName\":\"j\"}]}",
                "{\"x\":" + "[".repeat(70) + "]".repeat(70) + "}", "{\"orderLines\":{\"$resources\":[{\"orderQty\":\"x\"}]}}"}[r.nextInt(18)];
            if (r.nextInt(5) == 0) {
                headers.add("Content-Type");
                headers.add(new String[] {"text/plain", "application/json", "application/atom+xml;type=feed", "application/xml",
                    "multipart/form-data", "/", "application/atom+xml; type=", "application/atom+xml; charset=bogus"}[r.nextInt(8)]);
            }
            if ((body.startsWith("{") || body.startsWith("[")) && !headers.contains("Content-Type") && r.nextInt(4) != 0) {
                headers.add("Content-Type"); // mostly labelled as what it is, so the JSON reader sees the damage
                headers.add("application/json");
            }
        }
        if (r.nextInt(12) == 0) {
            // now and then a well-formed create among the damage, so that success paths are mixed in
            method = "POST";
            boolean order = r.nextBoolean();
            url.setLength(0);
            url.append(root).append("/myApp/myContract/rq/").append(order ? "salesOrders" : "contacts");
            body = order ? entry(resource("salesOrder", "", "<comment>r</comment><contact sdata:key=\"" + contact + "\"/>"))
                    : entry(resource("contact", "", "<lastName>x</lastName>"));
        }
        String target = url.toString();
        Reply reply = Http.send(method, target, body, headers.toArray(new String[0]));
        String operation = method;
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            if (headers.get(i).equals("X-HTTP-Method-Override") && method.equals("POST")) operation = "POST>" + headers.get(i + 1);
        }
        statuses.merge(operation + " " + reply.status(), 1, Integer::sum);
        String context = method + " " + target + " " + headers + " " + (body == null ? "" : body) + " -> " + reply;
        assertTrue(reply.status() < 500 || reply.status() == 501, context);
        String effective = operation.startsWith("POST>") ? operation.substring(5).toUpperCase(java.util.Locale.ROOT) : operation;
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        boolean batch = path.endsWith("/$batch") || path.endsWith("/%24batch");
        Set<Integer> allowed = batch ? BATCH : ALLOWED.getOrDefault(effective, OTHER);
        if (!headers.contains("X-HTTP-Method-Override") || ALLOWED.containsKey(effective)) {
            assertTrue(allowed.contains(reply.status()), "not a status this operation may answer: " + context);
        }
        if (reply.status() == 200 && !batch && reply.body().contains("<sdata:diagnosis>")) {
            // QRY-27: a diagnosis inside a successful answer is a warning or information only
            assertTrue(!SEVERE.matcher(reply.body()).find(), context);
        }
        if (reply.status() >= 400 && reply.status() != 412) assertTrue(DIAGNOSIS.matcher(reply.body()).find(), context);
    }
}
