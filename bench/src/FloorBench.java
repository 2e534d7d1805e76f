import io.sdataserver.SDataServer;
import io.sdataserver.testsupport.Wrk;
import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Postgres;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The floor of issue 14: a bare Jersey resource on Grizzly, in the same JVM, answering the very bytes the server
 * answers for one sales order entry; wrk measures both in alternating runs, on H2 and on PostgreSQL, and the
 * medians and their ratio go to bench/results/floor.md. Usage: java ... FloorBench.java [seconds per run] [runs]
 */
public class FloorBench {
    static volatile byte[] bytes;
    static volatile String type;

    @Path("floor")
    public static final class Floor {
        @GET
        public Response get() { return Response.ok(bytes, type).header("ETag", "\"floor\"").build(); }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        StringBuilder md = new StringBuilder("# Entry GET against the bare Jersey/Grizzly floor\n\nMeasured ")
                .append(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores: GET of one sales order entry, wrk -t2 -c32 -d")
                .append(seconds).append("s, server and floor in one JVM, alternating runs, median of ").append(runs).append(".\n\n")
                .append("| database | floor req/s | entry GET req/s | ratio | bytes |\n|---|---:|---:|---:|---:|\n");
        for (String[] db : List.of(new String[] {"H2 (file)", "jdbc:h2:file:" + Files.createTempDirectory("floor").resolve("db")},
                new String[] {"PostgreSQL", Postgres.newDatabaseUrl()})) {
            md.append(run(db[0], db[1], seconds, runs));
        }
        Files.createDirectories(java.nio.file.Path.of("bench/results"));
        Files.writeString(java.nio.file.Path.of("bench/results/floor.md"), md.toString());
        System.out.print(md);
        System.exit(0);
    }

    private static String run(String label, String db, int seconds, int runs) throws Exception {
        try (SDataServer server = SDataServer.start(ServerConfig.defaults(java.nio.file.Path.of("schemas"), db).withPort(0), "127.0.0.1")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String b = server.baseUrl() + "/myApp/myContract/-";
            String contact = key(post(http, b + "/contacts", "{\"firstName\":\"Floor\",\"lastName\":\"Bench\"}"));
            String order = post(http, b + "/salesOrders", "{\"orderDate\":\"2026-01-02\",\"status\":\"Open\",\"subTotal\":123.45,"
                    + "\"comment\":\"a sales order of typical size\",\"revision\":3,\"contact\":{\"$key\":\"" + contact + "\"},"
                    + "\"billAddress\":{\"street\":\"1 rue de la Paix\",\"city\":\"Paris\",\"postalCode\":\"75002\",\"countryCode\":\"FR\"},"
                    + "\"orderLines\":{\"$resources\":[{\"lineNumber\":1,\"orderQty\":2,\"unitPrice\":3.25},{\"lineNumber\":2,\"orderQty\":1,\"unitPrice\":9.90}]}}");
            String url = b + "/salesOrders('" + key(order) + "')";
            HttpResponse<byte[]> entry = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            bytes = entry.body();
            type = entry.headers().firstValue("Content-Type").orElse("application/atom+xml");
            HttpServer floor = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), new ResourceConfig(Floor.class));
            try {
                String floorUrl = "http://127.0.0.1:" + floor.getListeners().iterator().next().getPort() + "/floor";
                Wrk.rate(floorUrl, 3, 32);
                Wrk.rate(url, 3, 32);
                List<Double> f = new ArrayList<>(), s = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    f.add(Wrk.rate(floorUrl, seconds, 32));
                    s.add(Wrk.rate(url, seconds, 32));
                }
                double fm = Wrk.median(f), sm = Wrk.median(s);
                return String.format("| %s | %.0f | %.0f | %.2f | %d |%n", label, fm, sm, sm / fm, bytes.length);
            } finally {
                floor.shutdownNow();
            }
        }
    }

    private static String post(HttpClient http, String url, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    private static String key(String json) {
        Matcher m = Pattern.compile("\"\\$key\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no key in " + json);
        return m.group(1);
    }

}
