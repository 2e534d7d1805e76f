package io.sdataserver.security;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.http.Tls;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * HTTPS with a PKCS#12 key store (made here with the JDK's keytool): reads, writes and authentication over TLS,
 * plain HTTP off unless --http-port asks for it too.
 */
abstract class TlsContract {

    abstract Backend backend();

    @Test
    void httpsServesReadsWritesAndCredentialsAndPlainHttpOnlyWhenAsked() throws Exception {
        Path dir = Files.createTempDirectory("tls");
        Path ks = TestTls.tls().keystore();
        Path pw = TestTls.tls().passwordFile(); // ends with a newline, as an editor leaves it
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:" + UsersFile.hash("pw".toCharArray()) + ":write\n");
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
        HttpClient https = HttpClient.newBuilder().sslContext(TestTls.trusting()).version(HttpClient.Version.HTTP_1_1).build();
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
