package io.sdataserver.clients;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.ServerConfig;
import io.sdataserver.service.ConcurrencyModes;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.TestServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Other products' ways of updating with an overwrite check, each served by the same mechanisms (a server started
 * with {@code --concurrency contacts=optional}), and browsers from another origin ({@code --cors-origin}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DialectsContract {
    static final String APP = "https://app.example.com";
    private static final String CONTACT = "/a:entry/sdata:payload/c:contact";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    abstract Backend backend();

    private TestServer server;
    private TestServer anyOrigin;
    private String b;

    @BeforeAll
    void start() {
        ServerConfig cfg = TestServer.configFor(backend());
        server = TestServer.start(cfg.withConcurrency(ConcurrencyModes.parse(List.of("contacts=optional")))
                .withCorsOrigins(List.of(APP)));
        anyOrigin = TestServer.start(TestServer.configFor(backend()).withCorsOrigins(List.of("*")));
        b = server.base();
    }

    @AfterAll
    void stop() {
        server.close();
        anyOrigin.close();
    }

    private String contact(String lastName) {
        Reply r = Http.post(b + "/contacts", entry(resource("contact", "", "<firstName>F</firstName><lastName>" + lastName
                + "</lastName><birthDate>1980-01-01</birthDate>")));
        assertEquals(201, r.status(), r::toString);
        return r.xml().text(CONTACT + "/@sdata:key");
    }

    private String url(String key) { return b + "/contacts('" + key + "')"; }

    private String lastName(String key) { return Http.get(url(key)).xml().text(CONTACT + "/c:lastName"); }

    private static String name(String p) { return p + COUNTER.incrementAndGet(); }

    private static String update(String lastName) { return entry(resource("contact", "", "<lastName>" + lastName + "</lastName>")); }

    /** Kii: If-Match with the version when the client cares, nothing when it does not (last writer wins). */
    @Test
    void kiiUpdatesUnconditionallyWithoutIfMatchAndConditionallyWithIt() {
        String key = contact(name("Kii"));
        assertEquals(200, Http.put(url(key), update("NoCheck")).status(), "optional: no If-Match, the last writer wins");
        assertEquals("NoCheck", lastName(key));
        String etag = Http.get(url(key)).etag();
        assertEquals(412, Http.put(url(key), update("Stale"), "If-Match", "\"old-version\"").status());
        assertEquals(200, Http.put(url(key), update("Checked"), "If-Match", "\"" + etag + "\"").status());
        assertEquals("Checked", lastName(key));
        // a kind left strict still wants If-Match (CONC-6)
        Reply c = Http.post(b + "/products", entry(resource("product", "", "<name>" + name("KiiStrict") + "</name>")));
        Refusals.refused(Http.put(c.header("Location"), entry(resource("product", "", "<name>x</name>"))), 400,
                "ApplicationDiagnosis", "MissingIfMatch");
    }

    /** Personium: If-Match defaults to *, headers come through X-Override, and the answer is 204 with the ETag. */
    @Test
    void personiumTunnelsIfMatchStarAndGets204WithTheEtag() {
        String key = contact(name("Personium"));
        Reply r = Http.send("POST", url(key), update("Tunnelled"), "X-Override", "X-HTTP-Method-Override: PUT",
                "X-Override", "If-Match: *", "X-Override", "Prefer: return=minimal");
        assertEquals(204, r.status(), r::toString);
        assertNotNull(r.etag());
        assertEquals(r.etag(), Http.get(url(key)).etag());
        assertEquals("Tunnelled", lastName(key));
    }

    /** Matrix42: the concurrency token travels in the body; absent, concurrency is ignored; null resets a field. */
    @Test
    void matrix42CarriesTheTokenInTheBodyAndResetsWithNull() {
        String key = contact(name("Matrix"));
        String etag = Http.get(url(key)).etag();
        Reply stale = Http.put(url(key), "{\"$ifMatch\":\"old\",\"lastName\":\"Lost\"}", "Content-Type", "application/json");
        assertEquals(412, stale.status(), stale::toString);
        Reply ok = Http.put(url(key), "{\"$ifMatch\":\"" + etag + "\",\"lastName\":\"Token\",\"birthDate\":null}",
                "Content-Type", "application/json");
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("Token", lastName(key));
        assertEquals("true", Http.get(url(key)).xml().text(CONTACT + "/c:birthDate/@xsi:nil"), "null resets the field");
        Reply untokened = Http.put(url(key), "{\"lastName\":\"NoToken\"}", "Content-Type", "application/json");
        assertEquals(200, untokened.status(), "no token: concurrency is not checked");
        assertEquals("NoToken", lastName(key));
    }

    /** CA Live API Creator: a client may override the check on purpose, on a kind that is strict. */
    @Test
    void caLiveApiCreatorOverridesTheCheckOnPurposeWithIfMatchStar() {
        Reply c = Http.post(b + "/products", entry(resource("product", "", "<name>" + name("LAC") + "</name>")));
        assertEquals(201, c.status(), c::toString);
        String product = c.header("Location");
        String body = entry(resource("product", "", "<name>Overridden</name>"));
        Refusals.refused(Http.put(product, body), 400, "ApplicationDiagnosis", "MissingIfMatch");
        assertEquals(412, Http.put(product, body, "If-Match", "\"old\"").status());
        Reply forced = Http.put(product, body, "If-Match", "*");
        assertEquals(200, forced.status(), forced::toString);
        assertEquals("Overridden", forced.xml().text("/a:entry/sdata:payload/c:product/c:name"));
    }

    // ------------------------------------------------------------------ browsers

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() {
        Reply p = Http.send("OPTIONS", b + "/contacts", null, "Origin", APP, "Access-Control-Request-Method", "PUT",
                "Access-Control-Request-Headers", "if-match, content-type, x-authorization-mode");
        assertEquals(204, p.status(), p::toString);
        assertEquals(APP, p.header("Access-Control-Allow-Origin"));
        assertEquals("true", p.header("Access-Control-Allow-Credentials"));
        for (String m : List.of("GET", "POST", "PUT", "DELETE")) assertTrue(p.header("Access-Control-Allow-Methods").contains(m));
        for (String h : List.of("X-Authorization-Mode", "X-Requested-With", "If-Match", "X-HTTP-Method-Override", "Authorization",
                "X-Authorization", "Content-Type")) {
            assertTrue(p.header("Access-Control-Allow-Headers").contains(h), h);
        }
        Refusals.refused(Http.send("OPTIONS", b + "/contacts", null, "Origin", "https://evil.example", "Access-Control-Request-Method",
                "GET"), 403, "ApplicationDiagnosis", "OriginNotAllowed");
    }

    @Test
    void answersToAnAllowedOriginExposeTheHeadersClientsRead() {
        String key = contact(name("Cors"));
        Reply r = Http.get(url(key), "Origin", APP);
        assertEquals(200, r.status());
        assertEquals(APP, r.header("Access-Control-Allow-Origin"));
        assertTrue(r.header("Access-Control-Expose-Headers").contains("ETag"));
        assertTrue(r.header("Access-Control-Expose-Headers").contains("Location"));
        assertNull(Http.get(url(key), "Origin", "https://evil.example").header("Access-Control-Allow-Origin"));
        assertNull(Http.get(url(key)).header("Access-Control-Allow-Origin"), "no Origin, no CORS headers");
        Reply any = Http.get(anyOrigin.base() + "/contacts?count=1", "Origin", "https://anywhere.example");
        assertEquals("*", any.header("Access-Control-Allow-Origin"));
        assertNull(any.header("Access-Control-Allow-Credentials"), "* goes without credentials");
    }
}
