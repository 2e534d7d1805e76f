import io.sdataserver.SDataServer;
import io.sdataserver.testsupport.Wrk;
import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feed page of 100 entries (sales orders with their lines' links, a contact reference and a bill address) written
 * as Atom and as JSON, measured with wrk in alternating runs on H2 and on PostgreSQL; the medians and the
 * JSON/Atom ratio go to bench/results/json-feed.md. Usage: java ... FormatBench.java [seconds per run] [runs]
 */
public class FormatBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Row(String db, double atom, double json, double atomBytes, double jsonBytes) { }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Row> rows = new ArrayList<>();
        rows.add(run("H2 (file)", "jdbc:h2:file:" + Files.createTempDirectory("format-bench").resolve("db"), seconds, runs));
        rows.add(run("PostgreSQL", Postgres.newDatabaseUrl(), seconds, runs));
        StringBuilder md = new StringBuilder("# Feed pages in Atom and in JSON\n\n")
                .append("Measured ").append(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                .append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores: `GET salesOrders?count=100` (100 entries each), wrk -t2 -c8 -d").append(seconds)
                .append("s, Atom and JSON runs alternating, median of ").append(runs).append(" runs each.\n\n")
                .append("| database | Atom pages/s | JSON pages/s | JSON entries/s | JSON / Atom | Atom bytes/page | JSON bytes/page |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %.0f | %.0f | %.0f | %.2f | %.0f | %.0f |%n", r.db(), r.atom(), r.json(), r.json() * 100,
                    r.json() / r.atom(), r.atomBytes(), r.jsonBytes()));
        }
        Files.createDirectories(Path.of("bench/results"));
        Files.writeString(Path.of("bench/results/json-feed.md"), md.toString());
        System.out.print(md);
        System.exit(0);
    }

    private static Row run(String label, String db, int seconds, int runs) throws Exception {
        ServerConfig cfg = ServerConfig.defaults(Path.of("schemas"), db).withPort(0);
        try (SDataServer server = SDataServer.start(cfg, "127.0.0.1")) {
            String b = server.baseUrl() + "/myApp/myContract/-";
            String contact = key(send("POST", b + "/contacts", entry("<contact xmlns=\"http://schemas.sage.com/myContract\">"
                    + "<lastName>Bench</lastName></contact>"), "application/atom+xml"));
            for (int i = 0; i < 120; i++) {
                send("POST", b + "/salesOrders", "{\"orderDate\":\"2026-01-02\",\"status\":\"Open\",\"subTotal\":" + (100 + i) + ".50,"
                        + "\"comment\":\"order " + i + "\",\"revision\":" + i + ",\"contact\":{\"$key\":\"" + contact + "\"},"
                        + "\"billAddress\":{\"city\":\"Paris\",\"street\":\"1 rue de la Paix\"},\"orderLines\":{\"$resources\":["
                        + "{\"lineNumber\":1,\"orderQty\":2,\"unitPrice\":3.25},{\"lineNumber\":2,\"orderQty\":1,\"unitPrice\":9.90}]}}",
                        "application/json");
            }
            String url = b + "/salesOrders?count=100";
            double atomBytes = send("GET", url, null, null).length();
            double jsonBytes = send("GET", url + "&format=json", null, null).length();
            Wrk.rate(url, 3, 8, "Accept: application/atom+xml"); // warm-up (JIT), not recorded
            Wrk.rate(url, 3, 8, "Accept: application/json");
            List<Double> atom = new ArrayList<>(), json = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                atom.add(Wrk.rate(url, seconds, 8, "Accept: application/atom+xml"));
                json.add(Wrk.rate(url, seconds, 8, "Accept: application/json"));
            }
            return new Row(label, Wrk.median(atom), Wrk.median(json), atomBytes, jsonBytes);
        }
    }

    private static String entry(String payload) {
        return "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\"><sdata:payload>"
                + payload + "</sdata:payload></entry>";
    }

    private static String key(String body) {
        Matcher m = Pattern.compile("sdata:key=\"([^\"]+)\"").matcher(body);
        if (!m.find()) throw new IllegalStateException("no key in " + body);
        return m.group(1);
    }

    private static String send(String method, String url, String body, String type) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) rb.header("Content-Type", type);
        HttpResponse<String> r = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }
}
