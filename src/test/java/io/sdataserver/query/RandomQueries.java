package io.sdataserver.query;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
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
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Random where-expressions and orderBy lists over a generated data set, checked against an evaluator written here
 * from the spec (SQL three-valued logic, code-point text order, nulls sorting last ascending). Each case is built
 * from one seed, so a failure names an expression that can be replayed. Used by the jqwik properties of
 * {@link RandomQueriesH2Test} and {@link RandomQueriesPostgresTest}.
 */
final class RandomQueries {
    private static final String[] STATUS = {"Open", "Shipped", "Closed"};
    private static final String[] LAST_NAMES = {"O'Brien", "smith", "Smith", "Zeta \"Z\""};
    private static final String[] WORDS = {"rush", "Rush", "note", "a", "", "it's", "x_y", "50%", "  pad  ", "Zz"};
    private static final String[] CITIES = {"Paris", "paris", "London", "Berlin", "Bern"};

    /** One salesOrder as made: every value the expressions can reach. */
    record Row(String key, LocalDate orderDate, LocalDate shipDate, String status, BigDecimal subTotal, String comment,
               int revision, String city, String lastName) { }

    private final TestServer server;
    private final String base;
    private final List<Row> rows = new ArrayList<>();
    /** Counts of cases whose answer was neither empty nor everything: the generator must probe real subsets. */
    int nonTrivial;
    int cases;

    RandomQueries(Backend backend) {
        server = TestServer.start(backend, TestServer.BUNDLED_CONTRACTS, List.of("rnd"), -1);
        base = server.sdata() + "/myApp/myContract/rnd";
        Random r = new Random(20081119);
        List<String> contacts = new ArrayList<>();
        for (String last : LAST_NAMES) {
            Reply c = Http.post(base + "/contacts", entry(resource("contact", "", "<lastName>" + xml(last) + "</lastName>")));
            assertEquals(201, c.status(), c::toString);
            contacts.add(c.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key"));
        }
        for (int i = 0; i < 80; i++) {
            LocalDate date = LocalDate.of(2007, 1, 1).plusDays(r.nextInt(900));
            LocalDate ship = r.nextInt(4) == 0 ? null : date.plusDays(r.nextInt(40));
            String status = STATUS[r.nextInt(3)];
            BigDecimal sub = r.nextInt(6) == 0 ? null
                    : BigDecimal.valueOf(r.nextInt(400_000) - 50_000, r.nextInt(3)); // scales 0..2, some negative
            String comment = r.nextInt(5) == 0 ? null : WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? " " + i : "");
            int revision = r.nextInt(60) - 10;
            String city = r.nextInt(4) == 0 ? null : CITIES[r.nextInt(CITIES.length)];
            int ci = r.nextInt(contacts.size());
            StringBuilder inner = new StringBuilder("<orderDate>" + date + "</orderDate>");
            inner.append(ship == null ? "<shipDate xsi:nil=\"true\"/>" : "<shipDate>" + ship + "</shipDate>");
            inner.append("<status>").append(status).append("</status>");
            inner.append(sub == null ? "<subTotal xsi:nil=\"true\"/>" : "<subTotal>" + sub.toPlainString() + "</subTotal>");
            inner.append(comment == null ? "<comment xsi:nil=\"true\"/>" : "<comment>" + xml(comment) + "</comment>");
            inner.append("<revision>").append(revision).append("</revision>");
            if (city != null) inner.append("<billAddress><city>").append(city).append("</city></billAddress>");
            inner.append("<contact sdata:key=\"").append(contacts.get(ci)).append("\"/>");
            Reply c = Http.post(base + "/salesOrders", entry(resource("salesOrder", "", inner.toString())));
            assertEquals(201, c.status(), c::toString);
            String key = c.xml().text("/a:entry/sdata:payload/c:salesOrder/@sdata:key");
            rows.add(new Row(key, date, ship, status, sub, comment, revision, city, LAST_NAMES[ci]));
        }
    }

    void close() { server.close(); }

    private static String xml(String s) { return s.replace("&", "&amp;").replace("<", "&lt;"); }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private List<String> keys(String query) {
        Reply r = Http.get(base + "/salesOrders?count=1000&" + query);
        assertEquals(200, r.status(), () -> query + " -> " + r);
        Xml x = r.xml();
        List<String> out = new ArrayList<>();
        int n = x.count("/a:feed/a:entry");
        for (int i = 1; i <= n; i++) out.add(x.text("/a:feed/a:entry[" + i + "]/sdata:payload/*/@sdata:key"));
        return out;
    }

