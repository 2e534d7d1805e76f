import io.sdataserver.SDataServer;
import io.sdataserver.ServerConfig;
import io.sdataserver.security.UsersFile;
import io.sdataserver.testsupport.Postgres;
import io.sdataserver.testsupport.Wrk;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The performance suite of issue 14, one run on one machine: for H2 and PostgreSQL, wrk (2 threads, 32 keep-alive
 * connections) measures in alternating rounds the floor (a bare Jersey resource on Grizzly answering the very bytes
 * of the entry), the entry GET, a feed page of 100 entries in Atom and in JSON, a conditional PUT, a POST create, an
 * authenticated GET (Basic) and the Olingo OData V2 peer's entry GET and conditional PUT (bench/olingo-peer, its own
 * process, same database engine, durability and pool size), after one uncounted round that warms both JVMs up.
 * Then start-up times and the heap. Medians and ratios go to
 * bench/results/perf.md. Usage: bench/run-perf-bench.sh [seconds per run] [rounds]
 */
public final class PerfBench {
    private static final int CONNECTIONS = 32;
    private static final int ORDERS = 200;
    /** Orders the PUT rounds go over: two wrk threads, 64 each, so a key is never in flight twice. */
    private static final int PUT_KEYS = 128;
    private static final int POOL = 16;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern KEY = Pattern.compile("\"\\$key\":\"([^\"]+)\"");
    private static final Pattern ETAG = Pattern.compile("\"\\$etag\":\"([^\"]+)\"");

    static volatile byte[] floorBytes;
    static volatile String floorType;

    @jakarta.ws.rs.Path("floor")
    public static final class Floor {
        @GET
        public Response get() { return Response.ok(floorBytes, floorType).header("ETag", "\"floor\"").build(); }
    }

