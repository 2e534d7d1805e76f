import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sdataserver.SDataServer;
import io.sdataserver.testsupport.Wrk;
import io.sdataserver.ServerConfig;
import io.sdataserver.security.Security;
import io.sdataserver.security.UsersFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * What authentication costs: entry GETs (wrk) on one server with no authentication, with Basic credentials (warm:
 * bcrypt ran once) and with an RS256 bearer token, in alternating runs on H2; medians and the cost of each against
 * no authentication go to bench/results/auth.md. Usage: java ... AuthBench.java [seconds per run] [runs]
 */
public class AuthBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("auth-bench");
        Path users = dir.resolve("users");
        Files.writeString(users, "bench:" + UsersFile.hash("bench-pw".toCharArray()) + ":write\n");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("bench")
                .claim("scope", "sdata:read").expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        String basic = "Basic " + Base64.getEncoder().encodeToString("bench:bench-pw".getBytes(StandardCharsets.UTF_8));
        String bearer = "Bearer " + jwt.serialize();

        String db = "jdbc:h2:file:" + dir.resolve("db");
        ServerConfig open = ServerConfig.defaults(Path.of("schemas"), db).withPort(0);
        List<Double> none = new ArrayList<>(), withBasic = new ArrayList<>(), withBearer = new ArrayList<>();
        try (SDataServer plain = SDataServer.start(open, "127.0.0.1");
             SDataServer secured = SDataServer.start(ServerConfig.defaults(Path.of("schemas"), db + "-secured").withPort(0)
                     .withSecurity(new Security(users, pem, null, null, null)), "127.0.0.1")) {
            // the same entry in each server's own database
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String url = null;
            for (SDataServer server : List.of(plain, secured)) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/myApp/myContract/-/contacts"))
                        .header("Authorization", basic).header("Content-Type", "application/atom+xml").POST(HttpRequest.BodyPublishers.ofString(
                        "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\"><sdata:payload>"
                                + "<contact xmlns=\"http://schemas.sage.com/myContract\"><firstName>Bench</firstName><lastName>Mark</lastName>"
                                + "</contact></sdata:payload></entry>")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) throw new IllegalStateException("create -> " + r.statusCode() + " " + r.body());
                url = r.headers().firstValue("Location").orElseThrow().replace(server.baseUrl(), "");
            }
            String a = plain.baseUrl() + url, s = secured.baseUrl() + url;
            for (String[] check : new String[][] {{a, null}, {s, basic}, {s, bearer}}) {
                HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(check[0]));
                if (check[1] != null) rb.header("Authorization", check[1]);
                HttpResponse<String> one = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
                if (one.statusCode() != 200) throw new IllegalStateException(check[0] + " -> " + one.statusCode() + " " + one.body());
            }
            Wrk.rate(a, 3, 8);
            Wrk.rate(s, 3, 8, "Authorization: " + basic);
            Wrk.rate(s, 3, 8, "Authorization: " + bearer);
            for (int i = 0; i < runs; i++) {
                none.add(Wrk.rate(a, seconds, 8));
                withBasic.add(Wrk.rate(s, seconds, 8, "Authorization: " + basic));
                withBearer.add(Wrk.rate(s, seconds, 8, "Authorization: " + bearer));
            }
        }
        double n = Wrk.median(none), bs = Wrk.median(withBasic), br = Wrk.median(withBearer);
        String md = "# What authentication costs\n\nMeasured " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                + " on " + Runtime.getRuntime().availableProcessors() + " cores: GET of one contact entry, wrk -t2 -c8 -d" + seconds
                + "s, H2, the three set-ups in alternating runs, median of " + runs + " runs each.\n\n"
                + "| set-up | requests/s | cost against none |\n|---|---:|---:|\n"
                + String.format("| no authentication | %.0f | |%n", n)
                + String.format("| Basic (warm: bcrypt ran once) | %.0f | %.1f %% |%n", bs, 100 * (1 - bs / n))
                + String.format("| Bearer (RS256 JWT) | %.0f | %.1f %% |%n", br, 100 * (1 - br / n));
        Files.createDirectories(Path.of("bench/results"));
        Files.writeString(Path.of("bench/results/auth.md"), md);
        System.out.print(md);
        System.exit(0);
    }

}
