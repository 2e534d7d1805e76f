package io.sdataserver.query;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query language, sorting, paging, selectors, property URLs and caching (§2.2, §2.12, §6; checklist sections
 * 3, 4, 5 and 17) against the running server. Dataset "q" holds a fixed data set made in {@link #start()}; each
 * expected answer is computed here from that data, never written down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryContract {
    private static final int ORDERS = 30;
    private static final String[] STATUS = {"Open", "Shipped", "Closed"};
    private static final String[] CITIES = {"Paris", "London", "Berlin"};
    private static final String[] LAST_NAMES = {"O'Brien", "Smith", "Zeta"};

    /** What the test made, per order key. */
    record Order(String key, String uuid, LocalDate orderDate, String status, BigDecimal subTotal, String comment,
                 int revision, String city, String contactKey, String lastName) { }

    private TestServer server;
    private String q;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<String> contactKeys = new ArrayList<>();
    private String customerKey;
    private String linedOrder;
    private String productKey;

    abstract Backend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend(), TestServer.BUNDLED_CONTRACTS, List.of("q"), -1);
        q = server.sdata() + "/myApp/myContract/q";
        Reply product = Http.post(q + "/products", entry(resource("product", "", "<name>Widget</name><listPrice>9.5</listPrice>")));
        assertEquals(201, product.status(), product::toString);
        productKey = product.xml().text("/a:entry/sdata:payload/c:product/@sdata:key");
        for (String last : LAST_NAMES) {
            Reply c = Http.post(q + "/contacts", entry(resource("contact", "", "<firstName>F</firstName><lastName>"
                    + xml(last) + "</lastName><address><city>Lyon</city></address>")));
            assertEquals(201, c.status(), c::toString);
            contactKeys.add(c.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key"));
        }
        for (int i = 1; i <= ORDERS; i++) {
            LocalDate date = LocalDate.of(2008, 1, 1).plusDays(i * 23L);
            String status = STATUS[i % 3];
            BigDecimal sub = i % 7 == 0 ? null : new BigDecimal(i * 100 + ".50");
            String comment = i % 5 == 0 ? null : (i % 2 == 0 ? "Rush " : "note ") + i;
            String city = i % 4 == 0 ? null : CITIES[i % 3];
            int ci = i % 3;
            StringBuilder inner = new StringBuilder();
            inner.append("<orderDate>").append(date).append("</orderDate><status>").append(status).append("</status>");
            inner.append(sub == null ? "<subTotal xsi:nil=\"true\"/>" : "<subTotal>" + sub + "</subTotal>");
            inner.append(comment == null ? "<comment xsi:nil=\"true\"/>" : "<comment>" + comment + "</comment>");
            inner.append("<revision>").append(i).append("</revision>");
            if (city != null) inner.append("<billAddress><city>").append(city).append("</city></billAddress>");
            inner.append("<contact sdata:key=\"").append(contactKeys.get(ci)).append("\"/>");
            if (i == 1) {
                inner.append("<orderLines>");
                for (int n = 1; n <= 3; n++) {
                    inner.append("<salesOrderLine><lineNumber>").append(n).append("</lineNumber><orderQty>").append(n * 2)
                            .append("</orderQty><product sdata:key=\"").append(productKey).append("\"/></salesOrderLine>");
                }
                inner.append("</orderLines>");
            }
            Reply r = Http.post(q + "/salesOrders", entry(resource("salesOrder", "", inner.toString())));
            assertEquals(201, r.status(), r::toString);
            Xml x = r.xml();
            String key = x.text("/a:entry/sdata:payload/c:salesOrder/@sdata:key");
            String uuid = x.text("/a:entry/sdata:payload/c:salesOrder/@sdata:uuid");
            orders.put(key, new Order(key, uuid, date, status, sub, comment, i, city, contactKeys.get(ci), LAST_NAMES[ci]));
            if (i == 1) linedOrder = key;
        }
        // a customer associated with every third order
        StringBuilder assoc = new StringBuilder("<name>Cust</name><salesOrders>");
        for (Order o : orders.values()) if (o.revision() % 3 == 0) assoc.append("<salesOrder sdata:key=\"").append(o.key()).append("\"/>");
        assoc.append("</salesOrders>");
        Reply c = Http.post(q + "/customers", entry(resource("customer", "", assoc.toString())));
        assertEquals(201, c.status(), c::toString);
        customerKey = c.xml().text("/a:entry/sdata:payload/c:customer/@sdata:key");
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    // ---------------------------------------------------------------- helpers

    private static String xml(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;"); }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private Reply where(String expr) { return Http.get(q + "/salesOrders?count=1000&where=" + enc(expr)); }

    /** The keys of the feed's entries, in feed order. */
    private static List<String> keys(Reply r) {
        assertEquals(200, r.status(), r::toString);
        Xml x = r.xml();
        List<String> out = new ArrayList<>();
        int n = x.count("/a:feed/a:entry");
        for (int i = 1; i <= n; i++) out.add(x.text("/a:feed/a:entry[" + i + "]/sdata:payload/*/@sdata:key"));
        return out;
    }

    private Set<String> matching(Predicate<Order> p) {
        return orders.values().stream().filter(p).map(Order::key).collect(Collectors.toSet());
    }

    private void assertWhere(String expr, Predicate<Order> expected) {
        Set<String> want = matching(expected);
        Reply r = where(expr);
        List<String> got = keys(r);
        assertEquals(want, new HashSet<>(got), expr);
        assertEquals(String.valueOf(want.size()), r.xml().text("/a:feed/opensearch:totalResults"), expr);
    }

    /** An error with one of the specific sdataCodes of §3.10 (so no applicationCode), pinned by status and code. */
    private static void assertDiagnosis(Reply r, int status, String sdataCode) {
        Refusals.refused(r, status, sdataCode);
    }

    /** An ApplicationDiagnosis error, pinned by status and applicationCode. */
    private static void assertApplicationDiagnosis(Reply r, int status, String applicationCode) {
        Refusals.application(r, status, applicationCode);
    }

    private static int cmp(BigDecimal a, String b) { return a.compareTo(new BigDecimal(b)); }

    // ---------------------------------------------------------------- QL-1..QL-5: the basic level

    @Test
    void sixComparisonsOnADecimal() {
        assertWhere("subTotal eq 1200.50", o -> o.subTotal() != null && cmp(o.subTotal(), "1200.5") == 0);
        assertWhere("subTotal ne 1200.5", o -> o.subTotal() != null && cmp(o.subTotal(), "1200.5") != 0);
        assertWhere("subTotal lt 1200.5", o -> o.subTotal() != null && cmp(o.subTotal(), "1200.5") < 0);
        assertWhere("subTotal le 1200.5", o -> o.subTotal() != null && cmp(o.subTotal(), "1200.5") <= 0);
        assertWhere("subTotal gt 1500", o -> o.subTotal() != null && cmp(o.subTotal(), "1500") > 0);
        assertWhere("subTotal ge 1500.0", o -> o.subTotal() != null && cmp(o.subTotal(), "1500") >= 0);
    }

    @Test
    void andBindsTighterThanOrAndParenthesesOverride() {
        String a = orders.keySet().iterator().next();
        // QL-2: the order is found although its subTotal is not negative
        assertWhere("orderNumber eq '" + a + "' or orderNumber eq 'nothing' and revision lt 0", o -> o.key().equals(a));
        assertWhere("(status eq 'Open' or status eq 'Shipped') and revision le 10",
                o -> (o.status().equals("Open") || o.status().equals("Shipped")) && o.revision() <= 10);
        assertWhere("status eq 'Open' or (status eq 'Shipped' and revision le 10)",
                o -> o.status().equals("Open") || (o.status().equals("Shipped") && o.revision() <= 10));
    }

    @Test
    void theSpecsWorkedExamplesOfPriority() {
        Predicate<Order> all = o -> true;
        assertWhere("2 mul 5 + 3 mul 2 eq 16", all);
        assertWhere("2 mul (5 + 3) mul 2 eq 32", all);
        assertWhere("1 eq 1 or 1 eq 2 and 1 eq 3", all);
        assertWhere("(1 eq 1 or 1 eq 2) and 1 eq 3", o -> false);
        // the between trap: the second 'and' is a conjunction
        assertWhere("revision between 2 and 9 and status eq 'Open'",
                o -> o.revision() >= 2 && o.revision() <= 9 && o.status().equals("Open"));
    }

    @Test
    void bothQuoteStylesAndDoubledQuotes() {
        Set<String> a = new HashSet<>(keys(where("contact.lastName eq 'O''Brien'")));
        Set<String> b = new HashSet<>(keys(where("contact.lastName eq \"O'Brien\"")));
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        assertEquals(matching(o -> o.lastName().equals("O'Brien")), a);
    }

    @Test
    void numbersAreIntegersOrDotDecimals() {
        assertEquals(new HashSet<>(keys(where("subTotal gt 1500"))), new HashSet<>(keys(where("subTotal gt 1500.0"))));
        assertDiagnosis(where("subTotal gt 1500,0"), 400, "BadWhereSyntax");
    }

    @Test
    void datesAndTimestampsWithZones() {
        assertWhere("orderDate ge @2008-06-01@", o -> !o.orderDate().isBefore(LocalDate.of(2008, 6, 1)));
        assertWhere("orderDate lt @2008-06-01@ and orderDate ne @2008-01-24@",
                o -> o.orderDate().isBefore(LocalDate.of(2008, 6, 1)) && !o.orderDate().equals(LocalDate.of(2008, 1, 24)));
        Set<String> z = new HashSet<>(keys(where("$updated gt @2011-01-07T09:32:07Z@")));
        assertEquals(z, new HashSet<>(keys(where("$updated gt @2011-01-07T11:32:07+02:00@"))));
        assertEquals(orders.keySet(), z, "every order was written after 2011");
        assertEquals(List.of(), keys(where("$updated lt @2011-01-07T09:32:07.250Z@")));
    }

    @Test
    void nullsAndBooleans() {
        assertWhere("subTotal eq null", o -> o.subTotal() == null);
        assertWhere("comment ne null and subTotal ne null", o -> o.comment() != null && o.subTotal() != null);
        assertWhere("(revision gt 3) eq true", o -> o.revision() > 3);
    }

    /**
     * null may stand for any operand of any operator or function (PostgreSQL cannot type a bare NULL for overloaded
     * operators such as prefix minus, lower or abs): the result is null, so a comparison with it keeps nothing and
     * "eq null" keeps everything.
     */
    @Test
    void nullMayStandForAnyOperand() {
        List<String> nullValued = List.of("-null", "null + 1", "1 - null", "null mul revision", "revision div null",
                "null mod 2", "lower(null)", "upper(null)", "trim(null)", "length(null)", "ascii(null)", "char(null)",
                "abs(null)", "sign(null)", "floor(null)", "ceil(null)", "round(null)", "round(1.5, null)", "trunc(null)",
                "pow(null, 2)", "pow(2, null)", "left(null, 1)", "right(comment, null)", "substring(null, 1)",
                "substring(comment, null, 2)", "replace(null, 'a', 'b')", "replace(comment, null, 'b')", "locate(null, comment)",
                "lpad(null, 3)", "rpad(comment, null, 'x')", "concat(null, null)", "year(null)", "month(null)", "day(null)",
                "hour(null)", "minute(null)", "second(null)", "millisecond(null)", "tzHour(null)", "tzMinute(null)",
                "dateAdd(null, 1)", "dateSub(orderDate, null)", "timestampAdd(null, 1)", "timestampSub($updated, null)");
        for (String v : nullValued) {
            assertWhere(v + " eq null", o -> true);
            assertWhere("not (" + v + " ne null)", o -> true);
        }
        assertWhere("subTotal eq -null", o -> false);
        assertWhere("not (subTotal eq -null)", o -> false); // unknown stays unknown under not
        assertWhere("revision between null and 5", o -> false);
        assertWhere("revision in (null, 3)", o -> o.revision() == 3);
        assertWhere("null like 'a%'", o -> false);
        assertWhere("comment like null", o -> false);
        assertWhere("null in (null)", o -> false);
        assertWhere("not null", o -> false);
        assertWhere("null and revision gt 3", o -> false);
        assertWhere("null or revision gt 3", o -> o.revision() > 3);
    }

    // ---------------------------------------------------------------- QL-6, QL-7, QL-14: faults

    @Test
    void malformedOrUnknownIsBadWhereSyntaxNamingThePosition() {
        for (String bad : List.of("subTotal gt", "foo(1) eq 2", "noSuchProp eq 1", "subTotal gt 'abc'", "status eq 'x",
                "(revision eq 1", "revision eq 1)", "orderDate eq @2008-13-45@", "revision", "revision eq 1 xor 2",
                "billAddress eq 1", "orderLines.lineNumber eq 1", "not revision eq 1", "lower(revision) eq 'a'",
                "subTotal gt null", "$nothing eq 1", "revision eq ''")) {
            Reply r = where(bad);
            assertDiagnosis(r, 400, "BadWhereSyntax");
            assertTrue(r.xml().text("/sdata:diagnoses/sdata:diagnosis/sdata:message").contains("position"), bad + ": " + r);
        }
    }

    @Test
    void arithmeticFaultsInTheDatabaseAreClientErrors() {
        Reply r = where("revision div 0 eq 1");
        assertDiagnosis(r, 400, "BadWhereSyntax");
    }

    // ---------------------------------------------------------------- QL-8: the complete level

    @Test
    void betweenInLikeArithmeticAndFunctions() {
        assertWhere("left(comment, 1) between 'N' and 'n'", o -> o.comment() != null
                && o.comment().substring(0, 1).compareTo("N") >= 0 && o.comment().substring(0, 1).compareTo("n") <= 0);
        assertWhere("status in ('Open', 'Closed')", o -> o.status().equals("Open") || o.status().equals("Closed"));
        assertWhere("comment like 'Rush%'", o -> o.comment() != null && o.comment().startsWith("Rush"));
        assertWhere("comment like '%_5'", o -> o.comment() != null && o.comment().length() >= 2 && o.comment().endsWith("5"));
        assertWhere("subTotal - revision mul 100 eq 0.5", o -> o.subTotal() != null);
        assertWhere("-revision lt -25", o -> o.revision() > 25);
        assertWhere("revision mod 4 eq 1 and revision div 4 ge 2", o -> o.revision() % 4 == 1 && o.revision() / 4 >= 2);
        assertWhere("upper(contact.lastName) eq 'SMITH'", o -> o.lastName().equals("Smith"));
        assertWhere("length(comment) eq 6", o -> o.comment() != null && o.comment().length() == 6);
        assertWhere("concat(status, '-', substring(comment, 1, 4)) eq 'Open-Rush'",
                o -> o.comment() != null && (o.status() + "-" + o.comment().substring(0, 4)).equals("Open-Rush"));
        assertWhere("year(orderDate) eq 2009", o -> o.orderDate().getYear() == 2009);
        assertWhere("orderDate.month eq 3", o -> o.orderDate().getMonthValue() == 3);
        assertWhere("dateAdd(orderDate, 30) gt @2008-12-31@", o -> o.orderDate().plusDays(30).isAfter(LocalDate.of(2008, 12, 31)));
        assertWhere("abs(revision - 15) le 2 and round(subTotal) ge 0", o -> Math.abs(o.revision() - 15) <= 2 && o.subTotal() != null);
        assertWhere("locate('ush', comment) eq 2 and trim(lpad(comment, 12)) eq comment",
                o -> o.comment() != null && o.comment().indexOf("ush") == 1);
        assertWhere("orderDate lt currentDate() and orderDate lt currentDate", o -> true);
        assertWhere("not (status eq 'Open')", o -> !o.status().equals("Open"));
    }

    @Test
    void memberPathsThroughChildrenAndReferences() {
        assertWhere("billAddress.city eq 'Paris'", o -> "Paris".equals(o.city()));
        assertWhere("billAddress.city eq null", o -> o.city() == null);
        assertWhere("contact.lastName eq 'Zeta' and billAddress.city ne 'Paris'",
                o -> o.lastName().equals("Zeta") && o.city() != null && !o.city().equals("Paris"));
        assertWhere("contact eq '" + contactKeys.get(1) + "'", o -> o.contactKey().equals(contactKeys.get(1)));
    }

    // ---------------------------------------------------------------- QL-10..QL-13: variables and scope

    @Test
    void protocolVariables() {
        Order o1 = orders.values().iterator().next();
        assertWhere("$uuid eq '" + o1.uuid().toUpperCase() + "'", o -> o.key().equals(o1.key()));
        assertWhere("$key in ('" + o1.key() + "', 'none')", o -> o.key().equals(o1.key()));
        assertWhere("$title eq 'Sales Order " + o1.key() + "'", o -> o.key().equals(o1.key()));
        assertWhere("$published gt @2011-01-07T09:32:07Z@ and $published le $updated", o -> true);
        assertWhere("$published gt currentTimestamp()", o -> false);
        Reply entry = Http.get(q + "/salesOrders('" + o1.key() + "')");
        assertFalse(entry.xml().text("/a:entry/a:published").isEmpty(), "atom:published");
        assertDiagnosis(where("$created gt @2000-01-01@"), 400, "BadWhereSyntax");
    }

    @Test
    void variablesAndPropertiesMixOnlyAsQ1AndQ2() {
        assertWhere("$updated gt @2011-01-07T09:32:07Z@ and subTotal gt 1000.00", o -> o.subTotal() != null
                && cmp(o.subTotal(), "1000") > 0);
        assertDiagnosis(where("$updated gt @2011-01-07T09:32:07Z@ or subTotal gt 1000.00"), 400, "BadWhereSyntax");
    }

    @Test
    void selectorsAddressOneResource() {
        Order o1 = orders.values().iterator().next();
        Reply r = Http.get(q + "/salesOrders(" + enc("$uuid eq '" + o1.uuid() + "'") + ")");
        assertEquals(200, r.status(), r::toString);
        assertEquals(o1.key(), r.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key"));
        Reply byRevision = Http.get(q + "/salesOrders(" + enc("revision eq 7") + ")");
        assertEquals(200, byRevision.status(), byRevision::toString);
        assertDiagnosis(Http.get(q + "/salesOrders(" + enc("status eq 'Open'") + ")"), 400, "BadWhereSyntax");
        assertApplicationDiagnosis(Http.get(q + "/salesOrders(" + enc("revision eq 999") + ")"), 404, "ResourceNotFound");
        assertDiagnosis(Http.get(q + "/salesOrders(" + enc("revision eq") + ")"), 400, "BadWhereSyntax");
    }

    @Test
    void whereOnAPropertyUrlFiltersTheRightMostKind() {
        Set<String> linked = matching(o -> o.revision() % 3 == 0);
        Reply all = Http.get(q + "/customers('" + customerKey + "')/salesOrders?count=100");
        assertEquals(linked, new HashSet<>(keys(all)));
        Reply some = Http.get(q + "/customers('" + customerKey + "')/salesOrders?count=100&where="
                + enc("orderDate ge @2008-06-01@"));
        assertEquals(matching(o -> o.revision() % 3 == 0 && !o.orderDate().isBefore(LocalDate.of(2008, 6, 1))),
                new HashSet<>(keys(some)));
    }

    @Test
    void childListPropertyUrlIsAQueryableFeed() {
        Reply r = Http.get(q + "/salesOrders('" + linedOrder + "')/orderLines?orderBy=" + enc("lineNumber desc") + "&count=2");
        assertEquals(200, r.status(), r::toString);
        Xml x = r.xml();
        assertEquals(2, x.count("/a:feed/a:entry"));
        assertEquals("3", x.text("/a:feed/opensearch:totalResults"));
        assertEquals("3", x.text("/a:feed/a:entry[1]/sdata:payload/c:salesOrderLine/c:lineNumber"));
        assertEquals("2", x.text("/a:feed/a:entry[2]/sdata:payload/c:salesOrderLine/c:lineNumber"));
        String lineKey = x.text("/a:feed/a:entry[1]/sdata:payload/c:salesOrderLine/@sdata:key");
        assertEquals(server.sdata() + "/myApp/myContract/q/salesOrderLines('" + lineKey + "')", x.text("/a:feed/a:entry[1]/a:id"),
                "QRY-21: the line's own kind URL");
        Reply filtered = Http.get(q + "/salesOrders('" + linedOrder + "')/orderLines?where=" + enc("orderQty gt 3"));
        assertEquals(2, keys(filtered).size());
        assertApplicationDiagnosis(Http.get(q + "/salesOrders('nope')/orderLines"), 404, "ResourceNotFound");
    }

    // ---------------------------------------------------------------- sorting and paging

    private Comparator<Order> bySubTotalDescNullsFirst() {
        return Comparator.comparing(Order::subTotal, Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()))
                .thenComparing(Order::key).reversed();
    }

    @Test
    void orderByManyKeysAndDirections() {
        List<String> got = keys(Http.get(q + "/salesOrders?count=100&orderBy=" + enc("status asc, orderDate desc")));
        List<String> want = orders.values().stream().sorted(Comparator.comparing(Order::status)
                .thenComparing(Order::orderDate, Comparator.reverseOrder())).map(Order::key).collect(Collectors.toList());
        assertEquals(want, got);
        List<String> bySub = keys(Http.get(q + "/salesOrders?count=100&orderBy=" + enc("subTotal desc")));
        assertEquals(orders.values().stream().sorted(bySubTotalDescNullsFirst()).map(Order::key).collect(Collectors.toList()), bySub,
                "nulls sort as the largest value; ties by key in the last key's direction");
        List<String> byCity = keys(Http.get(q + "/salesOrders?count=100&orderBy=" + enc("billAddress.city, revision desc")));
        assertEquals(orders.values().stream().sorted(Comparator.comparing(Order::city, Comparator.nullsLast(Comparator.<String>naturalOrder()))
                .thenComparing(Order::revision, Comparator.reverseOrder())).map(Order::key).collect(Collectors.toList()), byCity);
        assertDiagnosis(Http.get(q + "/salesOrders?orderBy=" + enc("noSuch desc")), 400, "BadQueryParameter");
        assertDiagnosis(Http.get(q + "/salesOrders?orderBy=" + enc("revision sideways")), 400, "BadQueryParameter");
    }

    /**
     * QRY-5: a sort key the server cannot apply (a path through the orderLines collection) is not an error: the feed
     * is sorted by the other keys and carries a warning naming the one left out; nothing worse than a warning
     * appears in a 200 (QRY-27, ERR-9).
     */
    @Test
    void aSortKeyThatCannotBeAppliedIsLeftOutWithAWarning() {
        Reply r = Http.get(q + "/salesOrders?count=100&orderBy=" + enc("orderLines.orderQty desc, orderDate desc"));
        assertEquals(200, r.status(), r::toString);
        assertEquals(orders.values().stream().sorted(Comparator.comparing(Order::orderDate, Comparator.reverseOrder()))
                .map(Order::key).collect(Collectors.toList()), keys(r), "sorted by the key that could be applied");
        Xml x = r.xml();
        assertEquals(1, x.count("/a:feed/sdata:diagnosis"), r::toString);
        assertEquals("warning", x.text("/a:feed/sdata:diagnosis/sdata:severity"));
        assertEquals("BadQueryParameter", x.text("/a:feed/sdata:diagnosis/sdata:sdataCode"));
        assertEquals("", x.text("/a:feed/sdata:diagnosis/sdata:applicationCode"), "ERR-4: no applicationCode with a specific sdataCode");
        assertTrue(x.text("/a:feed/sdata:diagnosis/sdata:message").contains("orderLines"), r::toString);
        assertEquals(6, x.count("/a:feed/sdata:diagnosis/*"), "all six children, as sdata.xsd wants");
        assertEquals(0, Http.get(q + "/salesOrders?count=3&orderBy=orderDate").xml().count("//sdata:diagnosis"), "none when all applies");
        assertEquals(200, Http.get(q + "/salesOrders?count=3&orderBy=orderLines").status(), "a collection alone: the key order");
        // JSON-6: in JSON the warning is a $diagnoses member beside $url
        Reply json = Http.get(q + "/salesOrders?count=3&format=json&orderBy=" + enc("orderLines.orderQty desc, orderDate desc"));
        assertEquals(200, json.status());
        assertTrue(json.body().contains("\"$diagnoses\":[{\"severity\":\"warning\",\"sdataCode\":\"BadQueryParameter\""), json::toString);
    }

    @Test
    void walkingNextLinksNeverSkipsOrRepeats() {
        for (String order : List.of("subTotal desc", "billAddress.city asc, comment desc", "status", "")) {
            String url = q + "/salesOrders?count=7&where=" + enc("revision ne 13") + (order.isEmpty() ? "" : "&orderBy=" + enc(order));
            List<String> walked = new ArrayList<>();
            int pages = 0;
            while (url != null) {
                Reply r = Http.get(url);
                assertEquals(200, r.status(), r::toString);
                Xml x = r.xml();
                List<String> page = keys(r);
                String next = x.text("/a:feed/a:link[@rel='next']/@href");
                if (!next.isEmpty()) assertEquals(7, page.size(), "FEED-14: full pages before the last");
                assertEquals(String.valueOf(pages * 7 + 1), x.text("/a:feed/opensearch:startIndex"));
                walked.addAll(page);
                url = next.isEmpty() ? null : next;
                pages++;
            }
            assertEquals(ORDERS - 1, walked.size(), order);
            assertEquals(ORDERS - 1, new HashSet<>(walked).size(), "no entry twice: " + order);
            List<String> oneGo = keys(Http.get(q + "/salesOrders?count=100&where=" + enc("revision ne 13")
                    + (order.isEmpty() ? "" : "&orderBy=" + enc(order))));
            assertEquals(oneGo, walked, "the walk gives the same order as one page: " + order);
        }
    }

    @Test
    void startIndexAndCountSliceTheOrderedSet() {
        String base = q + "/salesOrders?orderBy=" + enc("orderDate desc");
        List<String> ten = keys(Http.get(base + "&startIndex=1&count=10"));
        List<String> a = keys(Http.get(base + "&startIndex=1&count=5"));
        Reply second = Http.get(base + "&startIndex=6&count=5");
        List<String> both = new ArrayList<>(a);
        both.addAll(keys(second));
        assertEquals(ten, both);
        assertEquals("6", second.xml().text("/a:feed/opensearch:startIndex"));
        Xml last = Http.get(base + "&startIndex=29&count=5").xml();
        assertEquals(2, last.count("/a:feed/a:entry"));
        assertTrue(last.has("/a:feed/a:link[@rel='previous']"));
        assertFalse(last.has("/a:feed/a:link[@rel='next']"));
    }

    @Test
    void allFourQueryParametersTogether() {
        Reply r = Http.get(q + "/salesOrders?where=" + enc("subTotal gt 1500.0") + "&orderBy=" + enc("orderDate desc")
                + "&startIndex=3&count=4&include=orderLines");
        List<String> want = orders.values().stream().filter(o -> o.subTotal() != null && cmp(o.subTotal(), "1500") > 0)
                .sorted(Comparator.comparing(Order::orderDate).reversed()).map(Order::key).skip(2).limit(4).collect(Collectors.toList());
        assertEquals(want, keys(r));
        Xml x = r.xml();
        assertEquals("3", x.text("/a:feed/opensearch:startIndex"));
        assertEquals("4", x.text("/a:feed/opensearch:itemsPerPage"));
        // FEED-7: the self link gives this same page
        assertEquals(want, keys(Http.get(x.text("/a:feed/a:link[@rel='self']/@href"))));
    }

    @Test
    void everySimplePropertyOfEveryKindCanBeFilteredAndSorted() {
        Xml schema = Http.get(q + "/$schema").xml();
        int kinds = schema.count("/xs:schema/xs:element[@sme:role='resourceKind']");
        for (int i = 1; i <= kinds; i++) {
            String kind = "/xs:schema/xs:element[@sme:role='resourceKind'][" + i + "]";
            String plural = schema.text(kind + "/@sme:pluralName");
            String type = schema.text(kind + "/@type").replaceFirst("^.*:", "");
            String props = "/xs:schema/xs:complexType[@name='" + type + "']//xs:element[@sme:canFilter='true']";
            int n = schema.count(props);
            assertTrue(n > 0, plural);
            for (int j = 1; j <= n; j++) {
                String p = schema.text("(" + props + ")[" + j + "]/@name");
                Reply r = Http.get(q + "/" + plural + "?where=" + enc(p + " eq " + p + " or " + p + " eq null")
                        + "&orderBy=" + enc(p + " desc"));
                assertEquals(200, r.status(), plural + "." + p + ": " + r);
                assertEquals(Http.get(q + "/" + plural).xml().text("/a:feed/opensearch:totalResults"),
                        r.xml().text("/a:feed/opensearch:totalResults"), plural + "." + p);
            }
        }
    }

    @Test
    void aQueryMatchingNothingIsAnEmptyFeed() {
        Reply r = where("subTotal lt -1");
        assertEquals(List.of(), keys(r));
        assertEquals("0", r.xml().text("/a:feed/opensearch:totalResults"));
    }

    @Test
    void unknownParametersAreIgnored() {
        assertEquals(keys(Http.get(q + "/salesOrders?count=100&orderBy=revision")),
                keys(Http.get(q + "/salesOrders?count=100&orderBy=revision&foo=bar&_zz=1&search=x")));
    }

    @Test
    void aTamperedCursorIsABadParameter() {
        Xml x = Http.get(q + "/salesOrders?count=5&orderBy=revision").xml();
        String next = x.text("/a:feed/a:link[@rel='next']/@href");
        assertTrue(next.contains("_cursor="), next);
        assertDiagnosis(Http.get(next.replaceAll("_cursor=[^&]*", "_cursor=garbage")), 400, "BadQueryParameter");
        assertDiagnosis(Http.get(next.replace("orderBy=revision", "orderBy=status")), 400, "BadQueryParameter");
    }

    // ---------------------------------------------------------------- payload control (QP-6..8, QRY-11..14)

    private Xml linedOrderFeed(String params) {
        Reply r = Http.get(q + "/salesOrders?where=" + enc("$key eq '" + linedOrder + "'") + "&" + params);
        assertEquals(200, r.status(), r::toString);
        return r.xml();
    }

    private static final String SO = "/a:feed/a:entry/sdata:payload/c:salesOrder";

    @Test
    void precedenceKeepsTheMostImportantProperties() {
        Xml one = linedOrderFeed("precedence=1");
        assertTrue(one.has(SO + "/c:orderDate"));
        assertTrue(one.has(SO + "/c:orderNumber"));
        assertFalse(one.has(SO + "/c:status"), "precedence 2 is left out");
        assertFalse(one.has(SO + "/c:comment"), "no precedence: left out");
        assertEquals(linedOrder, one.text(SO + "/@sdata:key"), "the resource's sdata attributes stay");
        Xml two = linedOrderFeed("precedence=2");
        assertTrue(two.has(SO + "/c:status") && two.has(SO + "/c:contact"));
        Xml none = linedOrderFeed("precedence=0");
        assertEquals(1, none.count("/a:feed/a:entry"));
        assertFalse(none.has("/a:feed/a:entry/sdata:payload"), "precedence=0 omits the payload");
        assertDiagnosis(Http.get(q + "/salesOrders?precedence=high"), 400, "BadQueryParameter");
    }

    @Test
    void includeEmbedsOnlyTheNamedRelationships() {
        Xml plain = linedOrderFeed("");
        assertEquals(0, plain.count(SO + "/c:orderLines/c:salesOrderLine"), "related data is linked, not embedded");
        Xml lines = linedOrderFeed("include=orderLines");
        assertEquals(3, lines.count(SO + "/c:orderLines/c:salesOrderLine"));
        assertTrue(lines.has(SO + "/c:orderLines/c:salesOrderLine/c:lineNumber"));
        assertFalse(lines.has(SO + "/c:billAddress/c:city"), "billAddress was not named");
        Xml children = linedOrderFeed("include=$children");
        assertEquals(3, children.count(SO + "/c:orderLines/c:salesOrderLine"));
        Order o1 = orders.get(linedOrder);
        if (o1.city() != null) assertEquals(o1.city(), children.text(SO + "/c:billAddress/c:city"));
        assertEquals("", children.text(SO + "/c:contact/c:lastName"), "references are not children");
        Xml contact = linedOrderFeed("include=contact");
        assertEquals(o1.lastName(), contact.text(SO + "/c:contact/c:lastName"));
        assertEquals(productKey, lines.text(SO + "/c:orderLines/c:salesOrderLine[1]/c:product/@sdata:key"));
        assertFalse(lines.has(SO + "/c:orderLines/c:salesOrderLine/c:product/c:name"), "QRY-12: include does not recurse");
        Xml xmlPath = linedOrderFeed("include=" + enc("orderLines/salesOrderLine/product"));
        assertEquals(3, xmlPath.count(SO + "/c:orderLines/c:salesOrderLine"), "an XML-name path embeds its first step too");
        assertEquals(3, xmlPath.count(SO + "/c:orderLines/c:salesOrderLine/c:product[c:name='Widget']"), "QRY-12: the path's last step");
        Reply entry = Http.get(q + "/salesOrders('" + linedOrder + "')?include=orderLines");
        assertEquals(3, entry.xml().count("/a:entry/sdata:payload/c:salesOrder/c:orderLines/c:salesOrderLine"));
        assertDiagnosis(Http.get(q + "/salesOrders?include=noSuch"), 400, "BadQueryParameter");
        // deep paths refused
        assertDiagnosis(Http.get(q + "/salesOrders?include=" + "contact/".repeat(40) + "x"), 400, "BadQueryParameter");
        assertDiagnosis(Http.get(q + "/salesOrders?select=" + "contact/".repeat(40) + "x"), 400, "BadQueryParameter");
    }

    @Test
    void selectOverridesIncludeAndPrecedence() {
        Xml x = linedOrderFeed("select=orderDate&include=orderLines&precedence=0");
        assertTrue(x.has(SO + "/c:orderDate"));
        assertEquals(1, x.count(SO + "/*"), "only orderDate");
        Xml paths = linedOrderFeed("select=" + enc("orderDate,contact/*,orderLines/orderQty,orderLines/product"));
        Order o1 = orders.get(linedOrder);
        assertEquals(o1.lastName(), paths.text(SO + "/c:contact/c:lastName"), "contact/* shows the contact's properties");
        assertEquals(3, paths.count(SO + "/c:orderLines/c:salesOrderLine/c:orderQty"));
        assertEquals(3, paths.count(SO + "/c:orderLines/c:salesOrderLine/c:product[@sdata:key='" + productKey + "']"),
                "QRY-14: orderLines/product is the bare link");
        assertFalse(paths.has(SO + "/c:orderLines/c:salesOrderLine/c:product/c:name"), "a bare link has no data");
        assertTrue(paths.has(SO + "/c:contact/c:address"), "contact/* lists the address");
        assertFalse(paths.has(SO + "/c:contact/c:address/c:city"), "QRY-14: contact/* does not recurse into the contact's children");
        assertEquals(0, paths.count(SO + "/c:orderLines/c:salesOrderLine/c:lineNumber"), "only the selected line property");
        assertFalse(paths.has(SO + "/c:status"));
        Xml bare = linedOrderFeed("select=contact");
        assertEquals(o1.contactKey(), bare.text(SO + "/c:contact/@sdata:key"));
        assertFalse(bare.has(SO + "/c:contact/c:lastName"), "a relationship named alone is a bare link");
        assertDiagnosis(Http.get(q + "/salesOrders?select=noSuch"), 400, "BadQueryParameter");
        for (String empty : List.of("/", "contact//lastName", "contact/", " / ")) {
            for (String param : List.of("select", "include")) {
                for (String url : List.of(q + "/salesOrders", q + "/salesOrders('" + linedOrder + "')")) {
                    assertDiagnosis(Http.get(url + "?" + param + "=" + enc(empty)), 400, "BadQueryParameter");
                }
            }
        }
    }

    /**
     * URL-10, QRY-20: property URLs chain. A line's product through its order, the order's contact's address, and a
     * line's product through a selector; a missing link on the way is a 404; the entries have their primary ids.
     */
    @Test
    void propertyUrlsChain() {
        String order = q + "/salesOrders('" + linedOrder + "')";
        String line = Http.get(order + "/orderLines?count=1").xml().text("/a:feed/a:entry/sdata:payload/*/@sdata:key");
        Reply product = Http.get(order + "/orderLines('" + line + "')/product");
        assertEquals(200, product.status(), product::toString);
        assertEquals(q + "/products('" + productKey + "')", product.xml().text("/a:entry/a:id"));
        assertEquals("Widget", product.xml().text("/a:entry/sdata:payload/c:product/c:name"));
        Reply address = Http.get(order + "/contact/address");
        assertEquals(200, address.status(), address::toString);
        assertEquals("Lyon", address.xml().text("/a:entry/sdata:payload/c:address/c:city"));
        assertEquals(200, Http.get(q + "/salesOrders(revision%20eq%201)/orderLines('" + line + "')/product").status());
        assertApplicationDiagnosis(Http.get(order + "/orderLines('no-such-line')/product"), 404, "ResourceNotFound");
        // not a relationship of the address reached
        assertDiagnosis(Http.get(order + "/billAddress/nothing"), 400, "BadUrlSyntax");
        // a reference is read-only at its property URL, chained or not
        assertApplicationDiagnosis(Http.put(order + "/orderLines('" + line + "')/product", entry(resource("product", "",
                "<name>x</name>")), "If-Match", product.etag()), 405, "MethodNotAllowed");
        Reply same = Http.get(q + "/products('" + productKey + "')");
        assertEquals("Widget", same.xml().text("/a:entry/sdata:payload/c:product/c:name"), "the refused PUT changed nothing");
        assertEquals(product.etag(), same.etag());
    }

    // ---------------------------------------------------------------- feed readers (FEED-*, §3.6, §3.12)

    /** Reads the feed with ROME, an Atom library of its own, and checks what RFC 4287 requires of it. */
    private static com.rometools.rome.feed.atom.Feed atomFeed(String xml) throws Exception {
        com.rometools.rome.feed.WireFeed wf = new com.rometools.rome.io.WireFeedInput().build(new java.io.StringReader(xml));
        assertEquals("atom_1.0", wf.getFeedType());
        com.rometools.rome.feed.atom.Feed f = (com.rometools.rome.feed.atom.Feed) wf;
        assertFalse(f.getId() == null || f.getId().isBlank(), "atom:id");
        assertFalse(f.getTitle() == null || f.getTitle().isBlank(), "atom:title");
        assertTrue(f.getUpdated() != null, "atom:updated");
        assertFalse(f.getAuthors().isEmpty(), "atom:author");
        assertEquals(1, f.getOtherLinks().stream().filter(l -> "self".equals(l.getRel())).count(), "exactly one self link");
        for (com.rometools.rome.feed.atom.Entry e : f.getEntries()) {
            assertFalse(e.getId() == null || e.getId().isBlank(), "entry id");
            assertFalse(e.getTitle() == null || e.getTitle().isBlank(), "entry title");
            assertTrue(e.getUpdated() != null, "entry updated");
            assertTrue(e.getOtherLinks().stream().anyMatch(l -> "self".equals(l.getRel())), "entry self link");
        }
        return f;
    }

    @Test
    void everyFeedIsAtomThatAnIndependentLibraryReads() throws Exception {
        for (String url : List.of(q + "/salesOrders?count=5&orderBy=" + enc("orderDate desc"), q + "/salesOrders?precedence=0",
                q + "/salesOrders?include=$children&count=3", q + "/salesOrders('" + linedOrder + "')/orderLines",
                q + "/customers('" + customerKey + "')/salesOrders", q + "/contacts", q, server.sdata())) {
            Reply r = Http.get(url, "Accept", "*/*");
            assertEquals(200, r.status(), url);
            assertTrue(r.header("Content-Type").startsWith("application/atom+xml"), url);
            com.rometools.rome.feed.atom.Feed f = atomFeed(r.body());
            assertTrue(f.getTitle().contains("myApp"), "FEED-2: the application name is in the title: " + f.getTitle());
        }
        com.rometools.rome.feed.atom.Feed page = atomFeed(Http.get(q + "/salesOrders?count=5").body());
        assertEquals(5, page.getEntries().size());
        // every entry is readable on its own, too
        Reply entry = Http.get(q + "/salesOrders('" + linedOrder + "')");
        com.rometools.rome.feed.atom.Entry e = com.rometools.rome.io.impl.Atom10Parser.parseEntry(
                new java.io.StringReader(entry.body()), null, java.util.Locale.ROOT);
        assertEquals(q + "/salesOrders('" + linedOrder + "')", e.getId());
        assertFalse(e.getAuthors().isEmpty(), "a standalone entry names its author");
        assertTrue(e.getContents() != null && !e.getContents().isEmpty(), "atom:content");
    }

    /**
     * The head of a resource feed: RFC 3339 times (FEED-4), a named author (FEED-5), a schema link that leads to the
     * XSD (FEED-9), template and post links for a postable kind (FEED-10); every entry of a feed of an ETag kind,
     * also through a property URL, carries the http:etag its own URL answers with (CONC-1).
     */
    @Test
    void feedHeadLinksAndEntryEtags() {
        for (String url : List.of(q + "/salesOrders?count=7", q + "/salesOrders('" + linedOrder + "')/orderLines")) {
            Xml x = Http.get(url).xml();
            java.time.OffsetDateTime.parse(x.text("/a:feed/a:updated"));
            int n = x.count("/a:feed/a:entry");
            assertTrue(n >= 3, url);
            for (int i = 1; i <= n; i++) {
                String e = "/a:feed/a:entry[" + i + "]";
                java.time.OffsetDateTime.parse(x.text(e + "/a:updated"));
                String etag = x.text(e + "/http:etag");
                assertFalse(etag.isEmpty(), "CONC-1: " + url + " entry " + i);
                Reply own = Http.get(x.text(e + "/a:id"));
                assertEquals(200, own.status(), own::toString);
                assertEquals(etag, own.xml().text("/a:entry/http:etag"), "the same ETag as the entry's own URL");
            }
            assertFalse(x.text("/a:feed/a:author/a:name").isBlank(), "FEED-5");
        }
        Xml feed = Http.get(q + "/salesOrders?count=1").xml();
        String rel = "http://schemas.sage.com/sdata/link-relations/";
        assertEquals("application/xml", feed.text("/a:feed/a:link[@rel='" + rel + "schema']/@type"), "FEED-9");
        Reply schema = Http.get(feed.text("/a:feed/a:link[@rel='" + rel + "schema']/@href"));
        if (schema.status() == 302) schema = Http.get(schema.header("Location"));
        assertEquals(200, schema.status(), schema::toString);
        assertTrue(schema.xml().has("/xs:schema/xs:element[@name='salesOrder']"), "the schema link leads to the XSD");
        assertTrue(feed.text("/a:feed/a:link[@rel='" + rel + "template']/@type").startsWith("application/atom+xml"), "FEED-10");
        Reply template = Http.get(feed.text("/a:feed/a:link[@rel='" + rel + "template']/@href"));
        assertEquals(200, template.status(), template::toString);
        assertTrue(template.xml().has("/a:entry/sdata:payload/c:salesOrder"), "the template is a salesOrder entry");
        assertTrue(feed.text("/a:feed/a:link[@rel='" + rel + "post']/@type").startsWith("application/atom+xml"), "FEED-10");
        assertEquals(q + "/salesOrders", feed.text("/a:feed/a:link[@rel='" + rel + "post']/@href"), "FEED-10: post to the collection");
    }

    /**
     * QP-12, QP-13: this server is not localised, so language (with or without Accept-Language) is ignored: the same
     * Atom feed as without it, not an error. format names JSON or Atom (JSON-1): the same page either way.
     */
    @Test
    void languageIsIgnoredAndFormatChoosesTheSamePageInJsonOrAtom() throws Exception {
        String plain = q + "/salesOrders?orderBy=" + enc("orderDate desc") + "&count=5";
        Reply atom = Http.get(plain);
        for (Reply r : List.of(Http.get(plain + "&format=atom", "Accept", "application/json"),
                Http.get(plain + "&language=" + enc("fr-CA,fr"), "Accept-Language", "en"), Http.get(plain, "Accept-Language", "de"))) {
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.header("Content-Type").startsWith("application/atom+xml"), r::toString);
            assertEquals(atom.xml().text("/a:feed/opensearch:totalResults"), r.xml().text("/a:feed/opensearch:totalResults"));
            for (int i = 1; i <= 5; i++) {
                String e = "/a:feed/a:entry[" + i + "]";
                assertEquals(atom.xml().text(e + "/a:id"), r.xml().text(e + "/a:id"));
                assertEquals(atom.xml().text(e + "/a:title"), r.xml().text(e + "/a:title"));
            }
        }
        for (Reply r : List.of(Http.get(plain + "&format=" + enc("application/json"), "Accept", "application/atom+xml"),
                Http.get(plain + "&format=json"))) {
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.header("Content-Type").startsWith("application/json"), r::toString);
            com.fasterxml.jackson.databind.JsonNode f = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertEquals(atom.xml().text("/a:feed/opensearch:totalResults"), f.get("$totalResults").asText());
            for (int i = 1; i <= 5; i++) {
                assertEquals(atom.xml().text("/a:feed/a:entry[" + i + "]/a:id"), f.get("$resources").get(i - 1).get("$url").asText());
            }
        }
    }

    @Test
    void feedsAndEntriesCarryOneSdataCategory() {
        Xml x = Http.get(q + "/salesOrders?count=3").xml();
        String scheme = "http://schemas.sage.com/sdata/categories";
        assertEquals(1, x.count("/a:feed/a:category[@scheme='" + scheme + "']"));
        assertEquals("collection", x.text("/a:feed/a:category[@scheme='" + scheme + "']/@term"));
        assertEquals(3, x.count("/a:feed/a:entry/a:category[@scheme='" + scheme + "'][@term='resource']"));
    }

    @Test
    void simpleListExtensionsNameSortableProperties() {
        String sle = "http://www.microsoft.com/schemas/rss/core/2005";
        Xml x = Http.get(q + "/salesOrders?count=1").xml();
        String body = Http.get(q + "/salesOrders?count=1").body();
        assertTrue(body.contains(sle), "SLE namespace declared");
        Xml schema = Http.get(q + "/$schema").xml();
        // each sle:sort names a property that $schema marks canSort (FEED-16)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("element=\"salesOrder/([A-Za-z]+)\"").matcher(body);
        int sorts = 0;
        while (m.find()) {
            sorts++;
            assertEquals("true", schema.text("/xs:schema/xs:complexType[@name='salesOrder--type']//xs:element[@name='"
                    + m.group(1) + "']/@sme:canSort"), m.group(1));
        }
        assertTrue(sorts >= 3, body);
        assertTrue(body.contains("<sle:treatAs>list</sle:treatAs>"), body);
        assertEquals(1, x.count("/a:feed/a:entry"));
    }

    @Test
    void filterableAndSortablePropertiesAreIndexed() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.databaseUrl())) {
            Set<String> indexed = new HashSet<>();
            java.sql.DatabaseMetaData md = c.getMetaData();
            for (String table : List.of("sd_myContract_salesOrder", "SD_MYCONTRACT_SALESORDER", "sd_mycontract_salesorder")) {
                try (java.sql.ResultSet rs = md.getIndexInfo(null, null, table, false, false)) {
                    while (rs.next()) {
                        if (rs.getInt("ORDINAL_POSITION") == 2 && rs.getString("COLUMN_NAME") != null) {
                            indexed.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
            for (String p : List.of("p_orderdate", "p_status", "p_subtotal")) assertTrue(indexed.contains(p), p + " in " + indexed);
            assertFalse(indexed.contains("p_comment"), "comment is not flagged canFilter/canSort: " + indexed);
        }
    }

    // ---------------------------------------------------------------- caching (QRY-15..18)

    @Test
    void feedsCarryAnEtagAnswer304AndChangeWithTheData() {
        String url = q + "/salesOrders?where=" + enc("revision le 3") + "&orderBy=revision";
        Reply first = Http.get(url);
        String etag = first.header("ETag");
        assertTrue(etag != null && !etag.isBlank(), "QRY-15");
        Reply again = Http.get(url, "If-None-Match", etag);
        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(etag, again.header("ETag"));
        // change one order: the feed's ETag changes and the conditional GET is answered in full
        Order o = orders.values().iterator().next();
        Reply current = Http.get(q + "/salesOrders('" + o.key() + "')");
        Reply put = Http.put(q + "/salesOrders('" + o.key() + "')", entry(resource("salesOrder", "",
                "<comment>" + o.comment() + "</comment>")), "If-Match", current.header("ETag"));
        assertEquals(200, put.status(), put::toString);
        Reply after = Http.get(url, "If-None-Match", etag);
        assertEquals(200, after.status());
        assertNotEquals(etag, after.header("ETag"));
        // a feed ETag is never an entry's (QRY-18)
        Reply stale = Http.put(q + "/salesOrders('" + o.key() + "')", entry(resource("salesOrder", "",
                "<comment>x</comment>")), "If-Match", after.header("ETag"));
        assertEquals(412, stale.status(), stale::toString);
        assertEquals(put.xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"),
                Http.get(q + "/salesOrders('" + o.key() + "')").xml().text("/a:entry/sdata:payload/c:salesOrder/c:comment"),
                "the refused PUT changed nothing");
        // entries answer If-None-Match too
        Reply entry = Http.get(q + "/salesOrders('" + o.key() + "')");
        assertEquals(304, Http.get(q + "/salesOrders('" + o.key() + "')", "If-None-Match", entry.header("ETag")).status());
    }
}
