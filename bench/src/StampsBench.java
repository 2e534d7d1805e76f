import io.sdataserver.SDataServer;
import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Postgres;
import java.net.URI;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several server processes writing on one PostgreSQL (issue 14, point 6): ONE embedded PostgreSQL and THREE
 * SDataServer instances on one database (in this JVM, each with its own connection pool, units of work and count
 * cache, as separate processes would have), each with 8 writer threads doing POST creates over keep-alive HTTP for
 * a fixed time (after one unmeasured run of each scenario for the JIT). Two scenarios on a fresh database each: every server writes a DIFFERENT kind (contacts, products,
 * taxCodes, whose feeds read nothing of each other), and all three write the SAME kind (contacts); each with
 * synchronous_commit off (zonky's setting) and on (PostgreSQL's default: a commit waits for its WAL flush, holding
 * the row locks it took meanwhile).
 *
 * <p>Measured: creates per second; lock waits, sampled from pg_stat_activity every 10 ms: backends with
 * wait_event_type 'Lock', those of them updating a stamp row, and those of them blocked (pg_blocking_pids) by a
 * backend of ANOTHER server (each server's pool connects with its own application_name). In the different-kinds
 * scenario a server writes only its own kind, so a wait on another server is a writer waiting for an unrelated kind.
 * At the end, correctness across processes: every server's totalResults of every kind equals the creates answered
 * 201, and a create of a kind through one server moves that kind's feed ETag on every server (must), and whether it
 * leaves the other kinds' feed ETags (304) as they were (precision: the old per-dataset stamp moves them all).
 *
 * <p>Usage: java ... StampsBench.java LABEL SECONDS ROUNDS OUT_FILE: appends one markdown table row per commit mode
 * and scenario to OUT_FILE (bench/run-stamps-bench.sh runs it against the current code and the code before per-table
 * stamps).
 */
public final class StampsBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String NS = "xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\"";
    private static final Pattern TOTAL = Pattern.compile("<opensearch:totalResults>(\\d+)</opensearch:totalResults>");
    private static final int SERVERS = 3;
    private static final int WRITERS = 8;
    private static final int WARM_UP_SECONDS = 5;
    private static final int JIT_WARM_UP_SECONDS = 25;
    private static final String APP = "stamps-bench-server-";

    record Result(double createsPerSecond, List<Double> perServer, Sampler sampler, String correctness) { }

    public static void main(String[] args) throws Exception {
        String label = args.length > 0 ? args[0] : "current";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path out = Path.of(args.length > 3 ? args[3] : "target/stamps-bench.md");
        java.util.logging.Logger.getLogger("sdata.access").setLevel(java.util.logging.Level.WARNING); // no line per request
        Map<String, List<String>> scenarios = new LinkedHashMap<>();
        scenarios.put("different kinds", List.of("contacts", "products", "taxCodes"));
        scenarios.put("same kind", List.of("contacts", "contacts", "contacts"));
        // the JIT first: later runs in a JVM are much faster than the first ones (fresh servers reuse compiled code)
        for (List<String> kinds : scenarios.values()) run(kinds, "off", JIT_WARM_UP_SECONDS);
        StringBuilder md = new StringBuilder();
        for (String commit : List.of("off", "on")) {
            Map<String, List<Result>> results = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) { // interleaved, so that neither scenario always runs first
                for (Map.Entry<String, List<String>> sc : scenarios.entrySet()) {
                    Result r = run(sc.getValue(), commit, seconds);
                    System.out.printf("%s, synchronous_commit=%s, %s, round %d: %.0f creates/s, %s%n", label, commit, sc.getKey(),
                            round + 1, r.createsPerSecond(), r.correctness());
                    results.computeIfAbsent(sc.getKey(), k -> new ArrayList<>()).add(r);
                }
            }
            for (Map.Entry<String, List<Result>> e : results.entrySet()) md.append(row(label, commit, e.getKey(), e.getValue()));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.print(md);
        System.exit(0);
    }

    /** One table row: rates of every round, lock figures over all rounds' samples, and every round's correctness. */
    private static String row(String label, String commit, String scenario, List<Result> rs) {
        long samples = 0, stamp = 0, cross = 0, crossSamples = 0, lock = 0, active = 0;
        List<String> rates = new ArrayList<>();
        List<Double> sorted = new ArrayList<>();
        java.util.Set<String> verdicts = new java.util.LinkedHashSet<>();
        for (Result r : rs) {
            Sampler s = r.sampler();
            samples += s.samples;
            stamp += s.stampWaiters;
            cross += s.crossStampWaiters;
            crossSamples += s.samplesWithCrossStampWaiters;
            lock += s.lockWaiters;
            active += s.active;
            rates.add(String.format("%.0f (%s)", r.createsPerSecond(),
                    String.join("/", r.perServer().stream().map(x -> String.format("%.0f", x)).toList())));
            sorted.add(r.createsPerSecond());
            verdicts.add(r.correctness());
        }
        java.util.Collections.sort(sorted);
        return String.format("| %s | %s | %s | %.0f | %s | %.2f | %.2f | %.2f | %.1f%% | %.1f | %s |%n", label, commit, scenario,
                sorted.get(sorted.size() / 2), String.join(", ", rates), lock / (double) samples, stamp / (double) samples,
                cross / (double) samples, 100.0 * crossSamples / samples, active / (double) samples, String.join("; ", verdicts));
    }

    private static Result run(List<String> kinds, String synchronousCommit, int seconds) throws Exception {
        String db = Postgres.newDatabaseUrl();
        try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + dbName(db) + " SET synchronous_commit = " + synchronousCommit);
        }
        List<SDataServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < SERVERS; i++) {
                ServerConfig cfg = ServerConfig.defaults(Path.of("schemas"), db + "&ApplicationName=" + APP + i).withPort(0);
                servers.add(SDataServer.start(cfg, "127.0.0.1"));
            }
            List<String> bases = servers.stream().map(s -> s.baseUrl() + "/myApp/myContract/-").toList();
            Map<String, AtomicLong> created = new LinkedHashMap<>();
            for (String k : List.of("contacts", "products", "taxCodes")) created.put(k, new AtomicLong());

            // warm-up: the same load, not measured (its creates are counted for the correctness check)
            load(bases, kinds, created, WARM_UP_SECONDS);
            Sampler sampler = new Sampler(db);
            Thread sampling = new Thread(sampler, "lock-sampler");
            sampling.start();
            long[] perServer = load(bases, kinds, created, seconds);
            sampler.stop.set(true);
            sampling.join();
            if (sampler.failure != null) throw sampler.failure;

            double total = 0;
            List<Double> rates = new ArrayList<>();
            for (long n : perServer) {
                rates.add(n / (double) seconds);
                total += n / (double) seconds;
            }
            return new Result(total, rates, sampler, check(bases, created));
        } finally {
            for (SDataServer s : servers) s.close();
        }
    }

    private static String dbName(String url) { return url.replaceAll(".*/([^/?]+)\\?.*", "$1"); }

    /** WRITERS threads per server, server i creating resources of kinds[i], for {@code seconds}; creates per server. */
    private static long[] load(List<String> bases, List<String> kinds, Map<String, AtomicLong> created, int seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SERVERS * WRITERS);
        AtomicBoolean stop = new AtomicBoolean();
        long[] perServer = new long[SERVERS];
        try {
            List<List<Future<Long>>> futures = new ArrayList<>();
            for (int s = 0; s < SERVERS; s++) {
                List<Future<Long>> fs = new ArrayList<>();
                String url = bases.get(s) + "/" + kinds.get(s);
                String kind = kinds.get(s);
                for (int w = 0; w < WRITERS; w++) {
                    String prefix = System.nanoTime() + "-" + s + "-" + w + "-";
                    fs.add(pool.submit(() -> {
                        long n = 0;
                        while (!stop.get()) {
                            send("POST", url, body(kind, prefix + n));
                            created.get(kind).incrementAndGet();
                            n++;
                        }
                        return n;
                    }));
                }
                futures.add(fs);
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (int s = 0; s < SERVERS; s++) for (Future<Long> f : futures.get(s)) perServer[s] += f.get(1, TimeUnit.MINUTES);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        return perServer;
    }

    /**
     * Every server counts every kind exactly; a create of a kind through server i must move the feed ETag of that
     * kind on every server (a conditional GET with the old ETag is answered in full); how many of the other kinds'
     * feed ETags it left as they were (304) is reported.
     */
    private static String check(List<String> bases, Map<String, AtomicLong> created) throws Exception {
        List<String> kinds = new ArrayList<>(created.keySet());
        for (String base : bases) {
            for (String k : kinds) {
                long total = total(base + "/" + k);
                if (total != created.get(k).get()) {
                    return "WRONG: " + base + " counts " + total + " " + k + ", " + created.get(k).get() + " created";
                }
            }
        }
        int moved = 0, kept = 0, unrelated = 0;
        for (int i = 0; i < kinds.size(); i++) {
            String k = kinds.get(i);
            List<String> before = new ArrayList<>();
            for (String base : bases) for (String other : kinds) before.add(etag(base + "/" + other));
            send("POST", bases.get(i % bases.size()) + "/" + k, body(k, "probe-" + System.nanoTime()));
            created.get(k).incrementAndGet();
            int j = 0;
            for (String base : bases) {
                for (String other : kinds) {
                    int status = conditional(base + "/" + other, before.get(j++));
                    if (other.equals(k)) {
                        if (status != 200) return "WRONG: " + base + "/" + other + " answered " + status + " after a create of " + k;
                        moved++;
                    } else {
                        unrelated++;
                        if (status == 304) kept++;
                    }
                }
                if (total(base + "/" + k) != created.get(k).get()) return "WRONG: " + base + " miscounts " + k + " after a probe";
            }
        }
        return "counts exact on " + bases.size() + " servers, " + moved + "/" + moved + " ETags moved, " + kept + "/" + unrelated
                + " unrelated kept";
    }

    /**
     * pg_stat_activity every 10 ms: backends waiting on a lock; those of them updating a stamp row; those of these
     * blocked by a backend of another server; active backends.
     */
    static final class Sampler implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final String db;
        volatile Exception failure;
        long samples, lockWaiters, stampWaiters, crossStampWaiters, samplesWithCrossStampWaiters, active;

        Sampler(String db) { this.db = db; }

        @Override public void run() {
            String sql = "SELECT COUNT(*) FILTER (WHERE w.wait_event_type = 'Lock'),"
                    + " COUNT(*) FILTER (WHERE w.wait_event_type = 'Lock' AND w.query LIKE '%_stamps%'),"
                    + " COUNT(*) FILTER (WHERE w.wait_event_type = 'Lock' AND w.query LIKE '%_stamps%' AND EXISTS ("
                    + "   SELECT 1 FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(w.pid))"
                    + "   AND b.application_name <> w.application_name)),"
                    + " COUNT(*) FILTER (WHERE w.state = 'active')"
                    + " FROM pg_stat_activity w WHERE w.datname = '" + dbName(db) + "' AND w.application_name LIKE '" + APP + "%'";
            try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        samples++;
                        lockWaiters += rs.getLong(1);
                        stampWaiters += rs.getLong(2);
                        long cross = rs.getLong(3);
                        crossStampWaiters += cross;
                        if (cross > 0) samplesWithCrossStampWaiters++;
                        active += rs.getLong(4);
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    private static String body(String kind, String name) {
        String payload = switch (kind) {
            case "contacts" -> "<contact xmlns=\"http://schemas.sage.com/myContract\"><lastName>" + name + "</lastName></contact>";
            case "products" -> "<product xmlns=\"http://schemas.sage.com/myContract\"><name>" + name + "</name></product>";
            default -> "<taxCode xmlns=\"http://schemas.sage.com/myContract\"><code>" + name + "</code></taxCode>";
        };
        return "<entry " + NS + "><sdata:payload>" + payload + "</sdata:payload></entry>";
    }

    private static long total(String url) throws Exception {
        Matcher m = TOTAL.matcher(send("GET", url + "?count=0", null));
        if (!m.find()) throw new IllegalStateException("no totalResults from " + url);
        return Long.parseLong(m.group(1));
    }

    private static String etag(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "?count=0")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("ETag").orElseThrow();
    }

    private static int conditional(String url, String etag) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "?count=0")).header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String send(String method, String url, String body) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) rb.header("Content-Type", "application/atom+xml; type=entry");
        HttpResponse<String> r = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }
}
