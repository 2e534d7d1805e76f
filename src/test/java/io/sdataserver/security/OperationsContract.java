package io.sdataserver.security;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.http.PublicAddress;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.RawHttp;
import io.sdataserver.testsupport.TestServer;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Operations: the health probe (no credentials, nothing told), and absolute links that never come from a forged
 * Host header: a Host naming another machine is replaced, an allowed one is kept, and --public-url wins.
 */
abstract class OperationsContract {
    abstract Backend backend();

    private static String create(TestServer s, String host) throws Exception {
        String body = entry(resource("contact", "", "<lastName>Linked</lastName>"));
        try (Socket socket = RawHttp.connect(s.port())) {
            String req = "POST /sdata/myApp/myContract/-/contacts HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/atom+xml\r\n"
                    + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
            RawHttp.send(socket, req);
            RawHttp.Answer a = RawHttp.read(socket.getInputStream());
            assertEquals(201, a.status(), a::toString);
            assertFalse(a.body().contains("evil.example.com"), "no link names the forged host: " + a.body());
            return a.header("Location");
        }
    }

    @Test
    void theHealthProbeNeedsNoCredentialsAndTellsNothingElse() throws Exception {
        Path users = Files.createTempFile("users", ".txt");
        Files.writeString(users, "bob:" + UsersFile.hash("pw".toCharArray()) + ":read\n");
        try (TestServer s = TestServer.start(TestServer.configFor(backend()).withUsersFile(users))) {
            Http.Reply health = Http.get(s.sdata().replace("/sdata", "/health"));
            assertEquals(200, health.status(), health::toString);
            assertEquals("{\"status\":\"UP\"}", health.body());
            assertNull(health.header("Server"), "no server name or version");
            io.sdataserver.testsupport.Refusals.refused(Http.get(s.base() + "/contacts"), 401, "ApplicationDiagnosis",
                    "MissingCredentials"); // everything else still needs credentials
        }
    }