    // ================================================================== the properties

    /** The server's answer to a random where-expression is exactly the rows the reference evaluator keeps. */
    void whereAgreesWithTheReference(long seed) {
        Gen g = new Gen(new Random(seed));
        Cond c = g.cond(3);
        String text = c.sdata();
        Set<String> expected = rows.stream().filter(row -> Boolean.TRUE.equals(c.test(row))).map(Row::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> got = new TreeSet<>(keys("where=" + enc(text)));
        assertEquals(expected, got, () -> "where=" + text);
        cases++;
        if (!expected.isEmpty() && expected.size() < rows.size()) nonTrivial++;
    }

    /** A random orderBy gives the reference order, ties broken by the key in the direction of the last key. */
    void orderByAgreesWithTheReference(long seed) {
        Random r = new Random(seed);
        List<String> names = new ArrayList<>(SORTABLE.keySet());
        int n = 1 + r.nextInt(3);
        List<String> terms = new ArrayList<>();
        Comparator<Row> cmp = null;
        boolean lastDesc = false;
        for (int i = 0; i < n; i++) {
            String name = names.remove(r.nextInt(names.size()));
            boolean desc = r.nextBoolean();
            lastDesc = desc;
            terms.add(name + (desc ? " desc" : r.nextBoolean() ? " asc" : ""));
            Function<Row, Comparable<Object>> f = SORTABLE.get(name);
            Comparator<Row> one = Comparator.comparing(f, Comparator.nullsLast(Comparator.naturalOrder()));
            if (desc) one = one.reversed();
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        Comparator<Row> byKey = Comparator.comparing(Row::key);
        cmp = cmp.thenComparing(lastDesc ? byKey.reversed() : byKey);
        List<String> expected = rows.stream().sorted(cmp).map(Row::key).collect(Collectors.toList());
        String orderBy = String.join(", ", terms);
        assertEquals(expected, keys("orderBy=" + enc(orderBy)), () -> "orderBy=" + orderBy);
        // walking next links in pages of 7 gives the same sequence
        List<String> walked = new ArrayList<>();
        String url = base + "/salesOrders?count=7&orderBy=" + enc(orderBy);
        while (url != null) {
            Reply page = Http.get(url);
            assertEquals(200, page.status(), page::toString);
            Xml x = page.xml();
            int m = x.count("/a:feed/a:entry");
            for (int i = 1; i <= m; i++) walked.add(x.text("/a:feed/a:entry[" + i + "]/sdata:payload/*/@sdata:key"));
            String next = x.text("/a:feed/a:link[@rel='next']/@href");
            url = next.isEmpty() ? null : next;
        }
        assertEquals(expected, walked, () -> "walking next links, orderBy=" + orderBy);
    }

    private static final String JUNK = "()'\"@,.$x9 -";
    private static final Pattern FAULT_CODES = Pattern.compile("BadWhereSyntax|BadQueryParameter");

    /** Garbage or a damaged expression is a client error with a diagnosis, never a server failure. */
    void garbageIsNeverAServerError(long seed) {
        Random r = new Random(seed);
        String text;
        if (r.nextBoolean()) {
            String[] bits = {"(", ")", ",", ".", "'", "\"", "@", "$", "-", "+", "eq", "and", "or", "not", "between", "in", "like",
                "mul", "div", "mod", "revision", "comment", "billAddress", "city", "lower", "substring", "@2008-01-01@", "0",
                "1.5", "'x'", "null", "true", "%", "\\", "\u00e9", "\u0000", ";", "--", "/*", "DROP TABLE x", "9999999999999999999999"};
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(12);
            for (int i = 0; i < n; i++) sb.append(bits[r.nextInt(bits.length)]).append(r.nextInt(3) == 0 ? "" : " ");
            text = sb.toString();
        } else {
            StringBuilder sb = new StringBuilder(new Gen(r).cond(3).sdata());
            int edits = 1 + r.nextInt(3);
            for (int i = 0; i < edits && sb.length() > 0; i++) {
                int at = r.nextInt(sb.length());
                if (r.nextBoolean()) sb.deleteCharAt(at);
                else sb.insert(at, JUNK.charAt(r.nextInt(JUNK.length())));
            }
            text = sb.toString();
        }
        for (String param : List.of("where", "orderBy")) {
            Reply reply = Http.get(base + "/salesOrders?count=5&" + param + "=" + enc(text));
            assertTrue(reply.status() < 500, () -> param + "=" + text + " -> " + reply);
            if (reply.status() == 400) {
                assertTrue(FAULT_CODES.matcher(reply.body()).find(), () -> param + "=" + text + " -> " + reply);
            } else {
                assertEquals(200, reply.status(), () -> param + "=" + text + " -> " + reply);
            }
        }
        Reply selector = Http.get(base + "/salesOrders(" + enc(text) + ")");
        assertTrue(selector.status() < 500, () -> "selector " + text + " -> " + selector);
    }

    // ================================================================== expressions and their reference meaning

    @SuppressWarnings("unchecked")
    private static final Map<String, Function<Row, Comparable<Object>>> SORTABLE = new LinkedHashMap<>();

    static {
        put("orderDate", Row::orderDate);
        put("shipDate", Row::shipDate);
        put("status", Row::status);
        put("subTotal", Row::subTotal);
        put("comment", Row::comment);
        put("revision", Row::revision);
        put("billAddress.city", Row::city);
        put("contact.lastName", Row::lastName);
    }

    @SuppressWarnings("unchecked")
    private static void put(String name, Function<Row, ? extends Comparable<?>> f) {
        SORTABLE.put(name, row -> (Comparable<Object>) (Comparable<?>) f.apply(row));
    }

    /** A value expression: its SData text and its value on a row (null is SQL null). */
    interface Val { String sdata(); Object eval(Row r); }

    /** A condition: its SData text and its truth on a row (null is unknown). */
    interface Cond { String sdata(); Boolean test(Row r); }

    private static Val val(String text, Function<Row, Object> f) {
        return new Val() {
            public String sdata() { return text; }
            public Object eval(Row r) { return f.apply(r); }
        };
    }

    private static Cond condition(String text, Function<Row, Boolean> f) {
        return new Cond() {
            public String sdata() { return text; }
            public Boolean test(Row r) { return f.apply(r); }
        };
    }

    private static String quote(String s, boolean doubleQuotes) {
        char q = doubleQuotes ? '"' : '\'';
        return q + s.replace(String.valueOf(q), "" + q + q) + q;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y);
        return ((Comparable) a).compareTo(b);
    }

    /** SQL LIKE with % and _, case-sensitive, as a regular expression. */
    private static boolean like(String s, String pattern) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '%') re.append(".*");
            else if (ch == '_') re.append('.');
            else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(s).matches();
    }

    private static final class Gen {
        private final Random r;

        Gen(Random r) { this.r = r; }

        private <T> T pick(T[] a) { return a[r.nextInt(a.length)]; }

        Cond cond(int depth) {
            int k = depth <= 0 ? r.nextInt(6) : r.nextInt(10);
            switch (k) {
                case 0: return compare(num(depth - 1), num(depth - 1));
                case 1: return compare(str(depth - 1), str(depth - 1));
                case 2: return compare(date(), date());
                case 3: return isNull();
                case 4: return between();
                case 5: return inOrLike();
                case 6: case 7: {
                    Cond a = cond(depth - 1);
                    Cond b = cond(depth - 1);
                    boolean and = r.nextBoolean();
                    return condition("(" + a.sdata() + (and ? " and " : " or ") + b.sdata() + ")", row -> {
                        Boolean x = a.test(row);
                        Boolean y = b.test(row);
                        if (and) {
                            if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) return false;
                            return x == null || y == null ? null : true;
                        }
                        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) return true;
                        return x == null || y == null ? null : false;
                    });
                }
                case 8: {
                    Cond a = cond(depth - 1);
                    return condition("not (" + a.sdata() + ")", row -> a.test(row) == null ? null : !a.test(row));
                }
                default: {
                    // and/or without parentheses: priorities decide (and binds tighter)
                    Cond a = cond(0);
                    Cond b = cond(0);
                    Cond c = cond(0);
                    return condition("(" + a.sdata() + " or " + b.sdata() + " and " + c.sdata() + ")", row -> {
                        Boolean bc = and3(b.test(row), c.test(row));
                        Boolean x = a.test(row);
                        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(bc)) return true;
                        return x == null || bc == null ? null : false;
                    });
                }
            }
        }

        private static Boolean and3(Boolean x, Boolean y) {
            if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) return false;
            return x == null || y == null ? null : true;
        }

        private Cond compare(Val a, Val b) {
            String[] ops = {"eq", "ne", "lt", "le", "gt", "ge"};
            String op = pick(ops);
            return condition(a.sdata() + " " + op + " " + b.sdata(), row -> {
                Object x = a.eval(row);
                Object y = b.eval(row);
                if (x == null || y == null) return null;
                int c = RandomQueries.compare(x, y);
                switch (op) {
                    case "eq": return c == 0;
                    case "ne": return c != 0;
                    case "lt": return c < 0;
                    case "le": return c <= 0;
                    case "gt": return c > 0;
                    default: return c >= 0;
                }
            });
        }

        private Cond isNull() {
            String[] nullable = {"shipDate", "subTotal", "comment", "billAddress.city"};
            String p = pick(nullable);
            boolean eq = r.nextBoolean();
            Function<Row, Comparable<Object>> f = SORTABLE.get(p);
            return condition(p + (eq ? " eq null" : " ne null"), row -> eq == (f.apply(row) == null));
        }

        private Cond between() {
            Val v = num(1);
            Val lo = numLiteral();
            Val hi = numLiteral();
            return condition(v.sdata() + " between " + lo.sdata() + " and " + hi.sdata(), row -> {
                Object x = v.eval(row);
                if (x == null) return null;
                return RandomQueries.compare(x, lo.eval(row)) >= 0 && RandomQueries.compare(x, hi.eval(row)) <= 0;
            });
        }

        private Cond inOrLike() {
            if (r.nextBoolean()) {
                Val v = str(1);
                List<String> items = new ArrayList<>();
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) items.add(stringLiteralValue());
                String text = v.sdata() + " in (" + items.stream().map(s -> quote(s, r.nextBoolean())).collect(Collectors.joining(", ")) + ")";
                return condition(text, row -> {
                    Object x = v.eval(row);
                    return x == null ? null : items.contains(x);
                });
            }
            Val v = str(1);
            String[] patterns = {"%", "R%", "%u%", "_", "%a", "no%", "%'%", "__%", "P_ris", "%1%", "50!%", "x!_y"};
            String p = pick(patterns).replace("!", ""); // '!' only marks literal-looking patterns
            return condition(v.sdata() + " like " + quote(p, r.nextBoolean()), row -> {
                Object x = v.eval(row);
                return x == null ? null : like((String) x, p);
            });
        }

        // ------------------------------------------------------------ numbers

        Val num(int depth) {
            int k = depth <= 0 ? r.nextInt(4) : r.nextInt(11);
            switch (k) {
                case 0: return val("revision", row -> BigDecimal.valueOf(row.revision()));
                case 1: return val("subTotal", row -> row.subTotal());
                case 2: case 3: return numLiteral();
                case 4: case 5: {
                    Val a = numArg(depth - 1);
                    String op = pick(new String[] {"+", "-", "mul"});
                    // a product has one small factor, so no database integer type overflows (that answer is a 400)
                    Val b = op.equals("mul") ? smallLiteral() : num(depth - 1);
                    return val("(" + a.sdata() + " " + op + " " + b.sdata() + ")", row -> {
                        BigDecimal x = (BigDecimal) a.eval(row);
                        BigDecimal y = (BigDecimal) b.eval(row);
                        if (x == null || y == null) return null;
                        return op.equals("+") ? x.add(y) : op.equals("-") ? x.subtract(y) : x.multiply(y);
                    });
                }
                case 6: {
                    // whole-number division and modulus: truncated toward zero, remainder takes the dividend's sign
                    int d = (1 + r.nextInt(7)) * (r.nextBoolean() ? 1 : -1);
                    boolean div = r.nextBoolean();
                    return val("(revision " + (div ? "div " : "mod ") + d + ")", row -> BigDecimal.valueOf(div
                            ? row.revision() / d : row.revision() % d));
                }
                case 10: {
                    Val a = numArg(depth - 1);
                    boolean bare = a.sdata().matches("[a-zA-Z.]+"); // -null, -revision: no parentheses needed
                    return val(bare ? "-" + a.sdata() : "-(" + a.sdata() + ")",
                            row -> a.eval(row) == null ? null : ((BigDecimal) a.eval(row)).negate());
                }
                case 7: {
                    Val a = numArg(depth - 1);
                    return val("abs(" + a.sdata() + ")", row -> a.eval(row) == null ? null : ((BigDecimal) a.eval(row)).abs());
                }
                case 8: {
                    Val s = str(depth - 1);
                    return val("length(" + s.sdata() + ")", row -> s.eval(row) == null ? null
                            : BigDecimal.valueOf(((String) s.eval(row)).length()));
                }
                default: {
                    String part = pick(new String[] {"year", "month", "day"});
                    boolean member = r.nextBoolean();
                    String text = member ? "orderDate." + part : part + "(orderDate)";
                    return val(text, row -> BigDecimal.valueOf(part.equals("year") ? row.orderDate().getYear()
                            : part.equals("month") ? row.orderDate().getMonthValue() : row.orderDate().getDayOfMonth()));
                }
            }
        }

        /** An operand of arithmetic or a function: now and then the null literal, whose result is null. */
        private Val numArg(int depth) { return r.nextInt(8) == 0 ? val("null", row -> null) : num(depth); }

        private Val strArg(int depth) { return r.nextInt(8) == 0 ? val("null", row -> null) : str(depth); }

        private Val smallLiteral() {
            BigDecimal v = r.nextBoolean() ? BigDecimal.valueOf(r.nextInt(7) - 3) : BigDecimal.valueOf(r.nextInt(61) - 30, 1);
            return val(v.toPlainString(), row -> v);
        }

        private Val numLiteral() {
            BigDecimal v = r.nextBoolean() ? BigDecimal.valueOf(r.nextInt(400) - 100)
                    : BigDecimal.valueOf(r.nextInt(400_000) - 50_000, 2);
            return val(v.toPlainString(), row -> v);
        }

        // ------------------------------------------------------------ text

        Val str(int depth) {
            int k = depth <= 0 ? r.nextInt(6) : r.nextInt(12);
            switch (k) {
                case 0: return val("status", Row::status);
                case 1: return val("comment", Row::comment);
                case 2: return val("billAddress.city", Row::city);
                case 3: return val("contact.lastName", Row::lastName);
                case 4: case 5: {
                    String s = stringLiteralValue();
                    return val(quote(s, r.nextBoolean()), row -> s);
                }
                case 6: {
                    Val a = strArg(depth - 1);
                    boolean lower = r.nextBoolean();
                    return val((lower ? "lower(" : "upper(") + a.sdata() + ")", row -> a.eval(row) == null ? null
                            : lower ? ((String) a.eval(row)).toLowerCase(Locale.ROOT) : ((String) a.eval(row)).toUpperCase(Locale.ROOT));
                }
                case 7: {
                    Val a = str(depth - 1);
                    int n = r.nextInt(6);
                    boolean left = r.nextBoolean();
                    return val((left ? "left(" : "right(") + a.sdata() + ", " + n + ")", row -> {
                        String s = (String) a.eval(row);
                        if (s == null) return null;
                        int m = Math.min(n, s.length());
                        return left ? s.substring(0, m) : s.substring(s.length() - m);
                    });
                }
                case 8: {
                    Val a = str(depth - 1);
                    int start = 1 + r.nextInt(4);
                    int len = r.nextInt(5);
                    return val("substring(" + a.sdata() + ", " + start + ", " + len + ")", row -> {
                        String s = (String) a.eval(row);
                        if (s == null) return null;
                        int from = Math.min(start - 1, s.length());
                        return s.substring(from, Math.min(s.length(), from + len));
                    });
                }
                case 9: {
                    Val a = strArg(depth - 1);
                    Val b = strArg(depth - 1);
                    return val("concat(" + a.sdata() + ", " + b.sdata() + ")", row -> a.eval(row) == null || b.eval(row) == null
                            ? null : (String) a.eval(row) + b.eval(row));
                }
                case 10: {
                    Val a = strArg(depth - 1);
                    return val("trim(" + a.sdata() + ")", row -> a.eval(row) == null ? null : strip((String) a.eval(row)));
                }
                default: return val("status", Row::status);
            }
        }

        private String stringLiteralValue() {
            String[] pool = {"Open", "Closed", "rush", "Rush 7", "Paris", "O'Brien", "smith", "Zeta \"Z\"", "", "a", "it's",
                "note", "Berlin", "  pad  ", "x_y", "50%", "Bern"};
            return pick(pool);
        }

        // ------------------------------------------------------------ dates

        Val date() {
            int k = r.nextInt(3);
            if (k == 0) return val("orderDate", Row::orderDate);
            if (k == 1) return val("shipDate", Row::shipDate);
            LocalDate d = LocalDate.of(2007, 1, 1).plusDays(r.nextInt(960));
            return val("@" + d + "@", row -> d);
        }
    }

    /** SQL TRIM: spaces only, both ends. */
    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == ' ') a++;
        while (b > a && s.charAt(b - 1) == ' ') b--;
        return s.substring(a, b);
    }

    /** Keys collected over a run, to tell that the generator is not always answering all or nothing. */
    Set<String> allKeys() { return rows.stream().map(Row::key).collect(Collectors.toCollection(HashSet::new)); }
}
