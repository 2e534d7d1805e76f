package io.sdataserver.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sdataserver.ServerConfig;
import io.sdataserver.http.gate.Limits;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * JSON as a second representation (§3.15, checklist section 14), against the running server: negotiation, the
 * shapes of feeds, entries and errors, and every write rule of Atom spelled in JSON (partial updates, nil, child
 * lists in delta and full mode, references, validation, ETags, method override, batches sync, atomic and async).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JsonContract {
    static final ObjectMapper M = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
    static final String JSON = "application/json";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    abstract Backend backend();

    private TestServer server;
    private String b;

    @BeforeAll
    void start() {
        ServerConfig cfg = TestServer.configFor(backend());
        server = TestServer.start(cfg.withLimits(cfg.limits().withMaxBody(64 * 1024)));
        b = server.base();
    }

    @AfterAll
    void stop() { server.close(); }

    // ------------------------------------------------------------------ helpers

    static JsonNode json(Reply r, int status) {
        assertEquals(status, r.status(), r::toString);
        String type = r.header("Content-Type");
        assertNotNull(type, "Content-Type");
        assertTrue(type.startsWith(JSON), () -> "JSON answer expected, got " + type + ": " + r.body());
        try {
            return M.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** An error answered in JSON (JSON-6): every diagnosis carries these codes; returns the first diagnosis. */
    static JsonNode refused(Reply r, int status, String sdataCode, String applicationCode) {
        JsonNode d = json(r, status).get("$diagnoses");
        assertNotNull(d, () -> "$diagnoses in " + r.body());
        assertTrue(d.isArray() && d.size() > 0, r::toString);
        for (JsonNode one : d) {
            assertEquals(sdataCode, one.get("sdataCode").asText(), r::toString);
            assertEquals(applicationCode, one.has("applicationCode") ? one.get("applicationCode").asText() : "", r::toString);
            assertEquals("error", one.get("severity").asText());
            assertFalse(one.get("message").asText().isEmpty());
        }
        return d.get(0);
    }

    static Reply postJson(String url, String body, String... headers) { return Http.post(url, body, with(headers)); }

    static Reply putJson(String url, String body, String... headers) { return Http.put(url, body, with(headers)); }

    private static String[] with(String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = JSON;
        return all;
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private static String unique(String prefix) { return prefix + COUNTER.incrementAndGet() + "x" + System.nanoTime() % 100000; }

    private String productKey(String name) {
        JsonNode p = json(postJson(b + "/products", "{\"name\":\"" + name + "\",\"listPrice\":12.50,\"discontinued\":false}"), 201);
        return p.get("$key").asText();
    }

    private String contactKey(String lastName) {
        return json(postJson(b + "/contacts", "{\"lastName\":\"" + lastName + "\"}"), 201).get("$key").asText();
    }

    private long total(String kind) {
        return json(Http.get(b + "/" + kind + "?format=json&count=0"), 200).get("$totalResults").asLong();
    }

    /** The stored state read back in Atom: what was written does not depend on the format it was written in. */
    private String atomText(String url, String xpath) { return Http.get(url).xml().text(xpath); }

    // ------------------------------------------------------------------ JSON-1: negotiation

    @Test
    void formatParameterAndAcceptChooseJsonAndFormatWins() {
        String key = contactKey(unique("Neg"));
        String url = b + "/contacts('" + key + "')";
        for (String u : List.of(url + "?format=json", url + "?format=application/json", url + "?format=JSON")) {
            assertEquals(key, json(Http.get(u), 200).get("$key").asText(), u);
        }
        Reply accepted = Http.get(url, "Accept", JSON);
        assertEquals(key, json(accepted, 200).get("$key").asText());
        assertEquals("Accept", accepted.header("Vary"), "an answer chosen by Accept varies by it");
        Reply preferred = Http.get(url, "Accept", "application/atom+xml;q=0.5, application/json");
        json(preferred, 200);
        Reply atomWins = Http.get(url + "?format=atom", "Accept", JSON);
        assertEquals(200, atomWins.status());
        assertTrue(atomWins.header("Content-Type").startsWith("application/atom+xml"), "format wins over Accept");
        assertNull(atomWins.header("Vary"), "an answer chosen by format does not vary by Accept");
        Reply plain = Http.get(url);
        assertTrue(plain.header("Content-Type").startsWith("application/atom+xml"), "Atom stays the default");
        assertEquals("Accept", plain.header("Vary"));
    }

    @Test
    void aFeedsEtagCoversItsFormat() {
        contactKey(unique("FeedEtag"));
        String url = b + "/contacts?count=3";
        Reply atom = Http.get(url);
        Reply json = Http.get(url, "Accept", JSON);
        assertNotNull(atom.header("ETag"));
        assertNotNull(json.header("ETag"));
        assertFalse(atom.header("ETag").equals(json.header("ETag")), "two formats, two representations, two ETags");
        assertEquals(304, Http.get(url, "Accept", JSON, "If-None-Match", json.header("ETag")).status());
        json(Http.get(url, "Accept", JSON, "If-None-Match", atom.header("ETag")), 200);
        assertEquals(304, Http.get(url, "If-None-Match", atom.header("ETag")).status());
    }

    @Test
    void theIntermediateUrlsListTheirItemsInJson() {
        String sdata = server.sdata();
        JsonNode provider = json(Http.get(sdata + "?format=json"), 200);
        assertEquals(sdata + "/myApp", provider.get("$resources").get(0).get("$url").asText());
        assertEquals("application", provider.get("$resources").get(0).get("$category").asText());
        JsonNode dataset = json(Http.get(sdata + "/myApp/myContract/-", "Accept", JSON), 200);
        Set<String> urls = new HashSet<>();
        for (JsonNode item : dataset.get("$resources")) urls.add(item.get("$url").asText());
        assertTrue(urls.contains(b + "/salesOrders") && urls.contains(b + "/contacts"), urls::toString);
        json(Http.get(urls.iterator().next() + "?format=json&count=1"), 200);
        assertTrue(Http.get(sdata + "/myApp").header("Content-Type").startsWith("application/atom+xml"), "Atom stays the default");
    }

    // ------------------------------------------------------------------ JSON-7: $schema

    @Test
    void theSchemaInJsonIsJsonSchemaWithDollarSmeMembers() {
        Reply r = Http.get(b + "/$schema?format=application/json");
        JsonNode s = json(r, 200);
        assertEquals("http://json-schema.org/draft-02/schema#", s.get("$schema").asText());
        JsonNode order = s.get("properties").get("salesOrder");
        assertEquals("resourceKind", order.get("$role").asText());
        assertEquals("salesOrders", order.get("$pluralName").asText());
        assertTrue(order.get("$canGet").asBoolean());
        JsonNode props = order.get("properties");
        assertEquals("string", props.get("orderDate").get("type").asText());
        assertEquals("date", props.get("orderDate").get("format").asText());
        assertTrue(props.get("orderDate").get("$canSort").asBoolean());
        assertTrue(props.get("subTotal").get("type").isArray(), "a nillable property may be null");
        assertEquals("child", props.get("orderLines").get("$relationship").asText());
        assertEquals("#salesOrderLine", props.get("orderLines").get("properties").get("$resources").get("items").get("$ref").asText());
        assertEquals("reference", props.get("contact").get("$relationship").asText());
        JsonNode status = props.get("status");
        assertTrue(status.get("enum").isArray() && status.get("enum").size() > 0);
        assertNotNull(r.header("ETag"));
        Reply xsd = Http.get(b + "/$schema");
        assertTrue(xsd.header("Content-Type").startsWith("application/xml"), "the XSD stays the default");
        assertFalse(xsd.header("ETag").equals(r.header("ETag")), "the XSD and its JSON rendering are two representations");
    }

    // ------------------------------------------------------------------ JSON-3, JSON-4: entries

    @Test
    void anEntryCarriesItsProtocolMembersThenItsPropertiesWithTheirTypes() throws Exception {
        String contact = contactKey(unique("Ent"));
        String product = productKey(unique("Prod"));
        String body = "{\"orderNumber\":\"" + unique("J") + "\",\"orderDate\":\"2026-01-02\",\"shipDate\":null,\"subTotal\":202.70,"
                + "\"revision\":3,\"contact\":{\"$key\":\"" + contact + "\"},\"billAddress\":{\"city\":\"Paris\"},"
                + "\"orderLines\":{\"$resources\":[{\"lineNumber\":1,\"unitPrice\":10.5,\"product\":{\"$key\":\"" + product + "\"}}]}}";
        Reply created = postJson(b + "/salesOrders", body);
        JsonNode e = json(created, 201);
        String key = e.get("$key").asText();
        assertEquals(b + "/salesOrders('" + key + "')", created.header("Location"));
        JsonNode read = json(Http.get(b + "/salesOrders('" + key + "')?format=json&include=orderLines"), 200);
        JsonNode unexpanded = json(Http.get(b + "/salesOrders('" + key + "')?format=json"), 200).get("orderLines");
        assertTrue(unexpanded.has("$url") && !unexpanded.has("$resources"), "a list not expanded is shown by its URL, not as empty");
        assertEquals(b + "/salesOrders('" + key + "')", read.get("$url").asText());
        assertNotNull(read.get("$updated"));
        assertTrue(read.get("$descriptor").asText().contains(key));
        String etagHeader = Http.get(b + "/salesOrders('" + key + "')?format=json").header("ETag");
        assertEquals("\"" + read.get("$etag").asText() + "\"", etagHeader, "$etag is the ETag header's value");
        assertTrue(read.get("shipDate").isNull(), "nil is JSON null");
        assertTrue(read.get("subTotal").isNumber());
        assertEquals("202.70", read.get("subTotal").decimalValue().toPlainString(), "a decimal keeps its scale");
        assertTrue(read.get("revision").isIntegralNumber());
        assertEquals(3, read.get("revision").asInt());
        assertEquals("2026-01-02", read.get("orderDate").asText());
        assertEquals(contact, read.get("contact").get("$key").asText(), "a reference is an object with $key");
        assertTrue(read.get("contact").get("$url").asText().endsWith("contacts('" + contact + "')"));
        JsonNode lines = read.get("orderLines").get("$resources");
        assertTrue(lines.isArray(), "a child list is an object with $resources");
        assertEquals(1, lines.size());
        assertEquals(1, lines.get(0).get("lineNumber").asInt());
        // JSON-4: every member is a $ member of the protocol or a property of the contract
        Set<String> properties = Set.of("orderNumber", "orderDate", "shipDate", "status", "subTotal", "comment", "revision",
                "billAddress", "shipAddress", "orderLines", "contact");
        for (Iterator<String> it = read.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            assertTrue(name.startsWith("$") || properties.contains(name), "unexpected member " + name);
        }
        JsonNode product1 = json(Http.get(b + "/products('" + product + "')", "Accept", JSON), 200);
        assertTrue(product1.get("discontinued").isBoolean(), "a boolean is JSON's own");
        // the same resource in Atom: what JSON wrote is stored as Atom would have written it
        assertEquals("202.70", atomText(b + "/salesOrders('" + key + "')", "/a:entry/sdata:payload/c:salesOrder/c:subTotal"));
        assertEquals("Paris", json(Http.get(b + "/salesOrders('" + key + "')?format=json&include=billAddress"), 200)
                .get("billAddress").get("city").asText());
    }

    // ------------------------------------------------------------------ JSON-2, JSON-5: feeds

    @Test
    void aFeedPagesThroughItsResourcesWithDollarMembers() {
        String prefix = unique("Feed");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 5; i++) keys.add(contactKey(prefix + "-" + i));
        String url = b + "/contacts?format=json&count=2&orderBy=lastName&where=" + enc("lastName like '" + prefix + "-%'");
        Set<String> seen = new HashSet<>();
        int pages = 0;
        while (url != null) {
            JsonNode f = json(Http.get(url), 200);
            pages++;
            assertEquals(5, f.get("$totalResults").asInt());
            assertEquals(2, f.get("$itemsPerPage").asInt());
            assertNotNull(f.get("$url"));
            assertNotNull(f.get("$descriptor"));
            assertNotNull(f.get("$first"));
            JsonNode items = f.get("$resources");
            int start = f.get("$startIndex").asInt();
            assertEquals(Math.min(2, 5 - start + 1), items.size(), "a page holds $itemsPerPage but the last");
            for (JsonNode e : items) seen.add(e.get("$key").asText());
            url = f.has("$next") ? f.get("$next").asText() : null;
        }
        assertEquals(3, pages);
        assertEquals(keys, seen);
    }

    // ------------------------------------------------------------------ JSON-6: errors

    @Test
    void errorsAreDollarDiagnosesWhenJsonIsAsked() {
        refused(Http.get(b + "/nope?format=json"), 404, "ResourceKindNotFound", "");
        refused(Http.get(b + "/contacts('no-such')", "Accept", JSON), 404, "ApplicationDiagnosis", "ResourceNotFound");
        refused(Http.delete(b + "/contacts", "Accept", JSON), 405, "ApplicationDiagnosis", "MethodNotAllowed");
        refused(Http.get(b + "/contacts?format=json&where=" + enc("lastName eq")), 400, "BadWhereSyntax", "");
    }

    @Test
    void aStaleIfMatchIs412WithTheCurrentResourceInJson() {
        String key = contactKey(unique("Stale"));
        String url = b + "/contacts('" + key + "')";
        JsonNode before = json(Http.get(url + "?format=json"), 200);
        Reply stale = putJson(url, "{\"lastName\":\"Lost\"}", "If-Match", "\"not-the-etag\"");
        JsonNode current = json(stale, 412);
        assertEquals(before.get("$etag").asText(), current.get("$etag").asText());
        assertEquals(before.get("lastName").asText(), current.get("lastName").asText());
        assertEquals(before.get("lastName").asText(), json(Http.get(url + "?format=json"), 200).get("lastName").asText(), "nothing changed");
    }

    @Test
    void aBodyOfAnotherTypeIs415AndALabelThatLiesIs400AndNothingIsCreated() {
        long before = total("contacts");
        refused(Http.post(b + "/contacts", "lastName\nCsv", "Content-Type", "text/csv", "Accept", JSON), 415,
                "ApplicationDiagnosis", "UnsupportedMediaType");
        refused(Http.post(b + "/contacts", "{\"lastName\":\"Lie\"}", "Content-Type", "application/atom+xml;type=entry",
                "Accept", JSON), 400, "ApplicationDiagnosis", "ContentTypeMismatch");
        refused(postJson(b + "/contacts", "<entry xmlns=\"http://www.w3.org/2005/Atom\"/>"), 400, "ApplicationDiagnosis",
                "ContentTypeMismatch");
        assertEquals(before, total("contacts"));
    }

    @Test
    void malformedDeepDuplicatedOrOversizedJsonIsRefusedAndNothingIsWritten() {
        long before = total("contacts");
        String deep = "{\"lastName\":\"Deep\",\"address\":" + "[".repeat(80) + "]".repeat(80) + "}";
        for (String bad : List.of("{\"lastName\":", "{\"lastName\":\"A\",\"lastName\":\"B\"}", deep, "[1,2]", "{} {}", "")) {
            refused(postJson(b + "/contacts", bad), 400, "ApplicationDiagnosis", "InvalidEntry");
        }
        String big = "{\"lastName\":\"" + "x".repeat(70 * 1024) + "\"}";
        refused(postJson(b + "/contacts", big), 413, "ApplicationDiagnosis", "PayloadTooLarge");
        assertEquals(before, total("contacts"));
    }

    // ------------------------------------------------------------------ writes

    @Test
    void aPartialUpdateChangesOnlyWhatIsSentAndNullClears() {
        String key = json(postJson(b + "/contacts", "{\"firstName\":\"Ann\",\"lastName\":\"" + unique("Part")
                + "\",\"birthDate\":\"1990-05-06\"}"), 201).get("$key").asText();
        String url = b + "/contacts('" + key + "')";
        String etag = Http.get(url + "?format=json").header("ETag");
        JsonNode updated = json(putJson(url, "{\"lastName\":\"Changed\",\"birthDate\":null,\"$etag\":\"ignored\"}", "If-Match", etag), 200);
        assertEquals("Ann", updated.get("firstName").asText(), "a property not sent is kept");
        assertEquals("Changed", updated.get("lastName").asText());
        assertTrue(updated.get("birthDate").isNull(), "null clears (nil)");
        assertFalse(("\"" + updated.get("$etag").asText() + "\"").equals(etag), "the ETag moved");
        assertEquals("true", atomText(url, "/a:entry/sdata:payload/c:contact/c:birthDate/@xsi:nil"));
        // the same update over POST with X-HTTP-Method-Override, for clients without PUT
        String etag2 = Http.get(url + "?format=json").header("ETag");
        JsonNode overridden = json(postJson(url, "{\"firstName\":\"Bea\"}", "X-HTTP-Method-Override", "PUT", "If-Match", etag2), 200);
        assertEquals("Bea", overridden.get("firstName").asText());
    }

    @Test
    void childListsFollowDeltaAndFullModesAndValidationNamesThePayloadPath() {
        String product = productKey(unique("LineProd"));
        String body = "{\"orderNumber\":\"" + unique("L") + "\",\"contact\":{\"$key\":\"" + contactKey(unique("LineC")) + "\"},"
                + "\"orderLines\":{\"$resources\":["
                + "{\"lineNumber\":1,\"unitPrice\":1.5},{\"lineNumber\":2,\"unitPrice\":2.5},{\"lineNumber\":3,\"unitPrice\":3.5}]}}";
        JsonNode order = json(postJson(b + "/salesOrders", body), 201);
        String url = b + "/salesOrders('" + order.get("$key").asText() + "')";
        JsonNode lines = order.get("orderLines").get("$resources");
        assertEquals(3, lines.size());
        String k1 = lines.get(0).get("$key").asText(), k2 = lines.get(1).get("$key").asText();
        // delta: update one by $key, delete one with $isDeleted, add one; the third stays
        String delta = "{\"orderLines\":{\"$resources\":[{\"$key\":\"" + k1 + "\",\"unitPrice\":9.5,\"product\":{\"$key\":\"" + product
                + "\"}},{\"$key\":\"" + k2 + "\",\"$isDeleted\":true},{\"lineNumber\":4,\"unitPrice\":4.5}]}}";
        JsonNode after = json(putJson(url + "?include=orderLines", delta, "If-Match", Http.get(url).header("ETag")), 200);
        JsonNode l = after.get("orderLines").get("$resources");
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode x : l) numbers.add(x.get("lineNumber").asInt());
        assertEquals(List.of(1, 3, 4), numbers);
        assertEquals("9.5", l.get(0).get("unitPrice").decimalValue().toPlainString());
        assertEquals(product, l.get(0).get("product").get("$key").asText());
        // full: $deleteMissing keeps only what is listed
        String full = "{\"orderLines\":{\"$deleteMissing\":true,\"$resources\":[{\"$key\":\"" + k1 + "\"}]}}";
        JsonNode only = json(putJson(url + "?include=orderLines", full, "If-Match", Http.get(url).header("ETag")), 200);
        assertEquals(1, only.get("orderLines").get("$resources").size());
        // validation: every fault, each with its payloadPath; nothing changed
        String etag = Http.get(url).header("ETag");
        Reply bad = putJson(url, "{\"orderDate\":\"not-a-date\",\"orderLines\":{\"$resources\":[{\"$key\":\"" + k1
                + "\",\"unitPrice\":\"abc\"}]}}", "If-Match", etag, "Accept", JSON);
        JsonNode d = json(bad, 400).get("$diagnoses");
        Set<String> paths = new HashSet<>();
        for (JsonNode one : d) {
            assertEquals("InvalidValue", one.get("applicationCode").asText());
            paths.add(one.get("payloadPath").asText());
        }
        assertEquals(2, paths.size(), d::toString);
        assertEquals(etag, Http.get(url).header("ETag"), "nothing changed");
    }

    @Test
    void aReliablePostWithTrackingIdIsTrackedAndAnsweredInJson() {
        String tracking = UUID.randomUUID().toString();
        String name = unique("Reliable");
        String body = "{\"lastName\":\"" + name + "\"}";
        Reply posted = postJson(b + "/contacts?trackingID=" + tracking, body);
        JsonNode t = json(posted, 202).get("$tracking");
        assertEquals("Completed", t.get("phase").asText(), posted::toString);
        String location = posted.header("Location");
        assertEquals(b + "/contacts/$post('" + tracking + "')", location);
        long after = total("contacts");
        json(postJson(b + "/contacts?trackingID=" + tracking, body), 202);
        assertEquals(after, total("contacts"), "the same post is not applied twice");
        Reply result = Http.get(location, "Accept", JSON);
        JsonNode created = json(result, 201);
        assertEquals(name, created.get("lastName").asText());
        assertEquals(result.header("Location"), created.get("$url").asText());
        assertEquals(200, Http.delete(location).status());
    }

    // ------------------------------------------------------------------ batches

    @Test
    void aJsonBatchAnswersEachOperationInOrder() {
        String a = contactKey(unique("BatchA"));
        String c = contactKey(unique("BatchC"));
        String etagA = json(Http.get(b + "/contacts('" + a + "')?format=json"), 200).get("$etag").asText();
        String body = "{\"$resources\":["
                + "{\"$httpMethod\":\"PUT\",\"$url\":\"" + b + "/contacts('" + a + "')\",\"$ifMatch\":\"" + etagA + "\",\"lastName\":\"Batched\"},"
                + "{\"$httpMethod\":\"PUT\",\"$url\":\"" + b + "/contacts('" + c + "')\",\"$ifMatch\":\"stale\",\"lastName\":\"Lost\"},"
                + "{\"$httpMethod\":\"POST\",\"lastName\":\"" + unique("BatchNew") + "\"},"
                + "{\"$httpMethod\":\"GET\",\"$url\":\"" + b + "/contacts('" + a + "')\"},"
                + "{\"$httpMethod\":\"DELETE\",\"$url\":\"" + b + "/contacts('no-such')\"}]}";
        JsonNode answer = json(postJson(b + "/contacts/$batch", body), 200);
        JsonNode items = answer.get("$resources");
        assertEquals(5, items.size());
        int[] statuses = {200, 412, 201, 200, 404};
        String[] methods = {"PUT", "PUT", "POST", "GET", "DELETE"};
        for (int i = 0; i < 5; i++) {
            assertEquals(statuses[i], items.get(i).get("$httpStatus").asInt(), items::toString);
            assertEquals(methods[i], items.get(i).get("$httpMethod").asText());
            assertNotNull(items.get(i).get("$httpMessage"));
        }
        assertEquals("Batched", items.get(0).get("lastName").asText());
        assertEquals("BatchC", items.get(1).get("lastName").asText().replaceAll("[0-9x]+$", ""), "412 carries the current entry");
        assertNotNull(items.get(2).get("$location"));
        assertEquals("ResourceNotFound", items.get(4).get("$diagnoses").get(0).get("applicationCode").asText());
        assertEquals("Batched", atomText(b + "/contacts('" + a + "')", "/a:entry/sdata:payload/c:contact/c:lastName"));
    }

    @Test
    void anAtomicJsonBatchAppliesNothingWhenOneOperationFails() {
        long before = total("contacts");
        String body = "{\"$resources\":[{\"$httpMethod\":\"POST\",\"lastName\":\"" + unique("Atomic") + "\"},"
                + "{\"$httpMethod\":\"POST\",\"birthDate\":\"never\"}]}";
        JsonNode items = json(postJson(b + "/contacts/$batch?atomic=true", body), 200).get("$resources");
        assertEquals(424, items.get(0).get("$httpStatus").asInt());
        assertEquals("RolledBack", items.get(0).get("$diagnoses").get(0).get("applicationCode").asText());
        assertEquals(400, items.get(1).get("$httpStatus").asInt());
        assertEquals("InvalidValue", items.get(1).get("$diagnoses").get(0).get("applicationCode").asText());
        assertEquals(before, total("contacts"));
    }

    @Test
    void aJsonBatchAcrossKindsNamesEachTargetByItsUrl() {
        String body = "{\"$resources\":[{\"$httpMethod\":\"POST\",\"$url\":\"" + b + "/contacts\",\"lastName\":\"" + unique("Mixed") + "\"},"
                + "{\"$httpMethod\":\"POST\",\"$url\":\"" + b + "/products\",\"name\":\"" + unique("MixedProduct") + "\"}]}";
        JsonNode items = json(postJson(b + "/$batch", body), 200).get("$resources");
        assertEquals(201, items.get(0).get("$httpStatus").asInt(), items::toString);
        assertEquals(201, items.get(1).get("$httpStatus").asInt(), items::toString);
        assertTrue(items.get(0).get("$location").asText().contains("/contacts('"));
        assertTrue(items.get(1).get("$location").asText().contains("/products('"));
    }

    @Test
    void aBatchThatIsNotOneIsRefusedWholeInJson() {
        long before = total("contacts");
        for (String bad : List.of("{\"$resources\":{}}", "[]", "{\"$resources\":[{\"$httpMethod\":\"PATCH\",\"lastName\":\"x\"}]}",
                "{\"$resources\":[{\"lastName\":\"no method\"}]}", "{\"$resources\":[1]}")) {
            refused(postJson(b + "/contacts/$batch", bad), 400, "ApplicationDiagnosis", "InvalidBatch");
        }
        assertEquals(before, total("contacts"));
    }

    @Test
    void anAsynchronousJsonBatchIsTrackedInJsonAndAnsweredInJson() throws Exception {
        String url = b + "/contacts/$batch?trackingID=" + UUID.randomUUID();
        String body = "{\"$resources\":[{\"$httpMethod\":\"POST\",\"lastName\":\"" + unique("Async") + "\"}]}";
        Reply accepted = postJson(url, body);
        JsonNode t = json(accepted, 202).get("$tracking");
        assertNotNull(t, accepted::toString);
        for (String m : List.of("phase", "phaseDetail", "progress", "elapsedSeconds", "remainingSeconds", "pollingMillis")) {
            assertTrue(t.has(m), m);
        }
        assertEquals(url, accepted.header("Location"));
        Reply r = Http.get(url, "Accept", JSON);
        long until = System.nanoTime() + 30_000_000_000L;
        while (r.status() == 202 && System.nanoTime() < until) {
            Thread.sleep(100);
            r = Http.get(url, "Accept", JSON);
        }
        JsonNode done = json(r, 200);
        assertEquals(201, done.get("$resources").get(0).get("$httpStatus").asInt());
        assertEquals(200, Http.delete(url).status());
    }
}
