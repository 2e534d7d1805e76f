package io.sdataserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sdataserver.testsupport.Entries;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Xml;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as users start it: {@code java -cp ... io.sdataserver.Main ARGS} in its own JVM. Start-up announces a
 * usable URL; bad command lines and bad contract folders end with exit code 2 and exactly one line on stderr; SIGTERM
 * lets a request already in flight finish before the process exits.
 */
class CommandLineTest {
    private static final Pattern ANNOUNCED = Pattern.compile("http://localhost:(\\d+)(/\\S*)?");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------------------------------------------------------
    // start-up

    @Test
    void announcesItsBaseUrlOnStdoutAndServesTheContractSchema() throws Exception {
        try (Launched server = Launched.start("--port", "0", "--db", "jdbc:h2:mem:x", "--contracts", "schemas")) {
            Matcher m = server.awaitStdout(ANNOUNCED, START_TIMEOUT);
            int port = Integer.parseInt(m.group(1));
            assertTrue(port > 0 && port != 8080, "--port 0 should pick a free port, got " + port);
            String announced = m.group();
            assertTrue(announced.startsWith("http://localhost:" + port + "/sdata"), announced);

            Reply schema = Http.get("http://localhost:" + port + "/sdata/myApp/myContract/-/$schema");
            assertEquals(200, schema.status(), schema::toString);
            Xml x = schema.xml();
            assertEquals("schema", x.rootName());
            assertEquals("http://www.w3.org/2001/XMLSchema", x.rootNamespace());

            Reply home = Http.get(announced);
            assertEquals(200, home.status(), () -> "the announced URL " + announced + " -> " + home);

            server.process.destroy();
            int code = server.awaitExit(EXIT_TIMEOUT);
            assertTrue(code == 143 || code == 0, "exit code after SIGTERM: " + code + "\n" + server.output());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // bad command lines and bad contracts: exit code 2, exactly one line on stderr

    @Test
    void anUnknownFlagExitsWithCode2AndOneLineNamingIt() throws Exception {
        try (Launched p = Launched.start("--bogus")) {
            assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
            String line = p.singleStderrLine();
            assertTrue(line.contains("--bogus"), line);
            assertEquals(List.of(), p.stdout(), "nothing on stdout");
        }
    }

    @Test
    void aBadConcurrencyCorsOrBatchWavesOptionExitsWithCode2AndOneLineNamingIt() throws Exception {
        for (String[] args : List.of(new String[] {"--port", "0", "--db", fileDb(), "--concurrency", "contacts=loose"},
                new String[] {"--port", "0", "--db", fileDb(), "--concurrency", "nokind=optional"},
                new String[] {"--port", "0", "--db", fileDb(), "--cors-origin", "app.example.com/x"},
                new String[] {"--port", "0", "--db", fileDb(), "--batch-waves", "sometimes"})) {
            try (Launched p = Launched.start(args)) {
                assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
                String line = p.singleStderrLine();
                assertTrue(line.contains(args[args.length - 2]), line);
                assertFalse(p.stdout().stream().anyMatch(l -> ANNOUNCED.matcher(l).find()), "must not announce a URL: " + p.stdout());
            }
        }
    }

    @Test
    void servingAnotherAddressWithoutAuthenticationIsRefusedUnlessAllowed() throws Exception {
        try (Launched p = Launched.start("--port", "0", "--db", fileDb(), "--host", "0.0.0.0")) {
            assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
            String line = p.singleStderrLine();
            assertTrue(line.contains("--users") && line.contains("--allow-anonymous"), line);
            assertFalse(p.stdout().stream().anyMatch(l -> ANNOUNCED.matcher(l).find()), "must not announce a URL: " + p.stdout());
        }
    }

    @Test
    void basicCredentialsOverPlainHttpOnAnotherAddressAreRefusedUnlessAllowed() throws Exception {
        Path users = tmp.resolve("users");
        Files.writeString(users, "bob:$2a$10$" + "a".repeat(53) + ":read\n");
        try (Launched p = Launched.start("--port", "0", "--db", fileDb(), "--host", "0.0.0.0", "--users", users.toString())) {
            assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
            String line = p.singleStderrLine();
            assertTrue(line.contains("--tls-keystore") && line.contains("--allow-basic-over-http"), line);
        }
    }

    @Test
    void hashPasswordPrintsABcryptHashOfStandardInput() throws Exception {
        try (Launched p = Launched.start("hash-password")) {
            p.process.getOutputStream().write("correct horse\n".getBytes(StandardCharsets.UTF_8));
            p.process.getOutputStream().close();
            assertEquals(0, p.awaitExit(EXIT_TIMEOUT), p::output);
            String hash = p.stdout().get(p.stdout().size() - 1);
            assertTrue(hash.matches("\\$2[aby]\\$\\d\\d\\$.{53}"), hash);
            assertTrue(at.favre.lib.crypto.bcrypt.BCrypt.verifyer().verify("correct horse".toCharArray(), hash).verified);
        }
    }

    @Test
    void aMissingContractsFolderExitsWithCode2AndOneLineNamingIt() throws Exception {
        Path missing = tmp.resolve("nonexistent");
        assertFalse(Files.exists(missing));
        try (Launched p = Launched.start("--port", "0", "--db", fileDb(), "--contracts", missing.toString())) {
            assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
            String line = p.singleStderrLine();
            assertTrue(line.contains(missing.toString()), line);
            assertFalse(p.stdout().stream().anyMatch(l -> ANNOUNCED.matcher(l).find()), "must not announce a URL: " + p.stdout());
        }
    }

    @Test
    void aContractThatIsNotWellFormedXmlExitsWithCode2AndOneLine() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("contracts"));
        Files.copy(Path.of("schemas", "myContract.xsd"), folder.resolve("myContract.xsd"));
        Files.writeString(folder.resolve("broken.xsd"),
                "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n  <xs:element name=\"a\"\n");
        try (Launched p = Launched.start("--port", "0", "--db", fileDb(), "--contracts", folder.toString())) {
            assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
            String line = p.singleStderrLine();
            assertTrue(line.contains("broken.xsd"), "the line should name the file: " + line);
        }
    }

