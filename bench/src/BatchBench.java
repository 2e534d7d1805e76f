import io.sdataserver.SDataServer;
import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Postgres;
import io.sdataserver.testsupport.Relay;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 1,000 creates and 1,000 conditional updates sent as single requests over one keep-alive connection, against the
 * same sent as one $batch (issue 10; goal: the batch at least 10 times faster), on H2 and on PostgreSQL. The single
 * requests are the floor, measured in the same run on the same server. Writes bench/results/batch.md.
 *
 * Usage: bench/run-batch-bench.sh [n]   (default 1000)
 */
public final class BatchBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern KEY = Pattern.compile("sdata:key=\"([^\"]+)\"");
    private static final Pattern ETAG = Pattern.compile("<http:etag>([^<]+)</http:etag>");
    private static final String NS = "xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
            + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"";

    record Row(String db, String what, double singleMs, double batchMs, int warmRounds) { }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Row> rows = new ArrayList<>();
        Path h2 = Files.createTempDirectory("batch-bench");
        // the JIT is warmed on throwaway databases first, so that every measured row starts with tables of the same
        // size (a row that itself warmed for twelve rounds updated bigger tables than one that warmed for three)
        run("warm-up", "jdbc:h2:file:" + h2.resolve("warm"), n);
        run("warm-up", Postgres.newDatabaseUrl(), n);
        rows.addAll(run("H2 (file)", "jdbc:h2:file:" + h2.resolve("db"), n));
        rows.addAll(run("PostgreSQL", Postgres.newDatabaseUrl(), n));
        rows.addAll(run("PostgreSQL, durable", Postgres.newDurableDatabaseUrl(), n));
        String durable = Postgres.newDurableDatabaseUrl();
        double directRtt, relayRtt;
        try (Relay relay = Relay.before(durable, RELAY_DELAY_MICROS)) {
            String away = relay.url();
            directRtt = roundTripMicros(durable);
            relayRtt = roundTripMicros(away);
            rows.addAll(run(String.format("PostgreSQL, durable, %.2f ms away", relayRtt / 1000), away, n));
        }
        StringBuilder md = new StringBuilder("# Batch against single requests\n\n")
                .append("Measured ").append(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(n)
                .append(" operations each, client and server in one JVM, one keep-alive connection; the JIT warmed first on a")
                .append(" throwaway H2 and PostgreSQL database; then, per row, uncounted rounds (at least ")
                .append(WARM_ROUNDS).append(", then until a round adds less than ").append(QUIET_COMPILE_MS)
                .append(" ms of JIT compilation, at most ").append(MAX_WARM_ROUNDS).append("), then the median of ").append(ROUNDS)
                .append(". PostgreSQL is the tests' embedded server,")
                .append(" which runs with fsync and synchronous_commit off; PostgreSQL, durable, is a second one with both on, as")
                .append(" a production server runs (H2 commits durably in both cases: WRITE_DELAY=0). The last rows reach that")
                .append(" durable server through a relay that holds each packet ").append(RELAY_DELAY_MICROS).append(" µs each way, as a")
                .append(" database on another machine is reached: a SELECT 1 took ").append(String.format("%.0f", relayRtt))
                .append(" µs there against ").append(String.format("%.0f", directRtt)).append(" µs directly (median of 2,000).\n\n")
                .append("| database | operations | single requests | one $batch | batch speed-up | uncounted rounds |\n|---|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %s | %.0f ms | %.0f ms | %.1fx | %d |%n", r.db(), r.what(), r.singleMs(), r.batchMs(),
                    r.singleMs() / r.batchMs(), r.warmRounds()));
        }
        Files.createDirectories(Path.of("bench/results"));
        Files.writeString(Path.of("bench/results/batch.md"), md.toString());
        System.out.print(md);
        System.exit(0);
    }

    /**
     * Rounds run before measuring, so that the JIT has compiled both paths: at least this many, then more until a
     * round adds less than {@link #QUIET_COMPILE_MS} of compilation (on 2 cores the compiler works for tens of rounds;
     * a server measured while it did was up to a third slower, the first PostgreSQL one after H2 above all).
     */
    private static final int WARM_ROUNDS = 3;
    private static final int MAX_WARM_ROUNDS = 12;
    private static final long QUIET_COMPILE_MS = 150;
    private static final int ROUNDS = 5;

    private static List<Row> run(String label, String db, int n) throws Exception {
        ServerConfig cfg = ServerConfig.defaults(Path.of("schemas"), db).withPort(0).withBatchMaxEntries(Math.max(1000, n));
        try (SDataServer server = SDataServer.start(cfg, "127.0.0.1")) {
            String b = server.baseUrl() + "/myApp/myContract/-";
            warmUp(b);
            List<Double> singleCreate = new ArrayList<>(), batchCreate = new ArrayList<>(), singleUpdate = new ArrayList<>(),
                    batchUpdate = new ArrayList<>();
            java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
            int warm = -1;
            long compiled = jit.getTotalCompilationTime();
            for (int round = 0; warm < 0 || round < warm + ROUNDS; round++) {
                boolean counted = warm >= 0;
                long t0 = System.nanoTime();
                List<String> single = new ArrayList<>();
                for (int i = 0; i < n; i++) single.add(key(send("POST", b + "/contacts", entry(contact("S" + round + "-" + i)), null)));
                if (counted) singleCreate.add(ms(t0));

                StringBuilder creates = new StringBuilder();
                for (int i = 0; i < n; i++) creates.append(op("POST", "", null, contact("B" + round + "-" + i)));
                t0 = System.nanoTime();
                String created = send("POST", b + "/contacts/$batch", feed(creates), "application/atom+xml; type=feed");
                if (counted) batchCreate.add(ms(t0));
                List<String> batched = new ArrayList<>();
                Matcher m = Pattern.compile("<http:location>[^<]*contacts\\('([^']+)'\\)</http:location>").matcher(created);
                while (m.find()) batched.add(m.group(1));
                if (batched.size() != n) throw new IllegalStateException("batch created " + batched.size());

                List<String> etags = etags(b, single);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    send("PUT", b + "/contacts('" + single.get(i) + "')", entry(contact("S changed " + i)), null, "If-Match",
                            "\"" + etags.get(i) + "\"");
                }
                if (counted) singleUpdate.add(ms(t0));

                List<String> betags = etags(b, batched);
                StringBuilder updates = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    updates.append(op("PUT", b + "/contacts('" + batched.get(i) + "')", betags.get(i), contact("B changed " + i)));
                }
                t0 = System.nanoTime();
                String updated = send("POST", b + "/contacts/$batch", feed(updates), "application/atom+xml; type=feed");
                if (counted) batchUpdate.add(ms(t0));
                int ok = updated.split("<http:httpStatus>200</http:httpStatus>", -1).length - 1;
                if (ok != n) throw new IllegalStateException("batch updated " + ok);
                long now = jit.getTotalCompilationTime();
                if (warm < 0 && round + 1 >= WARM_ROUNDS && (now - compiled < QUIET_COMPILE_MS || round + 1 >= MAX_WARM_ROUNDS)) warm = round + 1;
                compiled = now;
            }
            return List.of(new Row(label, n + " creates", median(singleCreate), median(batchCreate), warm),
                    new Row(label, n + " updates (If-Match)", median(singleUpdate), median(batchUpdate), warm));
        }
    }

    /** What the relay adds each way: a database on another machine in the same room is a fraction of a millisecond away. */
    private static final long RELAY_DELAY_MICROS = 100;

    /** The median time of a SELECT 1 on its own connection, in µs. */
    private static double roundTripMicros(String url) throws Exception {
        List<Double> xs = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement st = c.createStatement()) {
            for (int i = 0; i < 2500; i++) {
                long t0 = System.nanoTime();
                st.execute("SELECT 1");
                if (i >= 500) xs.add((System.nanoTime() - t0) / 1e3);
            }
        }
        return median(xs);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        java.util.Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static void warmUp(String b) throws Exception {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            send("POST", b + "/contacts", entry(contact("warm" + i)), null);
            ops.append(op("POST", "", null, contact("warmb" + i)));
        }
        send("POST", b + "/contacts/$batch", feed(ops), "application/atom+xml; type=feed");
    }

    private static List<String> etags(String b, List<String> keys) throws Exception {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            Matcher m = ETAG.matcher(send("GET", b + "/contacts('" + k + "')", null, null));
            if (!m.find()) throw new IllegalStateException("no etag");
            out.add(m.group(1));
        }
        return out;
    }

    private static String contact(String lastName) {
        return "<contact xmlns=\"http://schemas.sage.com/myContract\"><lastName>" + lastName + "</lastName></contact>";
    }

    private static String entry(String payload) { return "<entry " + NS + "><sdata:payload>" + payload + "</sdata:payload></entry>"; }

    private static String op(String method, String id, String ifMatch, String payload) {
        return "<entry><id>" + id + "</id><http:httpMethod>" + method + "</http:httpMethod>"
                + (ifMatch == null ? "" : "<http:ifMatch>" + ifMatch + "</http:ifMatch>") + "<sdata:payload>" + payload
                + "</sdata:payload></entry>";
    }

    private static String feed(CharSequence entries) { return "<feed " + NS + "><title/><id/>" + entries + "</feed>"; }

    private static String key(String body) {
        Matcher m = KEY.matcher(body);
        if (!m.find()) throw new IllegalStateException("no key in " + body);
        return m.group(1);
    }

    private static double ms(long t0) { return (System.nanoTime() - t0) / 1e6; }

    private static String send(String method, String url, String body, String type, String... headers) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) rb.header("Content-Type", type != null ? type : "application/atom+xml; type=entry");
        for (int i = 0; i < headers.length; i += 2) rb.header(headers[i], headers[i + 1]);
        HttpResponse<String> r = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }
}
