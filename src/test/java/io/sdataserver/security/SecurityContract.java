package io.sdataserver.security;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Authentication and authorization (§5, §6.10; checklist section 16) with a users file: Basic credentials in
 * Authorization or X-Authorization, 401 with a challenge (none under no-challenge), 403 decided on the target
 * before anything is read, grants for everything, a contract or one dataset, a read-only user on every write path,
 * the lists showing only what a caller may read, a changed file picked up without restart, guessing slowed down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityContract {
    private static final String CONTACT = "/a:entry/sdata:payload/c:contact";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final String PASSWORD = "s3cret pass";

    abstract Backend backend();

    /** Over HTTPS (checklist section 16 holds over both). */
    boolean https() { return false; }

    private TestServer server;
    private Path users;
    private String b;
    private String prod;

    @BeforeAll
    void start() throws Exception {
        users = Files.createTempFile("users", ".txt");
        String hash = UsersFile.hash(PASSWORD.toCharArray());
        Files.writeString(users, "# test users\n"
                + "alice:" + hash + ":write@myContract\n"
                + "bob:" + hash + ":read@myContract\n"
                + "carol:" + hash + ":read@myContract,write@myContract/prod\n"
                + "dave:" + hash + ":\n"
                + "root:" + hash + ":admin\n");
        io.sdataserver.ServerConfig cfg = TestServer.configFor(backend()).withDatasets(List.of("prod")).withUsersFile(users);
        server = TestServer.start(https() ? cfg.withTls(io.sdataserver.testsupport.TestTls.tls()) : cfg);
        b = server.base();
        prod = server.base("myContract").replace("/-", "/prod");
        assertEquals(https(), b.startsWith("https://"), b);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        Files.deleteIfExists(users);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String[] as(String user, String... more) {
        String[] all = java.util.Arrays.copyOf(more, more.length + 2);
        all[more.length] = "Authorization";
        all[more.length + 1] = basic(user, PASSWORD);
        return all;
    }

    private String contact(String base, String lastName) {
        Reply r = Http.post(base + "/contacts", entry(resource("contact", "", "<lastName>" + lastName + "</lastName>")), as("root"));
        assertEquals(201, r.status(), r::toString);
        return r.xml().text(CONTACT + "/@sdata:key");
    }

    private String total(String base) {
        return Http.get(base + "/contacts?count=0", as("root")).xml().text("/a:feed/opensearch:totalResults");
    }

    private static String name(String p) { return p + COUNTER.incrementAndGet(); }

    @Test
    void noOrWrongCredentialsAre401WithAChallenge() {
        Refusals.refused(Http.get(b + "/contacts"), 401, "ApplicationDiagnosis", "MissingCredentials");
        assertEquals("Basic realm=\"sdata\"", Http.get(b + "/contacts").header("WWW-Authenticate"));
        Reply wrong = Http.get(b + "/contacts", "Authorization", basic("alice", "wrong"));
        Refusals.refused(wrong, 401, "ApplicationDiagnosis", "BadCredentials");
        assertEquals("Basic realm=\"sdata\"", wrong.header("WWW-Authenticate"));
        Refusals.refused(Http.get(b + "/contacts", "Authorization", basic("nobody", PASSWORD)), 401, "ApplicationDiagnosis", "BadCredentials");
        Refusals.refused(Http.get(b + "/contacts", "Authorization", "Basic !!!notbase64"), 401, "ApplicationDiagnosis", "BadCredentials");
        Refusals.refused(Http.get(b + "/contacts", "Authorization", "Bearer abc"), 401, "ApplicationDiagnosis", "BadCredentials");
        Reply silent = Http.get(b + "/contacts", "X-Authorization-Mode", "no-challenge");
        assertEquals(401, silent.status());
        assertNull(silent.header("WWW-Authenticate"), "no-challenge: a browser shows no login dialog");
        Refusals.refused(Http.get(server.sdata()), 401, "ApplicationDiagnosis", "MissingCredentials");
        // an anonymous write changes nothing
        String before = total(b);
        assertEquals(401, Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>Anon</lastName>"))).status());
        assertEquals(before, total(b));
    }

    @Test
    void goodCredentialsInAuthorizationOrXAuthorizationAreAccepted() {
        assertEquals(200, Http.get(b + "/contacts?count=1", as("bob")).status());
        assertEquals(200, Http.get(b + "/contacts?count=1", "X-Authorization", basic("bob", PASSWORD)).status());
        Reply json = Http.get(b + "/contacts?count=1&format=json", "Authorization", basic("bob", "nope"));
        assertEquals(401, json.status());
        assertTrue(json.body().startsWith("{\"$diagnoses\""), "a 401 in the format asked for: " + json.body());
    }

    @Test
    void aReadOnlyUserIsRefusedOnEveryWritePathAndNothingChanges() {
        String key = contact(b, name("RO"));
        String url = b + "/contacts('" + key + "')";
        Reply read = Http.get(url, as("bob"));
        assertEquals(200, read.status());
        String etag = "\"" + read.etag() + "\"";
        String before = total(b);
        String body = entry(resource("contact", "", "<lastName>Changed</lastName>"));
        List<Reply> writes = List.of(
                Http.put(url, body, as("bob", "If-Match", etag)),
                Http.post(b + "/contacts", body, as("bob")),
                Http.delete(url, as("bob", "If-Match", etag)),
                Http.post(url, null, as("bob", "X-HTTP-Method-Override", "DELETE", "If-Match", etag)),
                Http.post(url, body, as("bob", "X-HTTP-Method-Override", "PUT", "If-Match", etag)),
                Http.put(url + "/address", entry(resource("address", "", "<city>X</city>")), as("bob", "If-Match", etag)),
                Http.post(b + "/contacts?trackingID=" + UUID.randomUUID(), body, as("bob")));
        for (Reply w : writes) Refusals.refused(w, 403, "ApplicationDiagnosis", "Forbidden");
        // batch entries are decided one by one; in atomic mode a refused entry fails the whole batch
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"><entry><id>" + url + "</id><http:httpMethod>GET</http:httpMethod></entry>"
                + "<entry><id>" + url + "</id><http:httpMethod>PUT</http:httpMethod><http:ifMatch>" + read.etag() + "</http:ifMatch>"
                + "<sdata:payload><contact xmlns=\"http://schemas.sage.com/myContract\"><lastName>Batched</lastName></contact>"
                + "</sdata:payload></entry></feed>";
        Xml batch = Http.post(b + "/contacts/$batch", feed, as("bob", "Content-Type", "application/atom+xml; type=feed")).xml();
        assertEquals("200", batch.text("/a:feed/a:entry[1]/http:httpStatus"));
        assertEquals("403", batch.text("/a:feed/a:entry[2]/http:httpStatus"));
        Xml atomic = Http.post(b + "/contacts/$batch?atomic=true", feed, as("bob", "Content-Type", "application/atom+xml; type=feed")).xml();
        assertEquals("424", atomic.text("/a:feed/a:entry[1]/http:httpStatus"));
        assertEquals("403", atomic.text("/a:feed/a:entry[2]/http:httpStatus"));
        assertEquals(read.etag(), Http.get(url, as("root")).etag(), "nothing changed");
        assertEquals(before, total(b));
        // the same writes by a writer succeed
        assertEquals(200, Http.put(url, body, as("alice", "If-Match", etag)).status());
    }

    @Test
    void everyWriteRecordsWhoMadeItAsTheEntrysAuthor() {
        Reply made = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>" + name("Audit") + "</lastName>")), as("alice"));
        assertEquals(201, made.status());
        String url = made.header("Location");
        assertEquals("alice", Http.get(url, as("bob")).xml().text("/a:entry/a:author/a:name"), "the creator");
        Reply changed = Http.put(url, entry(resource("contact", "", "<firstName>Root</firstName>")), as("root", "If-Match",
                "\"" + made.etag() + "\""));
        assertEquals(200, changed.status());
        assertEquals("root", changed.xml().text("/a:entry/a:author/a:name"), "the last writer");
        String key = made.xml().text(CONTACT + "/@sdata:key");
        Xml feed = Http.get(b + "/contacts?where=" + java.net.URLEncoder.encode("$key eq '" + key + "'", StandardCharsets.UTF_8)
                .replace("+", "%20"), as("bob")).xml();
        assertEquals("root", feed.text("/a:feed/a:entry/a:author/a:name"), "in feeds too");
    }

    @Test
    void aRefusedCallerCannotTellWhetherAResourceExists() {
        String key = contact(b, name("Exists"));
        Reply existing = Http.get(b + "/contacts('" + key + "')", as("dave"));
        Reply missing = Http.get(b + "/contacts('no-such-" + key + "')", as("dave"));
        Refusals.refused(existing, 403, "ApplicationDiagnosis", "Forbidden");
        Refusals.refused(missing, 403, "ApplicationDiagnosis", "Forbidden");
        assertEquals(existing.body(), missing.body(), "the same answer either way");
    }

    @Test
    void aDatasetScopedGrantAllowsWritesInThatDatasetOnly() {
        String inProd = contact(prod, name("Prod"));
        String inDefault = contact(b, name("Default"));
        String body = entry(resource("contact", "", "<lastName>Carol</lastName>"));
        String prodUrl = prod + "/contacts('" + inProd + "')";
        assertEquals(200, Http.put(prodUrl, body, as("carol", "If-Match", "\"" + Http.get(prodUrl, as("carol")).etag() + "\"")).status());
        String defaultUrl = b + "/contacts('" + inDefault + "')";
        Reply read = Http.get(defaultUrl, as("carol"));
        assertEquals(200, read.status(), "read@myContract reaches every dataset");
        Refusals.refused(Http.put(defaultUrl, body, as("carol", "If-Match", "\"" + read.etag() + "\"")), 403, "ApplicationDiagnosis",
                "Forbidden");
    }

    @Test
    void theListsShowOnlyWhatTheCallerMayRead() {
        Xml contracts = Http.get(server.sdata() + "/myApp", as("dave")).xml();
        assertEquals(0, contracts.count("/a:feed/a:entry"), "dave has no grant: no contract listed");
        assertEquals(1, Http.get(server.sdata() + "/myApp", as("bob")).xml().count("/a:feed/a:entry"));
        Refusals.refused(Http.get(server.sdata() + "/myApp/myContract", as("dave")), 403, "ApplicationDiagnosis", "Forbidden");
        Refusals.refused(Http.get(server.sdata() + "/myApp/myContract/-/$schema", as("dave")), 403, "ApplicationDiagnosis", "Forbidden");
        assertEquals(2, Http.get(server.sdata() + "/myApp/myContract", as("carol")).xml().count("/a:feed/a:entry"));
    }

    @Test
    void aChangedUsersFileIsPickedUpWithoutRestart() throws Exception {
        String erin = "erin" + COUNTER.incrementAndGet();
        Refusals.refused(Http.get(b + "/contacts?count=1", as(erin)), 401, "ApplicationDiagnosis", "BadCredentials");
        String content = Files.readString(users) + erin + ":" + UsersFile.hash(PASSWORD.toCharArray()) + ":read\n";
        Files.writeString(users, content);
        Files.setLastModifiedTime(users, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        long until = System.nanoTime() + 10_000_000_000L;
        int status = 0;
        while (System.nanoTime() < until && (status = Http.get(b + "/contacts?count=1", as(erin)).status()) != 200) Thread.sleep(200);
        assertEquals(200, status, "the new user is known after the file changed");
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDown() {
        // wrong passwords from one address: after ten within a minute, 429 with Retry-After, without checking more
        String user = "nobody" + COUNTER.incrementAndGet();
        int refusedFast = 0;
        Reply last = null;
        for (int i = 0; i < 15; i++) {
            last = Http.get(b + "/contacts?count=0", "Authorization", basic(user, "guess" + i));
            if (last.status() == 429) refusedFast++;
        }
        assertTrue(refusedFast >= 4, "guessing is slowed down: " + refusedFast + " 429s, last " + last);
        Refusals.refused(last, 429, "ApplicationDiagnosis", "TooManyFailures");
        assertFalse(last.header("Retry-After").isEmpty());
    }
}
