package io.sdataserver.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Chromium;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.TestServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A browser page from another origin uses the SData server through the browser's own XMLHttpRequest, as Sage's
 * JavaScript client does: headless Chromium (Debian's package, installed by the test set-up when missing) loads
 * the page from a small server of its own; the SData server allows that origin with {@code --cors-origin}. The page
 * reads, queries, creates, updates with If-Match, meets a 412, deletes and runs a batch, in Atom and in JSON, and
 * posts what it saw back to its own server.
 */
abstract class BrowserContract {
    abstract Backend backend();

    @Test
    void aPageFromAnotherOriginWorksThroughCorsInAtomAndJson() throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        byte[] page = Files.readAllBytes(Path.of("src", "test", "resources", "clients", "browser-page.html"));
        HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/page.html", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        pages.createContext("/result", ex -> {
            result.complete(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        pages.createContext("/favicon.ico", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        pages.start();
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
        Path profile = Files.createTempDirectory("chromium-profile");
        Process browser = null;
        try (TestServer server = TestServer.start(TestServer.configFor(backend()).withCorsOrigins(List.of(origin)))) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String url = origin + "/page.html?api=" + URLEncoder.encode(server.base(), StandardCharsets.UTF_8) + "&tag=" + tag;
            browser = Chromium.open(url, profile);
            String json = result.get(90, TimeUnit.SECONDS);
            JsonNode seen = new ObjectMapper().readTree(json);
            assertNull(seen.get("error"), () -> json + "\n" + log(profile));
            for (String format : List.of("atom", "json")) {
                JsonNode f = seen.get(format);
                String ctx = format + ": " + f;
                assertEquals(201, f.get("create").asInt(), ctx);
                assertTrue(f.get("location").asBoolean(), "Location is exposed to the page: " + ctx);
                assertEquals(200, f.get("read").asInt(), ctx);
                assertEquals("Browser" + tag + format.substring(0, 1).toUpperCase(), f.get("readName").asText(), ctx);
                assertTrue(f.get("etag").asBoolean(), "ETag is exposed to the page: " + ctx);
                assertEquals(200, f.get("query").asInt(), ctx);
                assertEquals("1", f.get("queryTotal").asText(), ctx);
                assertEquals(200, f.get("update").asInt(), ctx);
                assertTrue(f.get("newEtag").asBoolean(), ctx);
                assertEquals(412, f.get("stale").asInt(), ctx);
                assertEquals(200, f.get("batch").asInt(), ctx);
                assertEquals("[200,201]", f.get("batchStatuses").toString(), ctx);
                assertEquals(200, f.get("delete").asInt(), ctx);
            }
            String left = Http.get(server.base() + "/contacts?count=0&where="
                    + URLEncoder.encode("lastName like 'Browser" + tag + "%'", StandardCharsets.UTF_8).replace("+", "%20"))
                    .xml().text("/a:feed/opensearch:totalResults");
            assertEquals("0", left, "the page removed what it made");
        } finally {
            if (browser != null) {
                browser.destroyForcibly();
                browser.waitFor(10, TimeUnit.SECONDS);
            }
            pages.stop(0);
        }
    }

    private static String log(Path profile) {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (Exception e) {
            return "(no chromium log)";
        }
    }
}
