package io.sdataserver.contract;

import static io.sdataserver.testsupport.Entries.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static io.sdataserver.testsupport.Refusals.application;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sage's published GCRM contract (crmErp.xsd importing common.xsd, read in place from ../shared/contracts/gcrm) served
 * as the only contract: every resource kind is listed, described by $schema and answers an empty feed; writable kinds
 * survive a create / read / update / delete round trip with values of each XSD type; the sme:canXxx flags are what
 * the server does. Expectations come from the XSD files themselves (read with a DOM parser in {@link GcrmSchema}).
 *
 * <p>Read-only checks run first ({@link Order}): they expect empty collections, and some kinds cannot delete what
 * the write tests create.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class GcrmContract {
    static final String CRM_NS = "http://schemas.sage.com/crmErp/2008";
    static final String SC_NS = "http://schemas.sage.com/sc/2009";
    static final String ENTRY_TYPE = "application/atom+xml;type=entry";
    static final String FEED_TYPE = "application/atom+xml;type=feed";

    private static final GcrmSchema XSD = GcrmSchema.load(TestServer.GCRM_CONTRACTS.resolve("crmErp.xsd"));

    private TestServer server;
    private String b;

    abstract Backend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend(), TestServer.GCRM_CONTRACTS, List.of(), -1);
        b = server.base("crmErp");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    static Stream<String> allKinds() { return XSD.kinds().keySet().stream(); }

    // ---------------------------------------------------------------------------------------------------------------
    // (a) every resource kind is served

    @Test
    @Order(1)
    void theContractFilesDeclare52PlusSixteenKinds() {
        // The fixture itself, as its README describes it: if this fails the XSD reader of this test is wrong.
        assertEquals(Map.of("crmErp.xsd", 52, "common.xsd", 16), XSD.kindsPerFile());
        assertEquals(68, XSD.kinds().size(), "plural names must be distinct");
        for (GcrmSchema.Kind k : XSD.kinds().values()) assertTrue(k.flag("canGet"), k.plural() + " is not readable per its flags");
    }

    @Test
    @Order(1)
    void datasetFeedListsEveryResourceKind() {
        Reply r = Http.get(b);
        assertEquals(200, r.status(), r::toString);
        assertMediaType(FEED_TYPE, r);
        Xml x = r.xml();
        assertEquals("feed", x.rootName());
        Set<String> listed = new TreeSet<>();
        int entries = x.count("/a:feed/a:entry");
        for (int i = 1; i <= entries; i++) {
            String e = "/a:feed/a:entry[" + i + "]";
            String href = x.text(e + "/a:link[@rel='self']/@href");
            String id = x.text(e + "/a:id");
            assertEquals(href, id, "entry " + i + ": self link and id should both be the collection URL");
            assertEquals("collection", x.text(e + "/a:category/@term"), "entry " + href);
            assertTrue(href.startsWith(b + "/"), href + " is not below " + b);
            listed.add(href.substring(b.length() + 1));
        }
        assertEquals(68, entries, "one entry per resource kind");
        assertEquals(new TreeSet<>(XSD.kinds().keySet()), listed);
    }

    @Test
    @Order(1)
    void contractSchemaIsServedAndItsImportIsRewrittenToSchemaCommon() {
        Reply main = Http.get(b + "/$schema");
        assertEquals(200, main.status(), main::toString);
        assertMediaType("application/xml", main);
        Xml mx = main.xml();
        assertEquals("schema", mx.rootName());
        assertEquals(XMLConstants.W3C_XML_SCHEMA_NS_URI, mx.rootNamespace());
        assertEquals(CRM_NS, mx.text("/xs:schema/@targetNamespace"));
        assertEquals(1, mx.count("/xs:schema/xs:import"), main::body);
        assertEquals(SC_NS, mx.text("/xs:schema/xs:import/@namespace"));
        String location = mx.text("/xs:schema/xs:import/@schemaLocation");
        assertEquals("$schema/common", location);
        // A consumer resolves the schemaLocation against the URL it fetched the schema from.
        String importUrl = URI.create(b + "/$schema").resolve(location).toString();
        assertEquals(b + "/$schema/common", importUrl);

        Reply common = Http.get(importUrl);
        assertEquals(200, common.status(), common::toString);
        assertMediaType("application/xml", common);
        Xml cx = common.xml();
        assertEquals("schema", cx.rootName());
        assertEquals(XMLConstants.W3C_XML_SCHEMA_NS_URI, cx.rootNamespace());
        assertEquals(SC_NS, cx.text("/xs:schema/@targetNamespace"));

        // Together the two served documents still declare every resource kind of the files.
        Set<String> served = new TreeSet<>();
        for (Xml x : List.of(mx, cx)) {
            int n = x.count("/xs:schema/xs:element[@sme:role='resourceKind']");
            for (int i = 1; i <= n; i++) served.add(x.text("/xs:schema/xs:element[@sme:role='resourceKind'][" + i + "]/@sme:pluralName"));
        }
        assertEquals(new TreeSet<>(XSD.kinds().keySet()), served);
    }

    @Test
    @Order(1)
    void servedSchemaCompilesAsXsdWithTheImportFetchedOverHttp() throws Exception {
        // What a consumer's tooling does: load the schema from its URL and let the parser follow the import.
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        assertNotNull(f.newSchema(new StreamSource(b + "/$schema")));
    }

    @ParameterizedTest(name = "{0}/$schema")
    @MethodSource("allKinds")
    @Order(2)
    void kindSchemaRedirectsToTheContractSchema(String plural) {
        GcrmSchema.Kind k = XSD.kind(plural);
        Reply r = Http.get(b + "/" + plural + "/$schema");
        assertEquals(302, r.status(), r::toString);
        String location = r.header("Location");
        assertNotNull(location, "302 without Location");
        URI target = URI.create(b + "/" + plural + "/$schema").resolve(location);
        assertEquals(k.element(), target.getFragment(), "fragment names the resource kind's element");
        String document = target.toString().substring(0, target.toString().indexOf('#'));
        assertEquals(b + "/$schema", document, "redirects to the contract schema");
        Reply s = Http.get(document);
        assertEquals(200, s.status(), s::toString);
        assertEquals("schema", s.xml().rootName());
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("allKinds")
    @Order(2)
    void everyKindAnswersAnEmptyFeed(String plural) {
        Reply r = Http.get(b + "/" + plural);
        assertEquals(200, r.status(), r::toString);
        assertMediaType(FEED_TYPE, r);
        Xml x = r.xml();
        assertEquals("feed", x.rootName());
        assertEquals("0", x.text("/a:feed/opensearch:totalResults"), r::body);
        assertEquals(0, x.count("/a:feed/a:entry"));
        assertEquals(b + "/" + plural, x.text("/a:feed/a:id"));
    }

    /** Every simple property of every kind can be filtered and sorted, as $schema says (QRY-2, QRY-3). */
    @ParameterizedTest(name = "where/orderBy {0}")
    @MethodSource("allKinds")
    @Order(2)
    void everySimplePropertyCanBeFilteredAndSorted(String plural) {
        GcrmSchema.Kind k = XSD.kind(plural);
        if (k.simpleProperties().isEmpty()) return;
        StringBuilder where = new StringBuilder();
        StringBuilder orderBy = new StringBuilder();
        int i = 0;
        for (String p : k.simpleProperties().keySet()) {
            if (where.length() > 0) { where.append(" and "); orderBy.append(", "); }
            where.append("(").append(p).append(" eq ").append(p).append(" or ").append(p).append(" eq null)");
            orderBy.append(p).append(i++ % 2 == 0 ? " desc" : " asc");
        }
        String url = b + "/" + plural + "?where=" + java.net.URLEncoder.encode(where.toString(), java.nio.charset.StandardCharsets.UTF_8)
                + "&orderBy=" + java.net.URLEncoder.encode(orderBy.toString(), java.nio.charset.StandardCharsets.UTF_8);
        Reply r = Http.get(url);
        assertEquals(200, r.status(), r::toString);
        Reply all = Http.get(b + "/" + plural);
        assertEquals(all.xml().text("/a:feed/opensearch:totalResults"), r.xml().text("/a:feed/opensearch:totalResults"),
                "a condition true or null for every property keeps every resource");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b) create / read / update / delete round trips with hand-picked values of several XSD types

    /** A round trip: values to create with, and the partial change to PUT. */
    record Sample(String plural, Map<String, String> create, Map<String, String> change) {
        @Override public String toString() { return plural; }
    }

    private static Map<String, String> props(String... nameValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) m.put(nameValues[i], nameValues[i + 1]);
        return m;
    }

    /** Property names, types and enumeration values as crmErp.xsd / common.xsd declare them (checked in the test). */
    static Stream<Sample> roundTrips() {
        return Stream.of(
                new Sample("tradingAccounts",
                        props("name", "Home-style Kitchens", "active", "true", "openedDate", "2009-03-31",
                                "financeLimit", "12500.50", "customerSupplierFlag", "Customer",
                                "type", "Direct Sales/Cash", "currency", "GBP", "orderText1", "Deliver <before> 10 & ring"),
                        props("financeLimit", "9999.99", "customerSupplierFlag", "Both", "active", "false")),
                new Sample("contacts",
                        props("fullName", "Kim Abercrombie", "firstName", "Kim", "familyName", "Abercrombie",
                                "gender", "Not Specified", "age", "42", "dateOfBirth", "1967-05-04", "active", "true",
                                "primacyIndicator", "false"),
                        props("jobTitle", "Buyer", "age", "43", "gender", "Female")),
                new Sample("postalAddresses",
                        props("type", "Billing", "address1", "1 Main Street", "townCity", "Newcastle upon Tyne",
                                "zipPostCode", "NE1 1AA", "country", "GB", "primacyIndicator", "true", "active", "true"),
                        props("type", "Shipping", "address2", "Unit 4", "primacyIndicator", "false")),
                new Sample("emails",
                        props("address", "kim@example.com", "type", "Business", "primacyIndicator", "true", "active", "true"),
                        props("type", "Personal", "address", "kim.abercrombie@example.org")),
                new Sample("phoneNumbers",
                        props("text", "+44 191 555 0100", "type", "Business Phone", "countryCode", "44", "areaCode", "191",
                                "number", "5550100", "primacyIndicator", "true"),
                        props("type", "Business Mobile", "extension", "12")),
                // person--type is an empty xs:all: a resource with no properties at all
                new Sample("people", props(), props()));
    }

    @Test
    @Order(3)
    void everyKindWithPostPutAndDeleteHasARoundTripSample() {
        Set<String> writable = XSD.kinds().values().stream()
                .filter(k -> k.flag("canPost") && k.flag("canPut") && k.flag("canDelete"))
                .map(GcrmSchema.Kind::plural).collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = roundTrips().map(Sample::plural).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(writable, sampled);
        assertTrue(writable.size() >= 5, writable::toString);
        assertTrue(XSD.kinds().values().stream().anyMatch(k -> writable.contains(k.plural()) && k.file().equals("common.xsd")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    @Order(3)
    void createReadUpdateDelete(Sample s) {
        GcrmSchema.Kind k = XSD.kind(s.plural());
        assertTrue(k.flag("canPost") && k.flag("canPut") && k.flag("canDelete"), s.plural() + " flags");
        checkSampleAgainstXsd(k, s.create());
        checkSampleAgainstXsd(k, s.change());
        for (GcrmSchema.Prop p : k.simpleProperties().values()) {
            if (p.mandatory()) assertTrue(s.create().containsKey(p.name()), "sample must send mandatory " + p.name());
        }

        String url = create(k, s.create());
        Map<String, String> expected = new LinkedHashMap<>(s.create());
        assertValues(k, expected, read(url), "GET after POST");

        Reply put = update(k, url, s.change());
        assertEquals(200, put.status(), () -> "PUT " + url + " -> " + put);
        assertMediaType(ENTRY_TYPE, put);
        expected.putAll(s.change());
        assertValues(k, expected, put.xml(), "PUT response");
        assertValues(k, expected, read(url), "GET after PUT");

        Reply del = Http.delete(url, ifMatchFor(k, url));
        assertEquals(200, del.status(), () -> "DELETE " + url + " -> " + del);
        application(Http.get(url), 404, "ResourceNotFound"); // GET after DELETE
    }

    @Test
    @Order(4)
    void salesOrdersCanBeCreatedAndUpdatedButTheContractForbidsDelete() {
        GcrmSchema.Kind k = XSD.kind("salesOrders");
        assertTrue(k.flag("canPost") && k.flag("canPut"));
        assertFalse(k.flag("canDelete"));
        Map<String, String> values = props("reference", "SO-0001", "date", "2009-03-31", "time", "14:30:00",
                "status", "Ordered/Confirmed", "copyFlag", "false", "netTotal", "202.70", "taxTotal", "35.47",
                "grossTotal", "238.17", "currency", "EUR", "operatingCompanyCurrencyExchangeRateOperator", "*");
        checkSampleAgainstXsd(k, values);
        String url = create(k, values);
        assertValues(k, values, read(url), "GET after POST");

        Map<String, String> change = props("status", "Part-Delivered", "deliveryDate", "2009-04-02", "netTotal", "0.00");
        checkSampleAgainstXsd(k, change);
        Reply put = update(k, url, change);
        assertEquals(200, put.status(), put::toString);
        values.putAll(change);
        assertValues(k, values, read(url), "GET after PUT");

        Reply del = Http.delete(url);
        application(del, 405, "MethodNotAllowed");
        assertAllowExcludes(del, "DELETE");
        assertEquals(200, Http.get(url).status(), "the order must survive the refused DELETE");
    }

    @Test
    @Order(4)
    void commoditiesAreReadOnly() {
        GcrmSchema.Kind k = XSD.kind("commodities");
        assertFalse(k.flag("canPost") || k.flag("canPut") || k.flag("canDelete"));
        Reply post = Http.post(b + "/commodities", entry(resource(k, props("name", "Widget", "type", "Product Stock"))));
        application(post, 405, "MethodNotAllowed");
        assertAllowExcludes(post, "POST");
        assertEquals("0", Http.get(b + "/commodities").xml().text("/a:feed/opensearch:totalResults"));
    }

    @Test
    @Order(4)
    void aPayloadInTheWrongNamespaceIsRefused() {
        // tradingAccount belongs to crmErp's namespace; the same element in common.xsd's namespace is not it.
        GcrmSchema.Kind k = XSD.kind("tradingAccounts");
        String wrong = "<tradingAccount xmlns=\"" + SC_NS + "\"><name>Wrong Namespace Ltd</name></tradingAccount>";
        // the same wrong element holding a property in crmErp's namespace: nothing in it but its root is wrong
        String wrongRoot = "<tradingAccount xmlns=\"" + SC_NS + "\"><name xmlns=\"" + CRM_NS + "\">Wrong Root Ltd</name></tradingAccount>";
        Reply r = Http.post(b + "/tradingAccounts", entry(wrong));
        Reply root = Http.post(b + "/tradingAccounts", entry(wrongRoot));
        String total = Http.get(b + "/" + k.plural()).xml().text("/a:feed/opensearch:totalResults");
        // the resource element is not crmErp's <tradingAccount>: the payload element is wrong, whatever it holds
        application(r, 400, "WrongPayloadElement");
        application(root, 400, "WrongPayloadElement");
        assertEquals("0", total, "nothing was created");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Every kind: the sme:canXxx flags describe what the server does (META-12), with every simple property set.

    @ParameterizedTest(name = "{0}")
    @MethodSource("allKinds")
    @Order(5)
    void flagsMatchBehaviourWithEverySimplePropertySet(String plural) {
        GcrmSchema.Kind k = XSD.kind(plural);
        if (!k.flag("canPost")) {
            Reply before = Http.get(b + "/" + plural + "?count=0");
            Reply post = Http.post(b + "/" + plural, entry(resource(k, generated(k, 0))));
            application(post, 405, "MethodNotAllowed"); // canPost not set
            if (before.status() == 200) {
                assertEquals(before.xml().text("/a:feed/opensearch:totalResults"),
                        Http.get(b + "/" + plural + "?count=0").xml().text("/a:feed/opensearch:totalResults"), plural + ": nothing created");
            }
            Reply put = Http.put(b + "/" + plural + "('nothing')", entry(resource(k, Map.of())));
            if (k.flag("canPut")) application(put, 404, "ResourceNotFound");
            else application(put, 405, "MethodNotAllowed");
            Reply del = Http.delete(b + "/" + plural + "('nothing')");
            if (k.flag("canDelete")) application(del, 404, "ResourceNotFound");
            else application(del, 405, "MethodNotAllowed");
            return;
        }
        assertTrue(k.mandatoryRelationships().isEmpty(), "not generated: mandatory relationships " + k.mandatoryRelationships());
        Map<String, String> values = generated(k, 0);
        String url = create(k, values);
        Map<String, String> expected = new LinkedHashMap<>(values);
        assertValues(k, expected, read(url), "GET after POST");

        Map<String, String> change = generated(k, 1);
        change.keySet().retainAll(firstOfEachType(k));
        Reply put = update(k, url, change);
        if (k.flag("canPut")) {
            assertEquals(200, put.status(), () -> "PUT " + url + " -> " + put);
            expected.putAll(change);
        } else {
            application(put, 405, "MethodNotAllowed"); // canPut not set; the values read below are unchanged
        }
        assertValues(k, expected, read(url), "GET after PUT");

        Reply del = Http.delete(url, ifMatchFor(k, url));
        if (k.flag("canDelete")) {
            assertEquals(200, del.status(), () -> "DELETE " + url + " -> " + del);
            application(Http.get(url), 404, "ResourceNotFound");
        } else {
            application(del, 405, "MethodNotAllowed"); // canDelete not set
            assertEquals(200, Http.get(url).status());
        }
    }

    /** A valid lexical value for every writable simple property (variant 0 or 1 differ everywhere). */
    private static Map<String, String> generated(GcrmSchema.Kind k, int variant) {
        Map<String, String> m = new LinkedHashMap<>();
        for (GcrmSchema.Prop p : k.simpleProperties().values()) {
            if (p.readOnly()) continue;
            String v;
            if (!p.enumeration().isEmpty()) {
                List<String> e = p.enumeration();
                v = variant == 0 ? e.get(e.size() - 1) : e.get(0);
            } else {
                v = switch (p.builtin()) {
                    case "boolean" -> variant == 0 ? "true" : "false";
                    case "decimal" -> variant == 0 ? "1234.56" : "-0.5";
                    case "date" -> variant == 0 ? "2009-03-31" : "2010-12-01";
                    case "dateTime" -> variant == 0 ? "2009-03-31T10:15:30Z" : "2010-12-01T23:59:59Z";
                    case "time" -> variant == 0 ? "10:15:30" : "23:59:59";
                    case "duration" -> variant == 0 ? "P1DT2H" : "PT30M";
                    case "string", "normalizedString", "token" -> (variant == 0 ? "" : "changed ") + k.element() + " " + p.name();
                    default -> throw new IllegalStateException(k.plural() + "/" + p.name() + ": no sample for xs:" + p.builtin());
                };
            }
            m.put(p.name(), v);
        }
        return m;
    }

    /** One property of each built-in type (and one enumeration): the partial change of the generic PUT. */
    private static Set<String> firstOfEachType(GcrmSchema.Kind k) {
        Map<String, String> byType = new LinkedHashMap<>();
        for (GcrmSchema.Prop p : k.simpleProperties().values()) {
            if (p.readOnly()) continue;
            byType.putIfAbsent(p.enumeration().isEmpty() ? p.builtin() : "enum", p.name());
        }
        return new TreeSet<>(byType.values());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    private String create(GcrmSchema.Kind k, Map<String, String> values) {
        String body = entry(resource(k, values));
        Reply r = Http.post(b + "/" + k.plural(), body);
        assertEquals(201, r.status(), () -> "POST " + k.plural() + "\n" + body + "\n-> " + r);
        assertMediaType(ENTRY_TYPE, r);
        String location = r.header("Location");
        assertNotNull(location, "201 without Location");
        assertTrue(location.startsWith(b + "/" + k.plural() + "('"), location);
        assertEquals(location, r.xml().text("/a:entry/a:id"), "the created entry's id is its Location");
        assertValues(k, values, r.xml(), "POST response");
        return location;
    }

    private Xml read(String url) {
        Reply r = Http.get(url);
        assertEquals(200, r.status(), () -> "GET " + url + " -> " + r);
        assertMediaType(ENTRY_TYPE, r);
        return r.xml();
    }

    private Reply update(GcrmSchema.Kind k, String url, Map<String, String> change) {
        return Http.put(url, entry(resource(k, change)), ifMatchFor(k, url));
    }

    /** If-Match with the current ETag, only where the kind declares sme:supportsETag (GCRM kinds mostly don't). */
    private String[] ifMatchFor(GcrmSchema.Kind k, String url) {
        if (!k.flag("supportsETag")) return new String[0];
        String etag = Http.get(url).etag();
        assertNotNull(etag, url + " supports ETags but sent none");
        return new String[] {"If-Match", "\"" + etag + "\""};
    }

    static String resource(GcrmSchema.Kind k, Map<String, String> values) {
        StringBuilder sb = new StringBuilder("<").append(k.element()).append(" xmlns=\"").append(k.namespace()).append("\">");
        values.forEach((name, value) -> sb.append('<').append(name).append('>').append(escape(value))
                .append("</").append(name).append('>'));
        return sb.append("</").append(k.element()).append('>').toString();
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }

    /** Every property in values has the same value (compared as its XSD type) in the entry's payload. */
    private static void assertValues(GcrmSchema.Kind k, Map<String, String> values, Xml x, String what) {
        String res = "/a:entry/sdata:payload/*[local-name()='" + k.element() + "' and namespace-uri()='" + k.namespace() + "']";
        assertEquals(1, x.count(res), what + ": payload element <" + k.element() + "> in " + k.namespace());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String prop = res + "/*[local-name()='" + e.getKey() + "' and namespace-uri()='" + k.namespace() + "']";
            if (x.count(prop) != 1) {
                wrong.add(e.getKey() + ": expected '" + e.getValue() + "', element present " + x.count(prop) + " times");
                continue;
            }
            String actual = x.text(prop);
            GcrmSchema.Prop p = k.simpleProperties().get(e.getKey());
            if (!sameValue(p.enumeration().isEmpty() ? p.builtin() : "enum", e.getValue(), actual)) {
                wrong.add(e.getKey() + ": expected '" + e.getValue() + "' got '" + actual + "'");
            }
        }
        if (!wrong.isEmpty()) fail(what + " " + k.plural() + ": " + String.join("; ", wrong));
    }

    private static boolean sameValue(String type, String expected, String actual) {
        try {
            return switch (type) {
                case "decimal" -> new BigDecimal(expected).compareTo(new BigDecimal(actual.trim())) == 0;
                case "boolean" -> Set.of("true", "1").contains(expected) == Set.of("true", "1").contains(actual.trim())
                        && Set.of("true", "1", "false", "0").contains(actual.trim());
                case "date" -> LocalDate.parse(expected).equals(LocalDate.parse(actual.trim()));
                case "time" -> LocalTime.parse(expected).equals(LocalTime.parse(actual.trim()));
                case "dateTime" -> OffsetDateTime.parse(expected).isEqual(OffsetDateTime.parse(actual.trim()));
                default -> expected.equals(actual);
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The sample uses only simple properties the XSD declares, with values of their type / enumeration. */
    private static void checkSampleAgainstXsd(GcrmSchema.Kind k, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            GcrmSchema.Prop p = k.simpleProperties().get(e.getKey());
            assertNotNull(p, k.element() + " has no simple property " + e.getKey());
            assertFalse(p.readOnly(), p.name() + " is read-only");
            if (!p.enumeration().isEmpty()) {
                assertTrue(p.enumeration().contains(e.getValue()), e.getValue() + " not in " + p.enumeration());
            } else {
                assertTrue(sameValue(p.builtin(), e.getValue(), e.getValue()), e.getValue() + " is not an xs:" + p.builtin());
            }
        }
    }

    private static void assertMediaType(String expected, Reply r) {
        String ct = r.header("Content-Type");
        assertNotNull(ct, "no Content-Type");
        assertEquals(expected.toLowerCase(), ct.replace(" ", "").toLowerCase().replace("charset=utf-8;", "")
                .replaceAll(";charset=[^;]*", ""), "Content-Type " + ct);
    }

    private static void assertAllowExcludes(Reply r, String method) {
        String allow = r.header("Allow");
        assertNotNull(allow, "405 without Allow");
        List<String> methods = Arrays.stream(allow.split(",")).map(String::trim).toList();
        assertTrue(methods.contains("GET"), allow);
        assertFalse(methods.contains(method), allow);
    }
}