    @Test
    void aBrokenImportedFileExitsWithCode2AndOneLineNamingThatFile() throws Exception {
        // The contract itself is fine; the file it imports (kept in a subfolder, so it is not a contract) is cut short.
        Path folder = Files.createDirectories(tmp.resolve("contracts"));
        Files.createDirectories(folder.resolve("parts"));
        Files.writeString(folder.resolve("main.xsd"), "<?xml version=\"1.0\"?>\n"
                + "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:sme=\"http://schemas.sage.com/sdata/sme/2007\"\n"
                + "    xmlns=\"urn:main\" targetNamespace=\"urn:main\" elementFormDefault=\"qualified\">\n"
                + "  <xs:import namespace=\"urn:part\" schemaLocation=\"parts/part.xsd\"/>\n"
                + "  <xs:element name=\"thing\" type=\"thing--type\" sme:role=\"resourceKind\" sme:pluralName=\"things\"/>\n"
                + "  <xs:complexType name=\"thing--type\"><xs:all>"
                + "<xs:element name=\"name\" type=\"xs:string\" minOccurs=\"0\"/></xs:all></xs:complexType>\n"
                + "</xs:schema>\n");
        Files.writeString(folder.resolve("parts").resolve("part.xsd"),
                "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:part\"><xs:element");
        try (Launched p = Launched.start("--port", "0", "--db", fileDb(), "--contracts", folder.toString())) {
            assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
            String line = p.singleStderrLine();
            assertTrue(line.contains("part.xsd"), "the line should name the broken imported file: " + line);
        }
    }

