package io.sdataserver.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sdataserver.service.ConcurrencyModes;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real third-party client, the npm package {@code sdata-client} (installed from the npm registry into
 * target/npm by this test, never committed), reads, queries with paging, creates, updates and deletes against the
 * server. The package sends JSON, double-quoted key selectors and no If-Match: the kind it updates is served with
 * {@code --concurrency contacts=optional}.
 */
abstract class NpmSdataClientContract {
    static final String PACKAGE = "sdata-client@2.0.15";
    static final Path PREFIX = Path.of("target", "npm");

    abstract Backend backend();

    /** Installs the package once per build (npm's cache makes a second build quick). */
    static synchronized Path installed() throws IOException, InterruptedException {
        Path module = PREFIX.resolve("node_modules").resolve("sdata-client");
        if (Files.isDirectory(module)) return PREFIX.resolve("node_modules");
        Files.createDirectories(PREFIX);
        Process p = new ProcessBuilder("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund", "--no-save",
                "--loglevel", "error", PACKAGE).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isDirectory(module)) {
            throw new IllegalStateException("npm install " + PACKAGE + " failed (is node/npm installed, the npm registry reachable?): " + log);
        }
        return PREFIX.resolve("node_modules");
    }

    @Test
    void theNpmSdataClientReadsQueriesPagesCreatesUpdatesAndDeletes() throws Exception {
        Path modules = installed();
        try (TestServer server = TestServer.start(TestServer.configFor(backend())
                .withConcurrency(ConcurrencyModes.parse(List.of("contacts=optional"))))) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            Path script = Path.of("src", "test", "resources", "clients", "sdata-client-drive.js").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), server.base() + "/", tag);
            pb.environment().put("NODE_PATH", modules.toAbsolutePath().toString());
            Process p = pb.start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "node did not finish");
            assertEquals(0, p.exitValue(), () -> "the client failed: " + stderr + stdout);
            JsonNode seen = new ObjectMapper().readTree(stdout.trim());
            List<String> keys = new ArrayList<>();
            seen.get("createdKeys").forEach(k -> keys.add(k.asText()));
            assertEquals(5, keys.size(), stdout);
            assertEquals("Npm" + tag + "0", seen.get("getLastName").asText());
            assertEquals(Http.get(server.base() + "/contacts('" + keys.get(0) + "')").etag(), seen.get("getEtag").asText());
            assertEquals(5, seen.get("readTotal").asInt());
            assertEquals(List.of("Npm" + tag + "4", "Npm" + tag + "3"), texts(seen.get("readPage")));
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) all.add("Npm" + tag + i);
            assertEquals(all, texts(seen.get("paged")), "every page, by $next");
            assertEquals("Updated", seen.get("updatedFirstName").asText());
            assertEquals("Npm" + tag + "1", seen.get("updatedLastName").asText(), "a partial update keeps what it did not send");
            assertEquals("Updated", Http.get(server.base() + "/contacts('" + keys.get(1) + "')").xml()
                    .text("/a:entry/sdata:payload/c:contact/c:firstName"));
            assertEquals("refused", seen.get("afterDelete").asText());
            assertEquals(404, Http.get(server.base() + "/contacts('" + keys.get(4) + "')").status());
            assertEquals("refused", seen.get("badQuery").asText());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
