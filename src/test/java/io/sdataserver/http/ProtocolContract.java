package io.sdataserver.http;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Black-box protocol tests against the real server over HTTP: intermediate URLs, error codes, $schema and
 * $template, paging, method override, the ETag protocol, writes and hostile request bodies. Every test makes the
 * data it needs under its own keys; the 35 products of dataset "prod" are created once and never changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProtocolContract {
    private static final String SDATA_NS = "http://schemas.sage.com/sdata/2008/1";
    private static final String CATEGORIES = "http://schemas.sage.com/sdata/categories";
    private static final String CONTRACT_NS = "http://schemas.sage.com/myContract";
    private static final String FEED = "application/atom+xml";
    private static final String SO = "/a:entry/sdata:payload/c:salesOrder";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final HttpClient RAW = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    private static final int PROD_PRODUCTS = 35;

    private TestServer server;
    /** http://127.0.0.1:PORT/sdata */
    private String sdata;
    /** The default dataset: .../sdata/myApp/myContract/- */
    private String b;
    /** The "prod" dataset, holding exactly the 35 products made in {@link #start()}. */
    private String prod;
    private final List<String> prodProductKeys = new ArrayList<>();

    abstract Backend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        sdata = server.sdata();
        b = server.base();
        prod = sdata + "/myApp/myContract/prod";
        String run = unique("pp");
        for (int i = 1; i <= PROD_PRODUCTS; i++) {
            String key = run + "-" + String.format("%02d", i);
            created(Http.post(prod + "/products", entry(resource("product", "sdata:key=\"" + key + "\"",
                    "<productNumber>" + key + "</productNumber><name>Product " + i + "</name>"))));
            prodProductKeys.add(key);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    // =================================================================== 1. intermediate feeds (URL-24)

    /**
     * Java's HttpClient, left at its defaults, offers an upgrade to h2c on plain HTTP. The server upgrades to
     * nothing, so the offer is ignored: a POST with a body is answered at once, over the same connection as before.
     */
    @Test
    void clientOfferingH2cUpgradeIsServedOverHttp11() throws Exception {
        HttpClient offering = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(); // HTTP_2 by default
        String name = "H2c" + COUNTER.incrementAndGet();
        String body = "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"" + SDATA_NS + "\"><sdata:payload>"
                + "<contact xmlns=\"" + CONTRACT_NS + "\"><lastName>" + name + "</lastName></contact></sdata:payload></entry>";
        long t0 = System.nanoTime();
        HttpResponse<String> created = offering.send(HttpRequest.newBuilder(URI.create(b + "/contacts")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/atom+xml;type=entry").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(HttpClient.Version.HTTP_1_1, created.version());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "answered without waiting for a read timeout");
        String location = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> read = offering.send(HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode());
        assertTrue(read.body().contains("<lastName>" + name + "</lastName>"), read.body());
    }

    @Test
    void providerFeedListsTheApplication() {
        for (String url : List.of(sdata, sdata + "/")) {
            Xml x = feed(Http.get(url));
            assertEquals("provider", sdataCategory(x, "/a:feed"), url);
            assertEquals(1, x.count("/a:feed/a:entry"), url);
            assertEquals("application", sdataCategory(x, "/a:feed/a:entry[1]"), url);
            String app = x.text("/a:feed/a:entry[1]/a:link[@rel='self']/@href");
            assertEquals(sdata + "/myApp", app, url);
            assertEquals("application", sdataCategory(feed(Http.get(app)), "/a:feed"), "the entry's link leads to the application feed");
        }
    }

    @Test
    void applicationFeedListsTheContracts() {
        for (String url : List.of(sdata + "/myApp", sdata + "/myApp/")) {
            Xml x = feed(Http.get(url));
            assertEquals("application", sdataCategory(x, "/a:feed"), url);
            assertEquals(1, x.count("/a:feed/a:entry"), url);
            assertEquals("contract", sdataCategory(x, "/a:feed/a:entry[1]"), url);
            String contract = x.text("/a:feed/a:entry[1]/a:link[@rel='self']/@href");
            assertEquals(sdata + "/myApp/myContract", contract, url);
            assertEquals("contract", sdataCategory(feed(Http.get(contract)), "/a:feed"));
        }
    }

    @Test
    void contractFeedListsTheDatasets() {
        for (String url : List.of(sdata + "/myApp/myContract", sdata + "/myApp/myContract/")) {
            Xml x = feed(Http.get(url));
            assertEquals("contract", sdataCategory(x, "/a:feed"), url);
            assertEquals(2, x.count("/a:feed/a:entry"), url);
            Set<String> hrefs = new HashSet<>();
            for (int i = 1; i <= 2; i++) {
                assertEquals("dataset", sdataCategory(x, "/a:feed/a:entry[" + i + "]"), url);
                hrefs.add(x.text("/a:feed/a:entry[" + i + "]/a:link[@rel='self']/@href"));
            }
            assertEquals(Set.of(b, prod), hrefs, url);
        }
    }

    @Test
    void datasetFeedListsEveryResourceKindAsCollection() {
        Xml schema = schemaDocument(Http.get(b + "/$schema"));
        int kinds = schema.count("/xs:schema/xs:element[@sme:role='resourceKind']");
        Set<String> expected = new LinkedHashSet<>();
        for (int i = 1; i <= kinds; i++) {
            expected.add(b + "/" + schema.text("/xs:schema/xs:element[@sme:role='resourceKind'][" + i + "]/@sme:pluralName"));
        }
        assertEquals(7, expected.size(), "the bundled contract has seven resource kinds");
        for (String url : List.of(b, b + "/")) {
            Xml x = feed(Http.get(url));
            assertEquals("dataset", sdataCategory(x, "/a:feed"), url);
            assertEquals(kinds, x.count("/a:feed/a:entry"), url);
            Set<String> hrefs = new LinkedHashSet<>();
            for (int i = 1; i <= kinds; i++) {
                assertEquals("collection", sdataCategory(x, "/a:feed/a:entry[" + i + "]"), url);
                hrefs.add(x.text("/a:feed/a:entry[" + i + "]/a:link[@rel='self']/@href"));
            }
            assertEquals(expected, hrefs, url);
        }
        // each listed collection answers a collection feed
        Xml orders = feed(Http.get(b + "/salesOrders?count=0"));
        assertEquals("collection", sdataCategory(orders, "/a:feed"));
    }

    // =================================================================== 2. error codes (ERR-10)

    @Test
    void unknownApplicationIsApplicationNotFound() {
        diagnoses(Http.get(sdata + "/nope"), 404, "ApplicationNotFound");
        diagnoses(Http.get(sdata + "/nope/myContract/-/salesOrders"), 404, "ApplicationNotFound");
    }

    @Test
    void unknownContractIsContractNotFound() {
        diagnoses(Http.get(sdata + "/myApp/nope"), 404, "ContractNotFound");
        diagnoses(Http.get(sdata + "/myApp/nope/-/salesOrders"), 404, "ContractNotFound");
    }

    @Test
    void unknownDatasetIsDatasetNotFound() {
        diagnoses(Http.get(sdata + "/myApp/myContract/nope"), 404, "DatasetNotFound");
        diagnoses(Http.get(sdata + "/myApp/myContract/nope/salesOrders"), 404, "DatasetNotFound");
    }

    @Test
    void unknownResourceKindIsResourceKindNotFound() {
        diagnoses(Http.get(b + "/noSuchKind"), 404, "ResourceKindNotFound");
        diagnoses(Http.get(b + "/noSuchKind('1')"), 404, "ResourceKindNotFound");
    }

    @Test
    void nonsenseUrlsAreBadUrlSyntax() {
        List<String> urls = List.of(
                b + "/salesOrders/foo/bar/baz",      // property segment after a collection
                b + "/salesOrders('1')/orderDate",    // property segment naming a simple property
                b + "/salesOrders('abc",              // unterminated key
                b + "/salesOrders('a'b')",            // undoubled quote inside a key
                b + "/salesOrders)x",                 // stray parenthesis
                b + "/salesOrders()");                // empty selector
        for (String url : urls) diagnoses(Http.get(url), 400, "BadUrlSyntax");
        // a path outside the SData service names nothing at all
        diagnoses(Http.get(sdata.replace("/sdata", "/nothing/here")), 404, "BadUrlSyntax");
    }

    @Test
    void nonNumericCountIsBadQueryParameter() {
        diagnoses(Http.get(b + "/salesOrders?count=abc"), 400, "BadQueryParameter");
        diagnoses(Http.get(b + "/salesOrders?startIndex=abc"), 400, "BadQueryParameter");
        diagnoses(Http.get(b + "/salesOrders?startIndex=0"), 400, "BadQueryParameter");
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        List<String> plain = entryIds(feed(Http.get(prod + "/products?count=50")));
        Xml x = feed(Http.get(prod + "/products?count=50&_t=1&_includeContent=true&foo=bar"));
        assertEquals(String.valueOf(PROD_PRODUCTS), x.text("/a:feed/opensearch:totalResults"));
        assertEquals(PROD_PRODUCTS, plain.size());
        assertEquals(plain, entryIds(x), "unknown parameters change nothing");
    }

    // =================================================================== 3. $schema and $template

    @Test
    void schemaIsTheContractXsd() {
        for (String url : List.of(b + "/$schema", b + "/%24schema")) {
            Xml x = schemaDocument(Http.get(url));
            assertEquals(CONTRACT_NS, x.text("/xs:schema/@targetNamespace"), url);
            assertTrue(x.has("/xs:schema/xs:element[@name='salesOrder'][@sme:role='resourceKind']"), url);
        }
    }

    @Test
    void schemaFlagsAreTruthful() {
        Xml x = schemaDocument(Http.get(b + "/$schema"));
        String kinds = "/xs:schema/xs:element[@sme:role='resourceKind']";
        assertEquals(7, x.count(kinds));
        assertEquals(0, x.count(kinds + "[not(@sme:batchingMode='syncOrAsync')]"), "BAT-2: every kind has a synchronous and asynchronous $batch");
        assertEquals(0, x.count(kinds + "[not(@sme:canPageNext='true')]"), "every feed has next links");
        assertEquals(0, x.count(kinds + "[not(@sme:canPagePrevious='true')]"), "every feed has previous links");
        assertEquals(0, x.count(kinds + "[not(@sme:canPageIndex='true')]"), "every feed honours startIndex/count");
        assertEquals(0, x.count(kinds + "[@sme:isSyncSource='true' or @sme:isSyncTarget='true']"), "no synchronisation");
        String props = "/xs:schema/xs:complexType//xs:element[not(@maxOccurs='unbounded')]";
        assertEquals(0, x.count(props + "[not(@sme:relationship)][not(@sme:canFilter='true' and @sme:canSort='true')]"),
                "where and orderBy take every simple property");
        assertEquals(0, x.count(props + "[@sme:relationship][@sme:canFilter='true' or @sme:canSort='true']"),
                "relationships are filtered through their members only");
        assertEquals("$key,$uuid,$updated,$published,$title", x.text(kinds + "[@name='salesOrder']/@sme:protocolFilters"));
        assertEquals("true", x.text(kinds + "[@name='salesOrder']/@sme:hasTemplate"), "salesOrders/$template exists");
        assertEquals("false", x.text(kinds + "[@name='address']/@sme:hasTemplate"), "addresses cannot be posted");
        assertEquals("true", x.text(kinds + "[@name='salesOrder']/@sme:supportsETag"));
        assertEquals("false", x.text(kinds + "[@name='taxCode']/@sme:supportsETag"));
        assertEquals("false", x.text(kinds + "[@name='taxCode']/@sme:canDelete"));
    }

    @Test
    void kindSchemaRedirectsToTheContractSchema() {
        Reply r = Http.get(b + "/salesOrders/$schema");
        assertEquals(302, r.status(), r::toString);
        String location = r.header("Location");
        assertNotNull(location, "302 needs a Location");
        assertTrue(location.endsWith("/$schema#salesOrder"), location);
        assertEquals(b + "/$schema#salesOrder", location);
        Xml x = schemaDocument(Http.get(location.substring(0, location.indexOf('#'))));
        assertTrue(x.has("/xs:schema/xs:element[@name='salesOrder']"));
    }

    @Test
    void templateIsAnEntryWithoutKeyAndCreatesNothing() {
        String total = totalResults(b + "/salesOrders");
        Xml x = entry200(Http.get(b + "/salesOrders/$template"));
        assertTrue(x.has(SO), "payload root is salesOrder");
        assertEquals(1, x.count("/a:entry/sdata:payload/*"));
        assertFalse(x.has(SO + "/@sdata:key"), "a template has no sdata:key");
        assertTrue(x.text("/a:entry/a:id").endsWith("/salesOrders/$template"), x.text("/a:entry/a:id"));
        assertFalse(x.has("/a:entry/http:etag"), "a template is no stored resource");
        assertEquals(total, totalResults(b + "/salesOrders"), "nothing was created");
    }

    @Test
    void templateOfNonPostableKindIs404() {
        // $template exists only for kinds with sme:canPost (URL-16): elsewhere there is nothing at that URL
        Reply r = Http.get(b + "/addresses/$template");
        diagnoses(r, 404, "ApplicationDiagnosis", "ResourceNotFound");
        assertTrue(r.xml().text("//sdata:message").contains("$template"), r::toString);
    }

    // =================================================================== 4. paging (§3.5, §6.4)

    @Test
    void firstPageHasFirstLastNextAndNoPrevious() {
        Xml x = feed(Http.get(prod + "/products?count=10"));
        assertEquals("35", x.text("/a:feed/opensearch:totalResults"));
        assertEquals("1", x.text("/a:feed/opensearch:startIndex"));
        assertEquals("10", x.text("/a:feed/opensearch:itemsPerPage"));
        assertEquals(10, x.count("/a:feed/a:entry"));
        assertEquals(1, x.count("/a:feed/a:link[@rel='self']"));
        assertEquals(1, x.count("/a:feed/a:link[@rel='first']"));
        assertEquals(1, x.count("/a:feed/a:link[@rel='last']"));
        assertEquals(1, x.count("/a:feed/a:link[@rel='next']"));
        assertEquals(0, x.count("/a:feed/a:link[@rel='previous']"), "no previous on the first page");
        Xml last = feed(Http.get(x.text("/a:feed/a:link[@rel='last']/@href")));
        assertEquals("31", last.text("/a:feed/opensearch:startIndex"), "last points at the last page");
        assertEquals(5, last.count("/a:feed/a:entry"));
    }

    @Test
    void lastPageHasPreviousAndNoNext() {
        Xml x = feed(Http.get(prod + "/products?startIndex=31&count=10"));
        assertEquals("35", x.text("/a:feed/opensearch:totalResults"));
        assertEquals("31", x.text("/a:feed/opensearch:startIndex"));
        assertEquals("10", x.text("/a:feed/opensearch:itemsPerPage"));
        assertEquals(5, x.count("/a:feed/a:entry"));
        assertEquals(1, x.count("/a:feed/a:link[@rel='previous']"));
        assertEquals(1, x.count("/a:feed/a:link[@rel='first']"));
        assertEquals(1, x.count("/a:feed/a:link[@rel='last']"));
        assertEquals(0, x.count("/a:feed/a:link[@rel='next']"), "no next on the last page");
        Xml previous = feed(Http.get(x.text("/a:feed/a:link[@rel='previous']/@href")));
        assertEquals("21", previous.text("/a:feed/opensearch:startIndex"));
        assertEquals(10, previous.count("/a:feed/a:entry"));
    }

    @Test
    void walkingNextVisitsEveryResourceOnce() {
        List<String> seen = new ArrayList<>();
        String url = prod + "/products?count=10";
        int pages = 0;
        while (url != null) {
            assertTrue(++pages <= 10, "next links do not end");
            Xml x = feed(Http.get(url));
            int n = x.count("/a:feed/a:entry");
            boolean hasNext = x.has("/a:feed/a:link[@rel='next']");
            if (hasNext) assertEquals(10, n, "every page but the last is full");
            for (int i = 1; i <= n; i++) seen.add(x.text("/a:feed/a:entry[" + i + "]/sdata:payload/c:product/@sdata:key"));
            url = hasNext ? x.text("/a:feed/a:link[@rel='next']/@href") : null;
        }
        assertEquals(4, pages);
        assertEquals(PROD_PRODUCTS, seen.size(), "35 entries in all");
        assertEquals(new HashSet<>(prodProductKeys), new HashSet<>(seen), "every key exactly once");
    }

    @Test
    void defaultPageSizeIsReported() {
        Xml x = feed(Http.get(prod + "/products"));
        assertEquals("100", x.text("/a:feed/opensearch:itemsPerPage"));
        assertEquals("1", x.text("/a:feed/opensearch:startIndex"));
        assertEquals(PROD_PRODUCTS, x.count("/a:feed/a:entry"));
        assertFalse(x.has("/a:feed/a:link[@rel='next']"));
    }

    /** QRY-9: a collection larger than the default page is paged even when the consumer asks for no count. */
    @Test
    void aLargeCollectionIsPagedWithoutCount() {
        try (TestServer own = TestServer.start(backend())) {
            String b = own.base();
            for (int i = 0; i < 120; i++) {
                Reply r = Http.post(b + "/products", entry(resource("product", "", "<name>P" + i + "</name>")));
                assertEquals(201, r.status(), r::toString);
            }
            Xml first = feed(Http.get(b + "/products"));
            assertEquals(100, first.count("/a:feed/a:entry"));
            assertEquals("120", first.text("/a:feed/opensearch:totalResults"));
            Xml second = feed(Http.get(first.text("/a:feed/a:link[@rel='next']/@href")));
            assertEquals(20, second.count("/a:feed/a:entry"));
            assertFalse(second.has("/a:feed/a:link[@rel='next']"));
        }
    }

    @Test
    void countIsCappedAtTheMaximumPageSize() {
        Xml x = feed(Http.get(prod + "/products?count=5000"));
        assertEquals("1000", x.text("/a:feed/opensearch:itemsPerPage"));
        assertEquals(PROD_PRODUCTS, x.count("/a:feed/a:entry"));
    }

    @Test
    void countBeyondTheIntegerRangeIsCappedNotRefused() {
        // QRY-8: a count above the cap is answered with the cap, however large it is
        for (String count : List.of("2147483648", "100000000000")) {
            Xml x = feed(Http.get(prod + "/products?count=" + count));
            assertEquals("1000", x.text("/a:feed/opensearch:itemsPerPage"), "count=" + count);
            assertEquals(PROD_PRODUCTS, x.count("/a:feed/a:entry"), "count=" + count);
        }
    }

    @Test
    void datasetsDoNotShareData() {
        String key = prodProductKeys.get(0);
        entry200(Http.get(prod + "/products('" + key + "')"));
        diagnoses(Http.get(b + "/products('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
        String contact = unique("iso");
        created(Http.post(prod + "/contacts", contactEntry(contact, "Iso")));
        entry200(Http.get(prod + "/contacts('" + contact + "')"));
        diagnoses(Http.get(b + "/contacts('" + contact + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    // =================================================================== 5. method override (§9.1, §10.1)

    @Test
    void overridePutUpdates() {
        String key = newOrder("<comment>before</comment>");
        Reply before = Http.get(b + "/salesOrders('" + key + "')");
        Reply r = Http.post(b + "/salesOrders('" + key + "')", orderEntry("<comment>after</comment>"),
                "X-HTTP-Method-Override", "PUT", "If-Match", before.header("ETag"));
        Xml x = entry200(r);
        assertEquals("after", x.text(SO + "/c:comment"));
        assertNotNull(r.etag());
        assertNotEquals(before.etag(), r.etag(), "an update changes the ETag");
        assertEquals(r.etag(), x.text("/a:entry/http:etag"));
        assertEquals("after", entry200(Http.get(b + "/salesOrders('" + key + "')")).text(SO + "/c:comment"));
        assertEquals(1, count(b + "/salesOrders", key), "the override did not create a resource");
    }

    @Test
    void overrideDeleteDeletes() {
        String key = newOrder("");
        Reply r = Http.post(b + "/salesOrders('" + key + "')", null, "X-HTTP-Method-Override", "DELETE");
        assertEquals(200, r.status(), r::toString);
        // a read of a deleted resource is a 404 (§7.5 has no 410 for GET); only a repeated DELETE or PUT is 410
        diagnoses(Http.get(b + "/salesOrders('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void overrideGetWithQueryStringBody() {
        Reply r = Http.post(prod + "/products", "startIndex=1&count=2", "X-HTTP-Method-Override", "GET",
                "Content-Type", "text/plain");
        Xml x = feed(r);
        assertEquals("35", x.text("/a:feed/opensearch:totalResults"));
        assertEquals("1", x.text("/a:feed/opensearch:startIndex"));
        assertEquals("2", x.text("/a:feed/opensearch:itemsPerPage"));
        assertEquals(2, x.count("/a:feed/a:entry"));
        assertEquals(PROD_PRODUCTS, count(prod + "/products", null), "nothing was posted");
    }

    @Test
    void overrideGetWithFullUrlBody() {
        Reply r = Http.post(prod + "/products", prod + "/products?startIndex=3&count=4", "X-HTTP-Method-Override", "GET",
                "Content-Type", "text/plain");
        Xml x = feed(r);
        assertEquals("35", x.text("/a:feed/opensearch:totalResults"));
        assertEquals("3", x.text("/a:feed/opensearch:startIndex"));
        assertEquals("4", x.text("/a:feed/opensearch:itemsPerPage"));
        assertEquals(4, x.count("/a:feed/a:entry"));
        List<String> direct = entryIds(feed(Http.get(prod + "/products?startIndex=3&count=4")));
        assertEquals(direct, entryIds(x), "the same page as the plain GET");
    }

    @Test
    void overrideHeaderOnGetIsRefused() {
        String key = newOrder("<comment>stays</comment>");
        String url = b + "/salesOrders('" + key + "')";
        String etag = Http.get(url).etag();
        diagnoses(Http.get(b + "/salesOrders", "X-HTTP-Method-Override", "DELETE"), 400, "ApplicationDiagnosis", "BadMethodOverride");
        diagnoses(Http.get(url, "X-HTTP-Method-Override", "DELETE"), 400, "ApplicationDiagnosis", "BadMethodOverride");
        Reply after = Http.get(url);
        assertEquals("stays", entry200(after).text(SO + "/c:comment"), "nothing was deleted");
        assertEquals(etag, after.etag(), "the resource is unchanged");
    }

    @Test
    void overrideToUnsupportedMethodIsRefused() {
        String key = newOrder("<comment>keep</comment>");
        Reply r = Http.post(b + "/salesOrders('" + key + "')", orderEntry("<comment>patched</comment>"),
                "X-HTTP-Method-Override", "PATCH");
        diagnoses(r, 400, "ApplicationDiagnosis", "BadMethodOverride");
        assertEquals("keep", entry200(Http.get(b + "/salesOrders('" + key + "')")).text(SO + "/c:comment"));
    }

    // =================================================================== 6. concurrency (§9.3, §10.2)

    @Test
    void putWithoutIfMatchOnEtagKindIs400AndChangesNothing() {
        String key = newOrder("<comment>original</comment>");
        Reply before = Http.get(b + "/salesOrders('" + key + "')");
        diagnoses(Http.put(b + "/salesOrders('" + key + "')", orderEntry("<comment>changed</comment>")), 400, "ApplicationDiagnosis", "MissingIfMatch");
        Reply after = Http.get(b + "/salesOrders('" + key + "')");
        assertEquals("original", entry200(after).text(SO + "/c:comment"));
        assertEquals(before.etag(), after.etag(), "the resource is unchanged");
    }

    /** Entry ETags are URL-safe base64: never a '/', so none begins with "W/" and is mistaken for a weak tag. */
    @Test
    void entryEtagsAreUrlSafe() {
        Xml x = feed(Http.get(prod + "/products?count=100"));
        int n = x.count("/a:feed/a:entry");
        assertTrue(n >= 30);
        for (int i = 1; i <= n; i++) {
            String etag = x.text("/a:feed/a:entry[" + i + "]/http:etag");
            assertTrue(etag.matches("[A-Za-z0-9_-]{22}=="), etag);
        }
    }

    @Test
    void ifMatchIsComparedTolerantly() {
        String key = newOrder("");
        String url = b + "/salesOrders('" + key + "')";
        String[] forms = {"\"%s\"", "W/\"%s\"", "%s"};
        for (int i = 0; i < forms.length; i++) {
            String etag = Http.get(url).etag();
            Reply r = Http.put(url, orderEntry("<comment>v" + i + "</comment>"), "If-Match", String.format(forms[i], etag));
            Xml x = entry200(r);
            assertEquals("v" + i, x.text(SO + "/c:comment"), forms[i]);
            assertNotEquals(etag, r.etag(), forms[i]);
        }
    }

    @Test
    void ifMatchStarMatchesAnyCurrentState() {
        // RFC 9110 §13.1.1: "If-Match: *" is true whenever the resource exists
        String key = newOrder("<comment>v0</comment>");
        String url = b + "/salesOrders('" + key + "')";
        Xml x = entry200(Http.put(url, orderEntry("<comment>star</comment>"), "If-Match", "*"));
        assertEquals("star", x.text(SO + "/c:comment"));
        Reply del = Http.delete(url, "If-Match", "*");
        assertEquals(200, del.status(), del::toString);
        diagnoses(Http.get(url), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void ifMatchListContainingTheCurrentEtagMatches() {
        // RFC 9110 §13.1.1: If-Match is a list of entity tags; the condition holds when any of them matches
        String key = newOrder("<comment>v0</comment>");
        String url = b + "/salesOrders('" + key + "')";
        String etag = Http.get(url).etag();
        Xml x = entry200(Http.put(url, orderEntry("<comment>listed</comment>"), "If-Match", "\"stale-1\", \"" + etag + "\""));
        assertEquals("listed", x.text(SO + "/c:comment"));
        Reply stale = Http.put(url, orderEntry("<comment>again</comment>"), "If-Match", "\"stale-1\", \"" + etag + "\"");
        assertEquals(412, stale.status(), "none of the listed ETags is current any more: " + stale);
        assertEquals("listed", entry200(Http.get(url)).text(SO + "/c:comment"), "the refused PUT changed nothing");
    }

    @Test
    void staleIfMatchOnPutIs412WithTheCurrentEntry() {
        String key = newOrder("<comment>v0</comment>");
        String url = b + "/salesOrders('" + key + "')";
        String e0 = Http.get(url).etag();
        Reply first = Http.put(url, orderEntry("<comment>v1</comment>"), "If-Match", "\"" + e0 + "\"");
        entry200(first);
        String e1 = first.etag();

        Reply stale = Http.put(url, orderEntry("<comment>v2</comment>"), "If-Match", "\"" + e0 + "\"");
        assertEquals(412, stale.status(), stale::toString);
        assertMediaType(stale, FEED, "entry");
        Xml x = stale.xml();
        assertEquals("entry", x.rootName());
        assertEquals("v1", x.text(SO + "/c:comment"), "the body is the current state");
        assertEquals(e1, x.text("/a:entry/http:etag"));
        assertEquals(e1, stale.etag(), "ETag header = current ETag = http:etag");

        Reply now = Http.get(url);
        assertEquals("v1", entry200(now).text(SO + "/c:comment"), "nothing was updated");
        assertEquals(e1, now.etag());
    }

    @Test
    void deleteWithoutIfMatchDeletes() {
        String key = newOrder("");
        Reply r = Http.delete(b + "/salesOrders('" + key + "')");
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.body().isEmpty(), "DELETE answers an empty body");
        diagnoses(Http.get(b + "/salesOrders('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void deleteWithStaleIfMatchIs412AndKeepsTheResource() {
        String key = newOrder("<comment>v0</comment>");
        String url = b + "/salesOrders('" + key + "')";
        String e0 = Http.get(url).etag();
        Reply upd = Http.put(url, orderEntry("<comment>v1</comment>"), "If-Match", "\"" + e0 + "\"");
        entry200(upd);
        Reply r = Http.delete(url, "If-Match", "\"" + e0 + "\"");
        assertEquals(412, r.status(), r::toString);
        assertMediaType(r, FEED, "entry");
        assertEquals(upd.etag(), r.etag());
        assertEquals(upd.etag(), r.xml().text("/a:entry/http:etag"));
        Xml still = entry200(Http.get(url));
        assertEquals("v1", still.text(SO + "/c:comment"), "the resource still exists");
        Reply ok = Http.delete(url, "If-Match", "\"" + upd.etag() + "\"");
        assertEquals(200, ok.status(), "a matching If-Match deletes: " + ok);
    }

    @Test
    void taxCodesWithoutEtagSupportAcceptPutWithoutIfMatch() {
        String key = unique("tx");
        Reply c = Http.post(b + "/taxCodes", taxCodeEntry(key, "<code>" + key + "</code><description>first</description>"));
        assertFalse(created(c).has("/a:entry/http:etag"), "supportsETag=false: no http:etag");
        assertNull(c.header("ETag"), "supportsETag=false: no ETag header");
        String url = b + "/taxCodes('" + key + "')";
        Reply r = Http.put(url, taxCodeEntry(null, "<description>second</description>"));
        Xml x = entry200(r);
        assertEquals("second", x.text("/a:entry/sdata:payload/c:taxCode/c:description"));
        assertFalse(x.has("/a:entry/http:etag"));
        Xml read = entry200(Http.get(url));
        assertEquals("second", read.text("/a:entry/sdata:payload/c:taxCode/c:description"));
        assertFalse(read.has("/a:entry/http:etag"));
        Xml list = feed(Http.get(b + "/taxCodes"));
        assertTrue(list.count("/a:feed/a:entry") >= 1);
        assertEquals(0, list.count("/a:feed/a:entry/http:etag"), "no entry of the feed carries http:etag");
    }

    @Test
    void putOnMissingKeyIs404() {
        String key = unique("none");
        String url = b + "/salesOrders('" + key + "')";
        diagnoses(Http.put(url, orderEntry("<comment>x</comment>"), "If-Match", "\"abc\""), 404, "ApplicationDiagnosis", "ResourceNotFound");
        diagnoses(Http.put(url, orderEntry("<comment>x</comment>")), 404, "ApplicationDiagnosis", "ResourceNotFound");
        diagnoses(Http.get(url), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void deleteTwiceAndReadAfterDelete() {
        String key = newOrder("");
        String url = b + "/salesOrders('" + key + "')";
        String etag = Http.get(url).etag();
        assertEquals(200, Http.delete(url).status());
        // deletions are remembered (a tombstone), so a later DELETE or PUT is 410 Gone (DEL-4, UPD-23), never an upsert
        diagnoses(Http.delete(url), 410, "ApplicationDiagnosis", "ResourceDeleted");
        Reply put = Http.put(url, entry(resource("salesOrder", "", "<comment>again</comment>")), "If-Match", etag);
        diagnoses(put, 410, "ApplicationDiagnosis", "ResourceDeleted"); // UPD-23
        diagnoses(Http.put(url, entry(resource("salesOrder", "", "<comment>again</comment>"))), 410, "ApplicationDiagnosis",
                "ResourceDeleted"); // UPD-23, without If-Match too
        diagnoses(Http.get(url), 404, "ApplicationDiagnosis", "ResourceNotFound");
        assertEquals(0, count(b + "/salesOrders", key), "no PUT brought the order back");
    }

    // =================================================================== 7. writes (§8, §9)

    @Test
    void postWithoutContentTypeIsAccepted() {
        String key = unique("noct");
        Reply r = postWithoutContentType(b + "/contacts", contactEntry(key, "NoType"));
        assertNull(r.raw().request().headers().firstValue("Content-Type").orElse(null), "the request had no Content-Type");
        Xml x = created(r);
        assertEquals(key, x.text("/a:entry/sdata:payload/c:contact/@sdata:key"));
        entry200(Http.get(b + "/contacts('" + key + "')"));
    }

    @Test
    void contentTypeOrAcceptThatIsNotAMediaTypeIsADiagnosedBadRequest() {
        for (String bad : List.of("/", "application/atom+xml; type=", ";;")) {
            Xml x = diagnoses(Http.post(b + "/contacts", contactEntry(unique("badct"), "BadHeaderProbe"), "Content-Type", bad), 400,
                    "ApplicationDiagnosis", "BadHeader");
            assertTrue(x.text("/sdata:diagnoses/sdata:diagnosis/sdata:message").contains("Content-Type"), bad);
            x = diagnoses(Http.get(b + "/contacts", "Accept", bad.equals("/") ? "a/b;q=x" : bad), 400, "ApplicationDiagnosis", "BadHeader");
            assertTrue(x.text("/sdata:diagnoses/sdata:diagnosis/sdata:message").contains("Accept"), bad);
        }
        assertEquals("0", Http.get(b + "/contacts?count=0&where=lastName%20eq%20'BadHeaderProbe'").xml()
                .text("/a:feed/opensearch:totalResults"), "nothing was created");
    }

    @Test
    void postWithoutXmlDeclarationIsAccepted() {
        String key = unique("nodecl");
        Xml x = created(Http.post(b + "/contacts", contactEntry(key, "NoDecl")));
        assertEquals("NoDecl", x.text("/a:entry/sdata:payload/c:contact/c:lastName"), "the body was read without a declaration");
        assertEquals("NoDecl", entry200(Http.get(b + "/contacts('" + key + "')")).text("/a:entry/sdata:payload/c:contact/c:lastName"));
        String key2 = unique("decl");
        Xml y = created(Http.post(b + "/contacts", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + contactEntry(key2, "Decl")));
        assertEquals("Decl", y.text("/a:entry/sdata:payload/c:contact/c:lastName"));
    }

    @Test
    void postWithoutAuthorTitleOrIdIsAccepted() {
        String key = unique("bare");
        String body = "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"" + SDATA_NS + "\"><sdata:payload>"
                + resource("contact", "sdata:key=\"" + key + "\"", "<lastName>Bare</lastName>") + "</sdata:payload></entry>";
        created(Http.post(b + "/contacts", body));
        assertEquals("Bare", entry200(Http.get(b + "/contacts('" + key + "')")).text("/a:entry/sdata:payload/c:contact/c:lastName"));
    }

    @Test
    void utf8RoundTrip() {
        String key = unique("utf");
        Xml c = created(Http.post(b + "/contacts", contactEntry(key, "é中")));
        assertEquals("é中", c.text("/a:entry/sdata:payload/c:contact/c:lastName"));
        Reply r = Http.get(b + "/contacts('" + key + "')");
        assertEquals("é中", entry200(r).text("/a:entry/sdata:payload/c:contact/c:lastName"));
        assertTrue(r.body().contains("é中"), "sent as UTF-8 characters");
    }

    @Test
    void createWithoutMandatoryContactIs400() {
        String key = unique("noc");
        Reply r = Http.post(b + "/salesOrders", entry(resource("salesOrder", "sdata:key=\"" + key + "\"",
                "<orderDate>2024-01-02</orderDate>")));
        Xml x = diagnoses(r, 400, "ApplicationDiagnosis", "MandatoryProperty");
        assertPayloadPath(x, "contact");
        diagnoses(Http.get(b + "/salesOrders('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void invalidDateIs400WithPayloadPath() {
        String contact = newContact();
        String key = unique("bad");
        Reply r = Http.post(b + "/salesOrders", entry(resource("salesOrder", "sdata:key=\"" + key + "\"",
                "<orderDate>not-a-date</orderDate><contact sdata:key=\"" + contact + "\"/>")));
        Xml x = diagnoses(r, 400, "ApplicationDiagnosis", "InvalidValue");
        assertPayloadPathEquals(x, "salesOrder/orderDate");
        diagnoses(Http.get(b + "/salesOrders('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void readOnlyPropertyIsIgnoredOnPut() {
        String key = newOrder("");
        String url = b + "/salesOrders('" + key + "')";
        Reply before = Http.get(url);
        String number = entry200(before).text(SO + "/c:orderNumber");
        assertEquals(key, number, "the server fills orderNumber with the key");
        Reply r = Http.put(url, orderEntry("<orderNumber>X</orderNumber><comment>ro</comment>"), "If-Match", before.header("ETag"));
        Xml x = entry200(r);
        assertEquals(number, x.text(SO + "/c:orderNumber"), "read-only orderNumber unchanged");
        assertEquals("ro", x.text(SO + "/c:comment"), "the rest of the PUT applies");
        assertEquals(number, entry200(Http.get(url)).text(SO + "/c:orderNumber"));
    }

    @Test
    void partialPutChangesOnlySentPropertiesAndNilSetsNull() {
        String contact = newContact();
        String key = unique("so");
        created(Http.post(b + "/salesOrders", entry(resource("salesOrder", "sdata:key=\"" + key + "\"",
                "<orderDate>2024-03-01</orderDate><shipDate>2024-03-05</shipDate><status>Open</status>"
                        + "<subTotal>12.50</subTotal><comment>c0</comment><revision>3</revision>"
                        + "<contact sdata:key=\"" + contact + "\"/>"))));
        String url = b + "/salesOrders('" + key + "')";
        Reply before = Http.get(url);
        Reply r = Http.put(url, orderEntry("<comment>c1</comment>"), "If-Match", before.header("ETag"));
        entry200(r);
        Xml x = entry200(Http.get(url));
        assertEquals("c1", x.text(SO + "/c:comment"));
        assertEquals("2024-03-01", x.text(SO + "/c:orderDate"), "absent means unchanged");
        assertEquals("2024-03-05", x.text(SO + "/c:shipDate"));
        assertEquals("Open", x.text(SO + "/c:status"));
        assertEquals(0, new java.math.BigDecimal("12.50").compareTo(new java.math.BigDecimal(x.text(SO + "/c:subTotal"))));
        assertEquals("3", x.text(SO + "/c:revision"));
        assertEquals(contact, x.text(SO + "/c:contact/@sdata:key"));

        Reply nil = Http.put(url, orderEntry("<shipDate xsi:nil=\"true\"/>"), "If-Match", r.header("ETag"));
        entry200(nil);
        Xml y = entry200(Http.get(url));
        assertEquals("true", y.text(SO + "/c:shipDate/@xsi:nil"), "null is written as xsi:nil");
        assertEquals("", y.text(SO + "/c:shipDate"));
        assertEquals("2024-03-01", y.text(SO + "/c:orderDate"));
        assertEquals("c1", y.text(SO + "/c:comment"));
    }

    @Test
    void referenceToMissingContactIs400() {
        String key = unique("ref");
        Reply r = Http.post(b + "/salesOrders", entry(resource("salesOrder", "sdata:key=\"" + key + "\"",
                "<orderDate>2024-01-02</orderDate><contact sdata:key=\"" + unique("ghost") + "\"/>")));
        Xml x = diagnoses(r, 400, "ApplicationDiagnosis", "LinkTargetNotFound");
        assertPayloadPath(x, "contact");
        diagnoses(Http.get(b + "/salesOrders('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void deleteOnNonDeletableKindIs405() {
        String key = unique("txd");
        created(Http.post(b + "/taxCodes", taxCodeEntry(key, "<code>" + key + "</code>")));
        Reply r = Http.delete(b + "/taxCodes('" + key + "')");
        diagnoses(r, 405, "ApplicationDiagnosis", "MethodNotAllowed");
        String allow = r.header("Allow");
        assertNotNull(allow, "405 carries Allow");
        Set<String> methods = new HashSet<>();
        for (String m : allow.split(",")) methods.add(m.trim().toUpperCase(Locale.ROOT));
        assertTrue(methods.contains("GET") && methods.contains("PUT"), allow);
        assertFalse(methods.contains("DELETE"), allow);
        entry200(Http.get(b + "/taxCodes('" + key + "')"));
    }

    @Test
    void allowHeaderOfContractRefusalsListsOnlyWorkingMethods() {
        String tax = unique("txa");
        created(Http.post(b + "/taxCodes", taxCodeEntry(tax, "<code>" + tax + "</code>")));
        assertAllowTruthful("DELETE", b + "/taxCodes('" + tax + "')", null, taxCodeEntry(null, "<description>d</description>"));
        assertAllowTruthful("POST", b + "/salesOrderLines", lineEntry(), lineEntry());
    }

    @Test
    void allowHeaderOfUnroutedMethodsFollowsTheContract() {
        String tax = unique("txb");
        created(Http.post(b + "/taxCodes", taxCodeEntry(tax, "<code>" + tax + "</code>")));
        assertAllowTruthful("POST", b + "/taxCodes('" + tax + "')", taxCodeEntry(null, "<description>p</description>"),
                taxCodeEntry(null, "<description>d</description>"));
        assertAllowTruthful("PUT", b + "/addresses", addressEntry(), addressEntry());
    }

    @Test
    void refusedTemplateIsNotFoundRatherThanMethodNotAllowed() {
        Reply r = Http.get(b + "/addresses/$template");
        diagnoses(r, 404, "ApplicationDiagnosis", "ResourceNotFound");
        assertNull(r.header("Allow"), "no Allow header: nothing lives at this URL");
    }

    @Test
    void postToNonPostableKindIs405() {
        String before = totalResults(b + "/addresses");
        Reply r = Http.post(b + "/addresses", addressEntry());
        diagnoses(r, 405, "ApplicationDiagnosis", "MethodNotAllowed");
        assertNotNull(r.header("Allow"));
        assertEquals(before, totalResults(b + "/addresses"), "nothing was created");
    }

    @Test
    void postWithExistingKeyIs409() {
        String key = unique("dup");
        created(Http.post(b + "/contacts", contactEntry(key, "First")));
        diagnoses(Http.post(b + "/contacts", contactEntry(key, "Second")), 409, "ApplicationDiagnosis", "Conflict");
        assertEquals("First", entry200(Http.get(b + "/contacts('" + key + "')")).text("/a:entry/sdata:payload/c:contact/c:lastName"));
    }

    // =================================================================== 8. hostile XML

    @Test
    void doctypeWithInternalEntityIsRefused() {
        String key = unique("dtd");
        String body = "<?xml version=\"1.0\"?><!DOCTYPE entry [<!ENTITY boom \"BOOM\">]>"
                + contactEntry(key, "&boom;");
        Xml x = diagnoses(Http.post(b + "/contacts", body), 400, "ApplicationDiagnosis", "InvalidEntry");
        assertMessageMentionsDoctype(x);
        diagnoses(Http.get(b + "/contacts('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void doctypeWithExternalEntityIsRefused() {
        String key = unique("xxe");
        String body = "<?xml version=\"1.0\"?><!DOCTYPE entry [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
                + contactEntry(key, "&xxe;");
        Xml x = diagnoses(Http.post(b + "/contacts", body), 400, "ApplicationDiagnosis", "InvalidEntry");
        assertMessageMentionsDoctype(x);
        diagnoses(Http.get(b + "/contacts('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void deeplyNestedPayloadIsRefused() {
        String key = unique("deep");
        String inner = "<x>".repeat(200) + "v" + "</x>".repeat(200);
        Reply r = Http.post(b + "/contacts", entry(resource("contact", "sdata:key=\"" + key + "\"",
                "<lastName>" + inner + "</lastName>")));
        diagnoses(r, 400, "ApplicationDiagnosis", "InvalidEntry");
        diagnoses(Http.get(b + "/contacts('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void malformedXmlIsRefused() {
        String key = unique("mal");
        String body = contactEntry(key, "Broken").replace("</sdata:payload>", "");
        diagnoses(Http.post(b + "/contacts", body), 400, "ApplicationDiagnosis", "InvalidEntry");
        diagnoses(Http.post(b + "/contacts", "this is not XML"), 400, "ApplicationDiagnosis", "InvalidEntry");
        diagnoses(Http.get(b + "/contacts('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void bodyOverTheLimitIs413() {
        try (TestServer small = TestServer.start(backend(), TestServer.BUNDLED_CONTRACTS, List.of(), 4096)) {
            String base = small.base();
            String key = unique("big");
            String big = contactEntry(key, "L" + "x".repeat(20_000));
            diagnoses(Http.post(base + "/contacts", big), 413, "ApplicationDiagnosis", "PayloadTooLarge");
            // without Content-Length (chunked) the limit holds as well
            diagnoses(rawChunkedPost(base + "/contacts", big), 413, "ApplicationDiagnosis", "PayloadTooLarge");
            diagnoses(Http.get(base + "/contacts('" + key + "')"), 404, "ApplicationDiagnosis", "ResourceNotFound");
            // a body under the limit still works on that server
            String ok = unique("small");
            created(Http.post(base + "/contacts", contactEntry(ok, "Small")));
        }
    }

    // =================================================================== helpers: data

    private static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String contactEntry(String key, String lastName) {
        return entry(resource("contact", "sdata:key=\"" + key + "\"", "<firstName>Test</firstName><lastName>" + lastName + "</lastName>"));
    }

    private static String taxCodeEntry(String key, String inner) {
        return entry(resource("taxCode", key == null ? "" : "sdata:key=\"" + key + "\"", inner));
    }

    private static String orderEntry(String inner) {
        return entry(resource("salesOrder", "", inner));
    }

    private static String lineEntry() {
        return entry(resource("salesOrderLine", "", "<lineNumber>1</lineNumber><orderQty>1</orderQty>"));
    }

    private static String addressEntry() {
        return entry(resource("address", "", "<street>1 Main St</street><city>Town</city>"));
    }

    private String newContact() {
        String key = unique("ct");
        created(Http.post(b + "/contacts", contactEntry(key, "Buyer")));
        return key;
    }

    /** A new salesOrder in the default dataset (with a new contact); returns its key. */
    private String newOrder(String inner) {
        String contact = newContact();
        String key = unique("so");
        Xml x = created(Http.post(b + "/salesOrders", entry(resource("salesOrder", "sdata:key=\"" + key + "\"",
                "<orderDate>2024-01-02</orderDate>" + inner + "<contact sdata:key=\"" + contact + "\"/>"))));
        assertEquals(key, x.text(SO + "/@sdata:key"));
        return key;
    }

    private String totalResults(String collection) {
        return feed(Http.get(collection + "?count=0")).text("/a:feed/opensearch:totalResults");
    }

    /** Number of resources in a collection, or (with key) how many entries carry that key. */
    private int count(String collection, String key) {
        Xml x = feed(Http.get(collection + "?count=1000"));
        if (key == null) return Integer.parseInt(x.text("/a:feed/opensearch:totalResults"));
        return x.count("/a:feed/a:entry/sdata:payload/*[@sdata:key='" + key + "']");
    }

    private static List<String> entryIds(Xml feed) {
        List<String> ids = new ArrayList<>();
        int n = feed.count("/a:feed/a:entry");
        for (int i = 1; i <= n; i++) ids.add(feed.text("/a:feed/a:entry[" + i + "]/a:id"));
        return ids;
    }

    // =================================================================== helpers: raw HTTP

    /** POST through java.net.http directly: {@link Http} would add a Content-Type. */
    private static Reply postWithoutContentType(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** POST with a body of unknown length: sent chunked, without Content-Length. */
    private static Reply rawChunkedPost(String url, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/atom+xml; type=entry")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        return send(req);
    }

    private static Reply send(HttpRequest req) {
        try {
            HttpResponse<String> r = RAW.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new IllegalStateException(req.method() + " " + req.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // =================================================================== helpers: assertions

    /** Compares media type and the type parameter, ignoring spaces and case; a charset, if any, must be UTF-8. */
    static void assertMediaType(Reply r, String mediaType, String typeParameter) {
        String ct = r.header("Content-Type");
        assertNotNull(ct, () -> "no Content-Type: " + r);
        String[] parts = ct.split(";");
        assertEquals(mediaType, parts[0].trim().toLowerCase(Locale.ROOT), () -> "Content-Type " + ct);
        Map<String, String> params = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            params.put(kv[0].trim().toLowerCase(Locale.ROOT),
                    kv.length < 2 ? "" : kv[1].trim().replaceAll("^\"|\"$", "").toLowerCase(Locale.ROOT));
        }
        assertEquals(typeParameter, params.get("type"), () -> "type parameter of Content-Type " + ct);
        String charset = params.get("charset");
        if (charset != null) assertEquals("utf-8", charset, () -> "charset of Content-Type " + ct);
    }

    private static Xml feed(Reply r) {
        assertEquals(200, r.status(), r::toString);
        assertMediaType(r, FEED, "feed");
        Xml x = r.xml();
        assertEquals("feed", x.rootName());
        assertEquals("http://www.w3.org/2005/Atom", x.rootNamespace());
        return x;
    }

    private static Xml entry200(Reply r) {
        assertEquals(200, r.status(), r::toString);
        return entryBody(r);
    }

    private static Xml created(Reply r) {
        assertEquals(201, r.status(), r::toString);
        assertNotNull(r.header("Location"), "201 carries Location");
        Xml x = entryBody(r);
        assertEquals(r.header("Location"), x.text("/a:entry/a:id"), "Location is the new resource's URL");
        return x;
    }

    private static Xml entryBody(Reply r) {
        assertMediaType(r, FEED, "entry");
        Xml x = r.xml();
        assertEquals("entry", x.rootName());
        assertEquals("http://www.w3.org/2005/Atom", x.rootNamespace());
        if (x.has("/a:entry/http:etag")) {
            assertEquals(x.text("/a:entry/http:etag"), r.etag(), "ETag header = http:etag");
        }
        return x;
    }

    private static Xml schemaDocument(Reply r) {
        assertEquals(200, r.status(), r::toString);
        assertMediaType(r, "application/xml", null);
        Xml x = r.xml();
        assertEquals("schema", x.rootName());
        assertEquals("http://www.w3.org/2001/XMLSchema", x.rootNamespace());
        return x;
    }

    /** The term of the single SData-scheme category of a feed or entry. */
    private static String sdataCategory(Xml x, String owner) {
        String cat = owner + "/a:category[@scheme='" + CATEGORIES + "']";
        assertEquals(1, x.count(cat), "exactly one SData category on " + owner);
        return x.text(cat + "/@term");
    }

    /**
     * An error answer with one of the specific sdataCodes of §3.10 (its applicationCode is empty, ERR-4): the status,
     * application/xml, root sdata:diagnoses, every diagnosis complete and carrying that code. See {@link Refusals}.
     */
    private static Xml diagnoses(Reply r, int status, String sdataCode) {
        return Refusals.refused(r, status, sdataCode);
    }

    /**
     * An error answer pinned by status, sdataCode and applicationCode: every diagnosis carries both codes; an
     * ApplicationDiagnosis must name the applicationCode the scenario calls for.
     */
    private static Xml diagnoses(Reply r, int status, String sdataCode, String applicationCode) {
        return Refusals.refused(r, status, sdataCode, applicationCode);
    }

    /**
     * A 405 whose Allow header is truthful: present, not naming the refused method, and every method it names
     * (other than HEAD and OPTIONS) is not itself refused with 405 on the same URL.
     */
    private static void assertAllowTruthful(String method, String url, String body, String bodyForOthers) {
        Reply r = Http.send(method, url, body);
        diagnoses(r, 405, "ApplicationDiagnosis", "MethodNotAllowed");
        String allow = r.header("Allow");
        assertNotNull(allow, () -> method + " " + url + ": 405 without Allow");
        List<String> listed = new ArrayList<>();
        for (String m : allow.split(",")) if (!m.isBlank()) listed.add(m.trim().toUpperCase(Locale.ROOT));
        assertFalse(listed.contains(method), method + " " + url + " was refused, yet Allow says: " + allow);
        for (String m : listed) {
            if (m.equals("HEAD") || m.equals("OPTIONS")) continue;
            Reply other = Http.send(m, url, m.equals("POST") || m.equals("PUT") ? bodyForOthers : null);
            assertNotEquals(405, other.status(), method + " " + url + " -> Allow: " + allow + ", but " + m + " is refused too: " + other);
        }
    }

    private static void assertPayloadPath(Xml x, String fragment) {
        int n = x.count("/sdata:diagnoses/sdata:diagnosis");
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= n; i++) paths.add(x.text("/sdata:diagnoses/sdata:diagnosis[" + i + "]/sdata:payloadPath"));
        assertTrue(paths.stream().anyMatch(p -> p.contains(fragment)), "a payloadPath containing '" + fragment + "' in " + paths);
    }

    private static void assertPayloadPathEquals(Xml x, String path) {
        int n = x.count("/sdata:diagnoses/sdata:diagnosis");
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= n; i++) paths.add(x.text("/sdata:diagnoses/sdata:diagnosis[" + i + "]/sdata:payloadPath"));
        assertTrue(paths.contains(path), "payloadPath '" + path + "' in " + paths);
    }

    private static void assertMessageMentionsDoctype(Xml x) {
        String m = x.text("/sdata:diagnoses/sdata:diagnosis[1]/sdata:message");
        if (!(m.contains("DOCTYPE") || m.contains("DTD"))) fail("the diagnosis should name the DOCTYPE/DTD: " + m);
    }
}