    record Figures(String db, Map<String, Double> medians, Map<String, Double> first, Map<String, Double> last) { }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the servers' threads would otherwise keep a failed run alive
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        HeapWatch heap = new HeapWatch();
        heap.start();
        List<Figures> all = new ArrayList<>();
        all.add(measure("H2 (file)", () -> "jdbc:h2:file:" + Files.createTempDirectory("perf").resolve("db"), seconds, rounds, heap));
        all.add(measure("PostgreSQL", Postgres::newDatabaseUrl, seconds, rounds, heap));
        Map<String, Double> startup = new LinkedHashMap<>();
        startup.put("bundled contract (schemas/)", startUp(Path.of("schemas")));
        Path gcrm = Path.of("../shared/contracts/gcrm");
        if (Files.isDirectory(gcrm)) startup.put("Sage's crmErp contract", startUp(gcrm));
        String md = report(all, startup, heap, seconds, rounds);
        Files.createDirectories(Path.of("bench/results"));
        Files.writeString(Path.of("bench/results/perf.md"), md);
        System.out.print(md);
    }

    private static Figures measure(String label, Callable<String> newDb, int seconds, int rounds, HeapWatch heap) throws Exception {
        Path dir = Files.createTempDirectory("perf-users");
        Path users = dir.resolve("users");
        Files.writeString(users, "bench:" + UsersFile.hash("bench-pw".toCharArray()) + ":write\n");
        String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString("bench:bench-pw".getBytes(StandardCharsets.UTF_8));
        // a queue of 256 (default 64) so that the 100 clients of the heap figure wait for a worker, never get a 503
        ServerConfig config = ServerConfig.defaults(Path.of("schemas"), newDb.call()).withPort(0)
                .withLimits(io.sdataserver.http.gate.Limits.defaults().withWorkers(io.sdataserver.http.gate.Limits.DEFAULT_WORKERS, 256));
        try (SDataServer server = SDataServer.start(config, "127.0.0.1");
             SDataServer secured = SDataServer.start(ServerConfig.defaults(Path.of("schemas"), newDb.call()).withPort(0)
                     .withUsersFile(users), "127.0.0.1");
             OlingoPeer peer = OlingoPeer.start(io.sdataserver.store.Dialect.of(config.databaseUrl()).connectionUrl(newDb.call()))) {
            String b = server.baseUrl() + "/myApp/myContract/-";
            List<String[]> orders = seed(b, ORDERS, null);
            Path keys = Files.createTempFile("sdata-keys", ".txt");
            String entry = b + "/salesOrders('" + orders.get(ORDERS - 1)[0] + "')";
            HttpResponse<byte[]> e = HTTP.send(HttpRequest.newBuilder(URI.create(entry)).build(), HttpResponse.BodyHandlers.ofByteArray());
            floorBytes = e.body();
            floorType = e.headers().firstValue("Content-Type").orElseThrow();

            String sb = secured.baseUrl() + "/myApp/myContract/-";
            String securedEntry = sb + "/salesOrders('" + seed(sb, 1, basic.substring("Authorization: ".length())).get(0)[0] + "')";

            peer.seed(PUT_KEYS + 1);
            String odataEntry = peer.root() + "/SalesOrders(1)?$expand=OrderLines";

            Path src = Path.of("bench/src");
            HttpServer floor = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), new ResourceConfig(Floor.class));
            try {
                String floorUrl = "http://127.0.0.1:" + floor.getListeners().iterator().next().getPort() + "/floor";
                Map<String, Callable<Double>> runs = new LinkedHashMap<>();
                runs.put("floor", () -> Wrk.rate(floorUrl, seconds, CONNECTIONS));
                runs.put("entry GET", () -> Wrk.rate(entry, seconds, CONNECTIONS));
                runs.put("feed page Atom", () -> Wrk.rate(b + "/salesOrders?count=100", seconds, CONNECTIONS));
                runs.put("feed page JSON", () -> Wrk.rate(b + "/salesOrders?count=100&format=json", seconds, CONNECTIONS));
                runs.put("conditional PUT", () -> {
                    writeEtags(b, orders.subList(0, PUT_KEYS), keys); // the last round moved them on
                    return Wrk.rate(b + "/salesOrders", seconds, CONNECTIONS, src.resolve("put-sdata.lua"), Map.of("SDATA_KEYS", keys.toString()));
                });
                runs.put("POST create", () -> Wrk.rate(b + "/contacts", seconds, CONNECTIONS, src.resolve("post-sdata.lua"), Map.of()));
                runs.put("authenticated GET", () -> Wrk.rate(securedEntry, seconds, CONNECTIONS, basic));
                runs.put("Olingo entry GET", () -> Wrk.rate(odataEntry, seconds, CONNECTIONS));
                runs.put("Olingo conditional PUT", () -> Wrk.rate(peer.root() + "/SalesOrders", seconds, CONNECTIONS,
                        src.resolve("put-odata.lua"), Map.of()));
                // a whole round first, not counted: both JVMs keep compiling through the first minute of load
                for (Callable<Double> r : runs.values()) r.call();
                Map<String, List<Double>> rates = new LinkedHashMap<>();
                for (int round = 0; round < rounds; round++) {
                    for (Map.Entry<String, Callable<Double>> r : runs.entrySet()) {
                        double rate = r.getValue().call();
                        rates.computeIfAbsent(r.getKey(), x -> new ArrayList<>()).add(rate);
                        System.out.printf("%s round %d %-24s %,10.0f/s%n", label, round + 1, r.getKey(), rate);
                    }
                }
                // 100 clients reading feed pages: the heap that many concurrent answers need
                heap.mark("100 clients, " + label);
                Wrk.rate(b + "/salesOrders?count=100", seconds, 100);
                Wrk.rate(b + "/salesOrders?count=100&format=json", seconds, 100);
                heap.mark(null);
                Map<String, Double> medians = new LinkedHashMap<>(), first = new LinkedHashMap<>(), last = new LinkedHashMap<>();
                rates.forEach((n, xs) -> {
                    medians.put(n, Wrk.median(xs));
                    first.put(n, xs.get(0));
                    last.put(n, xs.get(xs.size() - 1));
                });
                return new Figures(label, medians, first, last);
            } finally {
                floor.shutdownNow();
            }
        }
    }

    /** The current ETags of these orders, as "key etag" lines for put-sdata.lua. */
    private static void writeEtags(String b, List<String[]> orders, Path file) throws Exception {
        StringBuilder k = new StringBuilder();
        for (String[] o : orders) {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(b + "/salesOrders('" + o[0] + "')")).build(),
                    HttpResponse.BodyHandlers.discarding());
            k.append(o[0]).append(' ').append(r.headers().firstValue("ETag").orElseThrow()).append('\n');
        }
        Files.writeString(file, k);
    }

    /** Creates one contact and {@code n} sales orders with two lines each; their keys and ETags, in order. */
    private static List<String[]> seed(String b, int n, String authorization) throws Exception {
        String contact = post(b + "/contacts", "{\"firstName\":\"Perf\",\"lastName\":\"Bench\"}", authorization)[0];
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(post(b + "/salesOrders", "{\"orderDate\":\"2026-01-02\",\"status\":\"Open\",\"subTotal\":123.45,"
                    + "\"comment\":\"a sales order of typical size\",\"revision\":3,\"contact\":{\"$key\":\"" + contact + "\"},"
                    + "\"billAddress\":{\"street\":\"1 rue de la Paix\",\"city\":\"Paris\",\"postalCode\":\"75002\",\"countryCode\":\"FR\"},"
                    + "\"orderLines\":{\"$resources\":[{\"lineNumber\":1,\"orderQty\":2,\"unitPrice\":3.25},"
                    + "{\"lineNumber\":2,\"orderQty\":1,\"unitPrice\":9.90}]}}", authorization));
        }
        return out;
    }

    private static String[] post(String url, String json, String authorization) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) rb.header("Authorization", authorization);
        HttpResponse<String> r = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        Matcher k = KEY.matcher(r.body()), e = ETAG.matcher(r.body());
        if (!k.find() || !e.find()) throw new IllegalStateException("no key or etag in " + r.body());
        return new String[] {k.group(1), e.group(1)};
    }

    /** Milliseconds from launching a server JVM to its "ready" line, median of three, on a fresh H2 database each time. */
    private static double startUp(Path contracts) throws Exception {
        String cp = "target/classes" + java.io.File.pathSeparator + Files.readString(Path.of("target/bench-classpath.txt")).trim();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path db = Files.createTempDirectory("perf-start").resolve("db");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("java", "-Xmx256m", "-cp", cp, "io.sdataserver.Main", "--port", "0",
                    "--contracts", contracts.toString(), "--db", "jdbc:h2:file:" + db).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("sdata-server ready at")) break;
                }
            }
            times.add((System.nanoTime() - t0) / 1e6);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return Wrk.median(times);
    }

    private static String report(List<Figures> all, Map<String, Double> startup, HeapWatch heap, int seconds, int rounds) {
        StringBuilder md = new StringBuilder("# Performance suite\n\nMeasured ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append("), heap -Xmx")
                .append(Runtime.getRuntime().maxMemory() / (1 << 20)).append("m for the servers and the floor in one JVM; wrk -t2 -c")
                .append(CONNECTIONS).append(" -d").append(seconds).append("s, ").append(rounds)
                .append(" alternating rounds, medians. Command: `bench/run-perf-bench.sh`.\n\n")
                .append("| figure | H2 | PostgreSQL | goal |\n|---|---:|---:|---|\n");
        String[][] rows = {
                {"floor (bare Jersey/Grizzly, same bytes), req/s", "floor", ""},
                {"entry GET, req/s", "entry GET", ""},
                {"feed page of 100, Atom, entries/s", "feed page Atom", "x100"},
                {"feed page of 100, JSON, entries/s", "feed page JSON", "x100"},
                {"conditional PUT, req/s", "conditional PUT", ""},
                {"POST create, req/s", "POST create", ""},
                {"authenticated GET (Basic), req/s", "authenticated GET", ""},
                {"Olingo V2 peer: entry GET ($expand lines), req/s", "Olingo entry GET", ""},
                {"Olingo V2 peer: PUT with If-Match: * (204), req/s", "Olingo conditional PUT", ""}};
        for (String[] r : rows) {
            md.append("| ").append(r[0]);
            for (Figures f : all) md.append(" | ").append(String.format("%,.0f", f.medians().get(r[1]) * (r[2].isEmpty() ? 1 : 100)));
            md.append(" | |\n");
        }
        Object[][] ratios = {
                {"entry GET / floor", "entry GET", "floor", "≥ 0.67 (H2), ≥ 0.5 (PostgreSQL)"},
                {"conditional PUT / entry GET", "conditional PUT", "entry GET", "≥ 0.3"},
                {"JSON / Atom feed pages", "feed page JSON", "feed page Atom", "≥ 1"},
                {"authenticated / open entry GET", "authenticated GET", "entry GET", "≥ 0.9"},
                {"entry GET / Olingo entry GET", "entry GET", "Olingo entry GET", "≥ 1.5"},
                {"conditional PUT / Olingo conditional PUT", "conditional PUT", "Olingo conditional PUT", "≥ 1.5"}};
        for (Object[] r : ratios) {
            md.append("| **").append(r[0]).append("**");
            for (Figures f : all) md.append(" | ").append(String.format("%.2f", f.medians().get((String) r[1]) / f.medians().get((String) r[2])));
            md.append(" | ").append(r[3]).append(" |\n");
        }
        md.append("| feed page Atom, entries/s | ");
        for (Figures f : all) md.append(String.format("%,.0f", f.medians().get("feed page Atom") * 100)).append(" | ");
        md.append("≥ 150,000 |\n\n## Start-up\n\nFrom launching `java -Xmx256m ... io.sdataserver.Main` on a new H2 database to its ready line, median of 3:\n\n");
        startup.forEach((n, ms) -> md.append(String.format("- %s: %.0f ms%n", n, ms)));
        md.append("\n## Memory\n\n").append(heap.report());
        md.append("\nThroughput of the first and the last round (a falling rate would show a leak or GC pressure):\n\n");
        for (Figures f : all) {
            md.append("- ").append(f.db()).append(": entry GET ").append(String.format("%,.0f → %,.0f", f.first().get("entry GET"), f.last().get("entry GET")))
                    .append(", feed page Atom ").append(String.format("%,.0f → %,.0f", f.first().get("feed page Atom"), f.last().get("feed page Atom")))
                    .append(", conditional PUT ").append(String.format("%,.0f → %,.0f", f.first().get("conditional PUT"), f.last().get("conditional PUT")))
                    .append('\n');
        }
        return md.toString();
    }

    /** Samples the live heap (what each collection left) and the collectors' work while the suite runs. */
    private static final class HeapWatch extends Thread {
        private volatile long maxLive;
        private volatile String marked;
        private final Map<String, Long> maxLiveDuring = new LinkedHashMap<>();

        HeapWatch() { setDaemon(true); }

        @Override public void run() {
            while (true) {
                long live = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) live += p.getCollectionUsage().getUsed();
                }
                maxLive = Math.max(maxLive, live);
                String m = marked;
                if (m != null) maxLiveDuring.merge(m, live, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void mark(String what) {
            if (what != null) maxLiveDuring.put(what, 0L);
            marked = what;
        }

        String report() {
            long count = 0, ms = 0;
            for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, g.getCollectionCount());
                ms += Math.max(0, g.getCollectionTime());
            }
            StringBuilder s = new StringBuilder(String.format("The whole suite ran in a %d MB heap without an error: %,d collections, %,.1f s in all; "
                    + "the most live heap seen after a collection: %.0f MB.%n", Runtime.getRuntime().maxMemory() >> 20, count, ms / 1000.0, maxLive / 1048576.0));
            maxLiveDuring.forEach((n, v) -> s.append(String.format("- live heap after collections while %s read feed pages of 100 (Atom, then JSON): at most %.0f MB%n",
                    n, v / 1048576.0)));
            return s.toString();
        }
    }

    /** The Olingo OData V2 peer (bench/olingo-peer), run as its own process on its own database. */
    private static final class OlingoPeer implements AutoCloseable {
        private final Process process;
        private final String root;

        private OlingoPeer(Process process, String root) {
            this.process = process;
            this.root = root;
        }

        static OlingoPeer start(String db) throws Exception {
            Process p = new ProcessBuilder("java", "-Xmx256m", "-jar", "bench/olingo-peer/target/olingo-peer.jar", db, "0", Integer.toString(POOL))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("READY ")) return new OlingoPeer(p, line.substring("READY ".length()).trim());
            }
            throw new IllegalStateException("the Olingo peer did not start");
        }

        String root() { return root; }

        /** Brings the peer to {@code n} orders (it starts with one), each with two lines. */
        void seed(int n) throws Exception {
            for (int i = 2; i <= n; i++) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(root + "/SalesOrders"))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"OrderDate\":\"/Date(1767312000000)/\",\"Status\":\"Open\","
                                + "\"SubTotal\":\"123.45\",\"Comment\":\"a sales order of typical size\",\"Revision\":3,\"ContactId\":\"1\","
                                + "\"BillStreet\":\"1 rue de la Paix\",\"BillCity\":\"Paris\",\"BillPostalCode\":\"75002\",\"BillCountryCode\":\"FR\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) throw new IllegalStateException("peer POST -> " + r.statusCode() + " " + r.body());
            }
        }

        @Override public void close() {
            process.destroy();
        }
    }
}
