package io.sdataserver.security;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.http.Tls;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * HTTPS with a PKCS#12 key store (made here with the JDK's keytool): reads, writes and authentication over TLS,
 * plain HTTP off unless --http-port asks for it too.
 */
abstract class TlsContract {
    private static final String PASSWORD = "changeit-tls";

    abstract Backend backend();

    private static Path keystore(Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "sdata", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return ks;
    }

    /** A client that trusts the server's own certificate, and nothing else. */
    private static HttpClient client(Path ks) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            server.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = server.getCertificate("sdata");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("sdata", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void httpsServesReadsWritesAndCredentialsAndPlainHttpOnlyWhenAsked() throws Exception {
        Path dir = Files.createTempDirectory("tls");
        Path ks = keystore(dir);
        Path pw = dir.resolve("password");
        Files.writeString(pw, PASSWORD + "\n");
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:" + UsersFile.hash("pw".toCharArray()) + ":write\n");
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
        HttpClient https = client(ks);
        try (TestServer s = TestServer.start(TestServer.configFor(backend()).withUsersFile(users).withTls(new Tls(ks, pw, -1)))) {
            String base = s.base();
            assertTrue(base.startsWith("https://"), base);
            HttpResponse<String> created = https.send(HttpRequest.newBuilder(URI.create(base + "/contacts")).header("Authorization", basic)
                    .header("Content-Type", "application/atom+xml;type=entry")
                    .POST(HttpRequest.BodyPublishers.ofString(entry(resource("contact", "", "<lastName>Secure</lastName>")))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String location = created.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith("https://"), "links keep the scheme: " + location);
            HttpResponse<String> read = https.send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", basic).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode());
            assertTrue(read.body().contains("<lastName>Secure</lastName>"));
            assertEquals(401, https.send(HttpRequest.newBuilder(URI.create(base + "/contacts")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(-1, s.httpPort(), "no plain HTTP without --http-port");
            HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int status;
            try {
                status = plain.send(HttpRequest.newBuilder(URI.create(base.replace("https://", "http://") + "/contacts")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (java.io.IOException e) {
                status = -1; // the TLS port does not speak plain HTTP
            }
            assertNotEquals(200, status);
        }
        try (TestServer s = TestServer.start(TestServer.configFor(backend()).withUsersFile(users).withTls(new Tls(ks, pw, 0)))) {
            int plainPort = s.httpPort();
            assertTrue(plainPort > 0 && plainPort != s.port());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + plainPort + "/sdata/myApp/myContract/-/contacts?count=1")).header("Authorization", basic)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "--http-port serves plain HTTP beside HTTPS");
        }
    }
}
