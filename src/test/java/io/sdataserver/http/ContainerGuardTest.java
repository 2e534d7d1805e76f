package io.sdataserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    /** One raw HTTP/1.1 exchange on an open connection: the status line, the headers and the body as text. */
    private static String exchange(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readResponse(s.getInputStream());
    }

    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        byte[] body = in.readNBytes(length);
        return h + new String(body, StandardCharsets.UTF_8);
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    private static Xml body(String response) { return Xml.parse(response.substring(response.indexOf("\r\n\r\n") + 4)); }

    @Test
    void aUrlThatIsNotAUriIsBadUrlSyntax() throws IOException {
        try (TestServer server = TestServer.start(Backend.H2)) {
            String base = "/sdata/myApp/myContract/prod";
            for (String path : List.of("/sdata/%zz", base + "/salesOrders('%zz')", base + "/salesOrders?where=%zz",
                    base + "/salesOrders?where=comment%20eq%20%", base + "/salesOrders{}", base + "/salesOrders('a\"b')")) {
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    String r = exchange(s, get(path));
                    assertTrue(r.startsWith("HTTP/1.1 400 "), path + ": " + r);
                    assertTrue(r.toLowerCase().contains("content-type: application/xml"), path + ": " + r);
                    assertEquals("BadUrlSyntax", body(r).text("/sdata:diagnoses/sdata:diagnosis/sdata:sdataCode"), path + ": " + r);
                    assertEquals("", body(r).text("/sdata:diagnoses/sdata:diagnosis/sdata:applicationCode"), "ERR-4: " + path + ": " + r);
                    assertFalse(r.contains("Grizzly") || r.contains("at org."), "no server page, no stack trace: " + r);
                }
            }
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                assertTrue(exchange(s, get(base + "/salesOrders?where=comment%20eq%20'%25'")).startsWith("HTTP/1.1 200 "),
                        "a percent-encoded percent sign is fine");
            }
        }
    }

    @Test
    void aRequestArrivingDuringShutdownIsAnsweredWithADiagnosis() throws Exception {
        TestServer server = TestServer.start(Backend.H2);
        String base = "/sdata/myApp/myContract/prod";
        try (Socket inFlight = new Socket("127.0.0.1", server.port()); Socket idle = new Socket("127.0.0.1", server.port())) {
            assertTrue(exchange(idle, get(base + "/contacts")).startsWith("HTTP/1.1 200 "), "a keep-alive connection");
            String entry = "<entry xmlns=\"http://www.w3.org/2005/Atom\"><sdata:payload xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\">"
                    + "<contact xmlns=\"http://schemas.sage.com/myContract\"><lastName>Late</lastName></contact></sdata:payload></entry>";
            byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
            OutputStream out = inFlight.getOutputStream();
            // a request in flight: headers and half the body sent, the rest held back until shutdown has begun. The
            // server's 100 Continue says it has taken the request up and is reading the body.
            inFlight.setSoTimeout(30_000);
            out.write(("POST " + base + "/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/atom+xml;type=entry\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String proceed = readResponse(inFlight.getInputStream());
            assertTrue(proceed.startsWith("HTTP/1.1 100 "), proceed);
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            server.shutdownBegun().get(30, java.util.concurrent.TimeUnit.SECONDS);
            // Grizzly turns new requests away a moment after the shutdown call: ask on the keep-alive connection
            // until it does (answers before that are ordinary ones)
            String late = exchange(idle, get(base + "/contacts"));
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (late.startsWith("HTTP/1.1 200 ") && System.nanoTime() < deadline) late = exchange(idle, get(base + "/contacts"));
            assertTrue(late.startsWith("HTTP/1.1 503 "), late);
            assertTrue(late.toLowerCase().contains("content-type: application/xml"), late);
            assertTrue(late.contains("Retry-After: 1"), late);
            Xml d = body(late);
            assertEquals("transient", d.text("/sdata:diagnoses/sdata:diagnosis/sdata:severity"), late);
            assertEquals("ApplicationDiagnosis", d.text("/sdata:diagnoses/sdata:diagnosis/sdata:sdataCode"), late);
            assertEquals("Unavailable", d.text("/sdata:diagnoses/sdata:diagnosis/sdata:applicationCode"), late);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            out.flush();
            String answered = readResponse(inFlight.getInputStream());
            assertTrue(answered.startsWith("HTTP/1.1 201 "), "the request in flight finishes: " + answered);
            closing.get(40, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }
}
