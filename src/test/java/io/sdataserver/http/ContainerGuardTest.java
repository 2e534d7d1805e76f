package io.sdataserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.RawHttp;
import io.sdataserver.testsupport.RawHttp.Answer;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The answers given before Jersey routes a request, sent over raw sockets because a well-behaved HTTP client refuses
 * to send such URLs: a URL that is not a valid URI is 400 BadUrlSyntax, and a request arriving while the server shuts
 * down is 503 with a diagnosis and Retry-After, never Grizzly's HTML page.
 */
class ContainerGuardTest {

    private static String get(String path) { return RawHttp.request("GET", path, null); }

    @Test
    void aUrlThatIsNotAUriIsBadUrlSyntax() throws IOException {
        try (TestServer server = TestServer.start(Backend.H2)) {
            String base = "/sdata/myApp/myContract/prod";
            for (String path : List.of("/sdata/%zz", base + "/salesOrders('%zz')", base + "/salesOrders?where=%zz",
                    base + "/salesOrders?where=comment%20eq%20%", base + "/salesOrders{}", base + "/salesOrders(\"a\")b")) {
                try (Socket s = RawHttp.connect(server.port())) {
                    Answer r = RawHttp.exchange(s, get(path));
                    assertEquals(400, r.status(), path + ": " + r);
                    assertTrue(r.header("Content-Type").startsWith("application/xml"), path + ": " + r);
                    assertEquals("BadUrlSyntax", r.sdataCode(), path + ": " + r);
                    assertEquals("", r.applicationCode(), "ERR-4: " + path + ": " + r);
                    assertFalse(r.toString().contains("Grizzly") || r.toString().contains("at org."), "no server page, no stack trace: " + r);
                }
            }
            try (Socket s = RawHttp.connect(server.port())) {
                assertEquals(200, RawHttp.exchange(s, get(base + "/salesOrders?where=comment%20eq%20'%25'")).status(),
                        "a percent-encoded percent sign is fine");
            }
        }
    }

    @Test
    void aRequestArrivingDuringShutdownIsAnsweredWithADiagnosis() throws Exception {
        TestServer server = TestServer.start(Backend.H2);
        String base = "/sdata/myApp/myContract/prod";
        try (Socket inFlight = RawHttp.connect(server.port()); Socket idle = RawHttp.connect(server.port())) {
            assertEquals(200, RawHttp.exchange(idle, get(base + "/contacts")).status(), "a keep-alive connection");
            String entry = "<entry xmlns=\"http://www.w3.org/2005/Atom\"><sdata:payload xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\">"
                    + "<contact xmlns=\"http://schemas.sage.com/myContract\"><lastName>Late</lastName></contact></sdata:payload></entry>";
            byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
            OutputStream out = inFlight.getOutputStream();
            // a request in flight: headers and half the body sent, the rest held back until shutdown has begun. The
            // server's 100 Continue says it has taken the request up and is reading the body.
            out.write(("POST " + base + "/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/atom+xml;type=entry\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Answer proceed = RawHttp.read(inFlight.getInputStream());
            assertEquals(100, proceed.status(), proceed::toString);
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            server.shutdownBegun().get(30, java.util.concurrent.TimeUnit.SECONDS);
            // Grizzly turns new requests away a moment after the shutdown call: ask on the keep-alive connection
            // until it does (answers before that are ordinary ones)
            Answer late = RawHttp.exchange(idle, get(base + "/contacts"));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (late.status() == 200 && System.nanoTime() < deadline) late = RawHttp.exchange(idle, get(base + "/contacts"));
            assertEquals(503, late.status(), late::toString);
            assertTrue(late.header("Content-Type").startsWith("application/xml"), late::toString);
            assertEquals("1", late.header("Retry-After"), late::toString);
            Xml d = late.xml();
            assertEquals("transient", d.text("/sdata:diagnoses/sdata:diagnosis/sdata:severity"), late::toString);
            assertEquals("ApplicationDiagnosis", late.sdataCode(), late::toString);
            assertEquals("Unavailable", late.applicationCode(), late::toString);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            out.flush();
            Answer answered = RawHttp.read(inFlight.getInputStream());
            assertEquals(201, answered.status(), () -> "the request in flight finishes: " + answered);
            closing.get(40, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }
}