    @Test
    void aContractThatIsNotAValidSchemaExitsWithCode2AndOneLine() throws Exception {
        // Well-formed XML, but the resource kind's type is declared nowhere.
        Path folder = Files.createDirectories(tmp.resolve("contracts"));
        Files.writeString(folder.resolve("invalid.xsd"), "<?xml version=\"1.0\"?>\n"
                + "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:sme=\"http://schemas.sage.com/sdata/sme/2007\"\n"
                + "    xmlns=\"urn:invalid\" targetNamespace=\"urn:invalid\" elementFormDefault=\"qualified\">\n"
                + "  <xs:element name=\"thing\" type=\"thing--type\" sme:role=\"resourceKind\" sme:pluralName=\"things\"/>\n"
                + "</xs:schema>\n");
        try (Launched p = Launched.start("--port", "0", "--db", fileDb(), "--contracts", folder.toString())) {
            assertEquals(2, p.awaitExit(EXIT_TIMEOUT), p::output);
            String line = p.singleStderrLine();
            assertTrue(line.contains("invalid.xsd"), "the line should name the file: " + line);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // SIGTERM with a request in flight

    @Test
    void sigtermLetsTheRequestInFlightFinishThenExits() throws Exception {
        String db = fileDb();
        // A valid contact entry, large enough that sending it in two halves is a realistic slow upload.
        String lastName = "Abercrombie-" + "x".repeat(200_000);
        byte[] body = Entries.entry(Entries.resource("contact", "",
                "<firstName>Kim</firstName><lastName>" + lastName + "</lastName>")).getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        String location;
        try (Launched server = Launched.start("--port", "0", "--db", db, "--contracts", "schemas")) {
            int port = Integer.parseInt(server.awaitStdout(ANNOUNCED, START_TIMEOUT).group(1));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                // Expect: 100-continue makes "the server has taken the request" observable: the interim response
                // comes once the request has been parsed and handed to the application.
                String head = "POST /sdata/myApp/myContract/-/contacts HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\n"
                        + "Content-Type: application/atom+xml; type=entry\r\n"
                        + "Content-Length: " + body.length + "\r\n"
                        + "Expect: 100-continue\r\n"
                        + "Connection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                List<String> interim = readHead(in);
                assertTrue(interim.get(0).startsWith("HTTP/1.1 100"), "expected 100 Continue, got " + interim);

                out.write(body, 0, half);
                out.flush();

                server.process.destroy(); // SIGTERM
                // Bounded wait until the shutdown has really begun: the listener stops accepting connections.
                awaitConnectionRefused(port, server.process, Duration.ofSeconds(30));
                assertTrue(server.process.isAlive(), "the process must wait for the request in flight\n" + server.output());

                out.write(body, half, body.length - half);
                out.flush();
                List<String> response = readHead(in);
                assertTrue(response.get(0).startsWith("HTTP/1.1 201"), "the request in flight should still be created: "
                        + response + "\n" + readRest(in));
                location = header(response, "Location");
                assertNotNull(location, "201 without Location: " + response);
            }
            int code = server.awaitExit(EXIT_TIMEOUT);
            assertTrue(code == 143 || code == 0, "exit code after SIGTERM: " + code + "\n" + server.output());
        }
        // The write was committed and the database closed cleanly: a new process on the same file sees the contact.
        try (Launched again = Launched.start("--port", "0", "--db", db, "--contracts", "schemas")) {
            int port = Integer.parseInt(again.awaitStdout(ANNOUNCED, START_TIMEOUT).group(1));
            String path = location.replaceFirst("^http://[^/]+", "");
            Reply r = Http.get("http://127.0.0.1:" + port + path);
            assertEquals(200, r.status(), () -> "GET " + path + " after restart -> " + r);
            assertEquals(lastName, r.xml().text("//c:contact/c:lastName"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    private String fileDb() { return "jdbc:h2:file:" + tmp.resolve("db").toAbsolutePath(); }

    /** Polls (paced by waiting on the process) until a new connection to the port is refused. */
    private static void awaitConnectionRefused(int port, Process process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            } catch (ConnectException refused) {
                return;
            }
            if (process.waitFor(20, TimeUnit.MILLISECONDS)) fail("the process exited with a request in flight, code " + process.exitValue());
        }
        fail("the server still accepted connections " + timeout.toSeconds() + " s after SIGTERM");
    }

    /** Reads a status line and headers up to the blank line. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
                line.reset();
                if (l.isEmpty()) {
                    if (lines.isEmpty()) continue;
                    return lines;
                }
                lines.add(l);
            } else {
                line.write(c);
            }
        }
        if (lines.isEmpty()) throw new IOException("connection closed before any response");
        return lines;
    }

    private static String readRest(InputStream in) {
        try {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static String header(List<String> head, String name) {
        for (String h : head.subList(1, head.size())) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) return h.substring(colon + 1).trim();
        }
        return null;
    }

    /** A server JVM with its stdout and stderr collected line by line. */
    static final class Launched implements AutoCloseable {
        final Process process;
        private final List<String> out = Collections.synchronizedList(new ArrayList<>());
        private final List<String> err = Collections.synchronizedList(new ArrayList<>());
        private final Thread outReader;
        private final Thread errReader;

        private Launched(Process process) {
            this.process = process;
            this.outReader = drain(process.getInputStream(), out, "stdout");
            this.errReader = drain(process.getErrorStream(), err, "stderr");
        }

        static Launched start(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"), "io.sdataserver.Main"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("").toAbsolutePath().toFile());
            // Options the JVM would announce on stderr ("Picked up ...") are not the program's output.
            Map<String, String> env = pb.environment();
            for (String v : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")) env.remove(v);
            return new Launched(pb.start());
        }

        private static String javaBin() { return ProcessHandle.current().info().command().orElse("java"); }

        private static Thread drain(InputStream stream, List<String> sink, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (sink) {
                            sink.add(line);
                            sink.notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "server-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Waits (bounded) for a stdout line matching the pattern. */
        Matcher awaitStdout(Pattern p, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            synchronized (out) {
                while (true) {
                    for (; seen < out.size(); seen++) {
                        Matcher m = p.matcher(out.get(seen));
                        if (m.find()) return m;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) break;
                    if (!process.isAlive() && !outReader.isAlive()) break;
                    out.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                }
            }
            fail("no stdout line matching " + p + " within " + timeout.toSeconds() + " s\n" + output());
            return null;
        }

        /** Waits (bounded) for the process to end and for its output to be read; returns the exit code. */
        int awaitExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the process did not exit within " + timeout.toSeconds() + " s\n" + output());
            }
            outReader.join(10_000);
            errReader.join(10_000);
            return process.exitValue();
        }

        List<String> stdout() { synchronized (out) { return List.copyOf(out); } }
        List<String> stderr() { synchronized (err) { return List.copyOf(err); } }

        String singleStderrLine() {
            List<String> lines = stderr();
            assertEquals(1, lines.size(), "exactly one line on stderr expected, got " + lines.size() + ":\n" + String.join("\n", lines));
            assertFalse(lines.get(0).isBlank(), "the stderr line is blank");
            return lines.get(0);
        }

        String output() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            all.put("stdout", stdout());
            all.put("stderr", stderr());
            StringBuilder sb = new StringBuilder();
            all.forEach((k, v) -> sb.append("--- ").append(k).append(" ---\n").append(String.join("\n", v)).append('\n'));
            return sb.toString();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
