import io.sdataserver.SDataServer;
import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Postgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query latency against PostgreSQL at 10,000, 100,000 and 1,000,000 salesOrders (issue 3): a filtered, sorted
 * 100-entry page, the page reached by following `next` 100 times, and a point read. Each size gets a fresh
 * database; the server creates its tables, the rows are bulk-loaded with SQL into those tables, then every
 * request goes over HTTP to the real server. Figures: median and p95 of repeated requests, in milliseconds.
 *
 * Usage: bench/run-query-bench.sh [sizes...]   (default 10000 100000 1000000)
 */
public final class QueryBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern NEXT = Pattern.compile("<link href=\"([^\"]*)\" rel=\"next\"");
    private static final Pattern ENTRY = Pattern.compile("<entry>");
    private static final int REPEAT = 30;
    private static final int DAYS = 3650;
    private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    /** Open is one order in three and the date bound keeps three quarters of the days: a quarter of the rows match. */
    private static final LocalDate FROM = FIRST_DAY.plusDays(DAYS / 4);

    record Figure(long rows, String metric, double median, double p95, String note) { }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = new ArrayList<>();
        for (String a : args) sizes.add(Long.parseLong(a.replace("_", "")));
        if (sizes.isEmpty()) sizes = List.of(10_000L, 100_000L, 1_000_000L);
        List<Figure> figures = new ArrayList<>();
        for (long n : sizes) figures.addAll(run(n));
        write(figures);
    }

    private static List<Figure> run(long n) throws Exception {
        String db = Postgres.newDatabaseUrl();
        ServerConfig cfg = ServerConfig.defaults(Path.of("schemas"), db);
        List<Figure> out = new ArrayList<>();
        try (SDataServer server = SDataServer.start(cfg.withPort(0), "127.0.0.1")) {
            String base = server.baseUrl() + "/myApp/myContract/-";
            long t0 = System.nanoTime();
            load(db, n);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%,d rows loaded in %.1f s%n", n, loadSeconds);
            checkBulkRowsReadBack(base, n);

            String where = "status eq 'Open' and orderDate ge @" + FROM + "@";
            String first = base + "/salesOrders?where=" + enc(where) + "&orderBy=" + enc("orderDate desc") + "&count=100";
            long expected = expectedMatches(db);

            double cold = timeMs(() -> page(first, 100));
            Stats s1 = repeat(() -> page(first, 100));
            out.add(new Figure(n, "first page (filtered, sorted, 100 entries)", s1.median, s1.p95,
                    String.format("cold %.1f ms; %,d matches", cold, expected)));

            // walk next 100 times; the page reached is then fetched repeatedly through the same link. With fewer
            // than 10,100 matches (10,000 rows) there is no 101st page of 100.
            if (expected >= 101 * 100) {
                String url = first;
                long walkStart = System.nanoTime();
                for (int i = 0; i < 100; i++) url = nextOf(fetch(url));
                double walk = (System.nanoTime() - walkStart) / 1e6;
                String page101 = url;
                Stats s101 = repeat(() -> page(page101, 100));
                out.add(new Figure(n, "page 101 via next links", s101.median, s101.p95,
                        String.format("the 100 next steps took %.0f ms", walk)));
            }

            String key = Long.toString(n / 2);
            String point = base + "/salesOrders('" + key + "')";
            Stats sp = repeat(() -> {
                String body = fetch(point);
                if (!body.contains("sdata:key=\"" + key + "\"")) throw new IllegalStateException("point read: " + body);
            });
            out.add(new Figure(n, "point read", sp.median, sp.p95, ""));
        }
        for (Figure f : out) System.out.printf("%,10d  %-45s median %7.1f ms  p95 %7.1f ms  %s%n", f.rows, f.metric, f.median, f.p95, f.note);
        return out;
    }

    /** Rows shaped as the server writes them: identity columns, the property columns, a contact reference. */
    private static void load(String db, long n) throws Exception {
        try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
            st.execute("INSERT INTO sd_mycontract_contact (ds, k, uuid, etag, ver, updated, published, p_firstname,"
                    + " p_lastname) VALUES ('-', 'bench-contact', gen_random_uuid()::text, 'e', 1, now(), now(), 'Bench', 'Contact')");
            long batch = 200_000;
            for (long from = 1; from <= n; from += batch) {
                long to = Math.min(n, from + batch - 1);
                st.execute("INSERT INTO sd_mycontract_salesorder (ds, k, uuid, etag, ver, updated, published,"
                        + " p_ordernumber, p_orderdate, p_status, p_subtotal, s_subtotal, p_revision,"
                        + " l_contact, u_contact)"
                        + " SELECT '-', i::text, gen_random_uuid()::text, md5(i::text), 1, now(), now(), i::text,"
                        + " DATE '" + FIRST_DAY + "' + ((i::bigint * 7919) % " + DAYS + ")::int,"
                        + " (ARRAY['Open','Shipped','Closed'])[1 + (i % 3)], (i % 100000) / 100.0, 2, 0,"
                        + " 'bench-contact', NULL"
                        + " FROM generate_series(" + from + ", " + to + ") AS i");
            }
            st.execute("ANALYZE");
        }
    }

    private static long expectedMatches(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM sd_mycontract_salesorder WHERE p_status = 'Open'"
                     + " AND p_orderdate >= DATE '" + FROM + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A bulk-loaded row must read back like a row the server wrote, or the figures measure something else. */
    private static void checkBulkRowsReadBack(String base, long n) throws Exception {
        String body = fetch(base + "/salesOrders('1')");
        for (String part : List.of("sdata:key=\"1\"", "<orderNumber>1</orderNumber>", "<status>Shipped</status>",
                "sdata:key=\"bench-contact\"")) {
            if (!body.contains(part)) throw new IllegalStateException("bulk row 1 does not read back with " + part + ": " + body);
        }
        String feed = fetch(base + "/salesOrders?count=1");
        if (!feed.contains("<opensearch:totalResults>" + n + "</opensearch:totalResults>")) {
            throw new IllegalStateException("feed does not count " + n + " rows");
        }
    }

    private static void page(String url, int entries) throws Exception {
        String body = fetch(url);
        Matcher m = ENTRY.matcher(body);
        int count = 0;
        while (m.find()) count++;
        if (count != entries) throw new IllegalStateException(count + " entries instead of " + entries + " at " + url);
    }

    private static String nextOf(String body) {
        Matcher m = NEXT.matcher(body);
        if (!m.find()) throw new IllegalStateException("no next link");
        return m.group(1).replace("&amp;", "&");
    }

    private static String fetch(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
        return r.body();
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    @FunctionalInterface
    interface Action { void run() throws Exception; }

    record Stats(double median, double p95) { }

    private static double timeMs(Action a) throws Exception {
        long t = System.nanoTime();
        a.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static Stats repeat(Action a) throws Exception {
        for (int i = 0; i < 5; i++) a.run(); // warm-up
        double[] ms = new double[REPEAT];
        for (int i = 0; i < REPEAT; i++) ms[i] = timeMs(a);
        Arrays.sort(ms);
        return new Stats(ms[REPEAT / 2], ms[(int) Math.ceil(REPEAT * 0.95) - 1]);
    }

    private static void write(List<Figure> figures) throws Exception {
        Path dir = Path.of("bench", "results");
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("rows,metric,median_ms,p95_ms\n");
        for (Figure f : figures) csv.append(String.format("%d,%s,%.2f,%.2f%n", f.rows, f.metric, f.median, f.p95));
        Files.writeString(dir.resolve("query-latency.csv"), csv);

        StringBuilder md = new StringBuilder("# Query latency on PostgreSQL\n\n");
        md.append("Written by `bench/run-query-bench.sh` on ").append(java.time.LocalDate.now()).append(": ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
                .append(", embedded PostgreSQL 14 (zonky), server and client in one JVM.\n\n");
        md.append("Filter: `where=status eq 'Open' and orderDate ge @").append(FROM)
                .append("@&orderBy=orderDate desc&count=100` (a quarter of the rows match). Median and p95 of ")
                .append(REPEAT).append(" requests after 5 warm-up requests.\n\n");
        md.append("| rows | request | median ms | p95 ms | note |\n|---:|---|---:|---:|---|\n");
        for (Figure f : figures) md.append(String.format("| %,d | %s | %.1f | %.1f | %s |%n", f.rows, f.metric, f.median, f.p95, f.note));
        // per request: the largest size against the smallest that has the figure (page 101 needs 10,100 matches)
        Map<String, Figure[]> span = new LinkedHashMap<>();
        for (Figure f : figures) {
            Figure[] r = span.computeIfAbsent(f.metric, k -> new Figure[2]);
            if (r[0] == null || f.rows < r[0].rows) r[0] = f;
            if (r[1] == null || f.rows > r[1].rows) r[1] = f;
        }
        md.append("\nRatio of medians, largest to smallest size measured (goal: at most 2):\n\n");
        for (Map.Entry<String, Figure[]> e : span.entrySet()) {
            Figure lo = e.getValue()[0];
            Figure hi = e.getValue()[1];
            if (lo.rows == hi.rows) continue;
            md.append(String.format("- %s: %.2f (%,d rows: %.1f ms; %,d rows: %.1f ms)%n", e.getKey(), hi.median / lo.median,
                    hi.rows, hi.median, lo.rows, lo.median));
        }
        Files.writeString(dir.resolve("query-latency.md"), md);
        System.out.println(md);
    }
}