    @Test
    void everyRequestGetsOneAccessLogLineAndAnEchoedRequestId() throws Exception {
        java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { lines.add(r.getMessage()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("sdata.access");
        log.addHandler(capture);
        Path users = Files.createTempFile("users", ".txt");
        Files.writeString(users, "bob:" + UsersFile.hash("pw".toCharArray()) + ":read\n");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (TestServer s = TestServer.start(TestServer.configFor(backend()).withUsersFile(users))) {
            Http.Reply given = Http.get(s.base() + "/contacts?count=1&where=lastName%20eq%20'secret'", "Authorization", basic,
                    "X-Request-Id", "trace-123");
            assertEquals("trace-123", given.header("X-Request-Id"));
            Http.Reply made = Http.get(s.base() + "/contacts('none')", "Authorization", basic);
            assertTrue(made.header("X-Request-Id").matches("[0-9a-f-]{36}"), made.header("X-Request-Id"));
            assertTrue(Http.get(s.base() + "/contacts", "X-Request-Id", "bad id; with spaces").header("X-Request-Id").matches("[0-9a-f-]{36}"),
                    "an id that is not a plain token is replaced");
            assertTrue(lines.stream().anyMatch(l -> l.matches("GET /sdata/myApp/myContract/-/contacts 200 \\d+ms user=bob id=trace-123")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /sdata/myApp/myContract/-/contacts('none') 404 ")
                    && l.contains("id=" + made.header("X-Request-Id"))), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /sdata/myApp/myContract/-/contacts 401 ") && l.contains("user=-")),
                    lines::toString);
            assertTrue(lines.stream().noneMatch(l -> l.contains("secret")), "no query strings in the log");
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void metricsArePrometheusTextForAdminsOnly() throws Exception {
        Path users = Files.createTempFile("users", ".txt");
        String hash = UsersFile.hash("pw".toCharArray());
        Files.writeString(users, "bob:" + hash + ":read\nroot:" + hash + ":admin\n");
        try (TestServer s = TestServer.start(TestServer.configFor(backend()).withUsersFile(users))) {
            String metrics = s.sdata().replace("/sdata", "/metrics");
            String root = "Basic " + java.util.Base64.getEncoder().encodeToString("root:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String bob = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, Http.get(s.base() + "/contacts?count=1", "Authorization", bob).status());
            assertEquals(404, Http.get(s.base() + "/contacts('nope')", "Authorization", bob).status());
            io.sdataserver.testsupport.Refusals.refused(Http.get(metrics), 401, "ApplicationDiagnosis", "MissingCredentials");
            io.sdataserver.testsupport.Refusals.refused(Http.get(metrics, "Authorization", bob), 403, "ApplicationDiagnosis", "Forbidden");
            Http.Reply m = Http.get(metrics, "Authorization", root);
            assertEquals(200, m.status());
            assertTrue(m.header("Content-Type").startsWith("text/plain"), m.header("Content-Type"));
            String text = m.body();
            assertTrue(text.contains("sdata_requests_seconds_count{method=\"GET\",operation=\"collection\",status=\"200\"}"), text);
            assertTrue(text.contains("operation=\"resource\",status=\"404\""), "by status too");
            assertTrue(text.contains("sdata_requests_seconds_bucket{"), "latency histograms");
            assertTrue(text.contains("sdata_db_connections_active"), "the pool");
            assertTrue(text.contains("jvm_memory_used_bytes"), "the JVM");
        }
    }

    @Test
    void aForgedHostHeaderDoesNotMakeTheLinks() throws Exception {
        try (TestServer s = TestServer.start(TestServer.configFor(backend()))) {
            String location = create(s, "evil.example.com");
            assertEquals("localhost", URI.create(location).getHost(), location);
            assertEquals(s.port(), URI.create(location).getPort(), location);
            assertEquals(200, Http.get(location).status(), "the link works");
            assertEquals("127.0.0.1", URI.create(create(s, "127.0.0.1:" + s.port())).getHost(), "this machine's own address is kept");
        }
        try (TestServer s = TestServer.start(TestServer.configFor(backend())
                .withPublicAddress(new PublicAddress(null, List.of("api.example.com"))))) {
            assertEquals("api.example.com", URI.create(create(s, "api.example.com:8443")).getHost(), "an allowed host is kept");
            assertEquals("localhost", URI.create(create(s, "evil.example.com")).getHost());
        }
        try (TestServer s = TestServer.start(TestServer.configFor(backend())
                .withPublicAddress(new PublicAddress(null, List.of(), List.of("127.0.0.1"))))) {
            // a trusted proxy (this test's own address) says where the client reached it
            String body = entry(resource("contact", "", "<lastName>Proxied</lastName>"));
            try (Socket socket = RawHttp.connect(s.port())) {
                RawHttp.send(socket, "POST /sdata/myApp/myContract/-/contacts HTTP/1.1\r\nHost: internal:8080\r\n"
                        + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: sdata.example.org\r\nContent-Type: application/atom+xml\r\n"
                        + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
                RawHttp.Answer a = RawHttp.read(socket.getInputStream());
                assertEquals(201, a.status(), a::toString);
                assertTrue(a.header("Location").startsWith("https://sdata.example.org/sdata/myApp/"), a.header("Location"));
            }
        }
        try (TestServer s = TestServer.start(TestServer.configFor(backend()))) {
            // from anyone else, forwarded headers mean nothing
            String body = entry(resource("contact", "", "<lastName>Unproxied</lastName>"));
            try (Socket socket = RawHttp.connect(s.port())) {
                RawHttp.send(socket, "POST /sdata/myApp/myContract/-/contacts HTTP/1.1\r\nHost: 127.0.0.1:" + s.port() + "\r\n"
                        + "X-Forwarded-Host: evil.example.com\r\nContent-Type: application/atom+xml\r\n"
                        + "Content-Length: " + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
                RawHttp.Answer a = RawHttp.read(socket.getInputStream());
                assertEquals(201, a.status(), a::toString);
                assertFalse(a.header("Location").contains("evil"), a.header("Location"));
            }
        }
        try (TestServer s = TestServer.start(TestServer.configFor(backend())
                .withPublicAddress(new PublicAddress(URI.create("https://sdata.example.com"), List.of())))) {
            String location = create(s, "evil.example.com");
            assertTrue(location.startsWith("https://sdata.example.com/sdata/myApp/myContract/-/contacts('"), location);
            String feed = Http.get(s.base() + "/contacts?count=1").body();
            assertTrue(feed.contains("https://sdata.example.com/sdata/myApp/myContract/-/contacts"), "every link starts with the public URL");
            assertFalse(feed.contains("localhost"), "and none with the address the request came in on");
        }
    }
}
