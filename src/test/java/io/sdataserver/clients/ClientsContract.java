package io.sdataserver.clients;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.RawHttp;
import io.sdataserver.testsupport.Refusals;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The habits of real clients (issue "every client"), against the running server: Sage's clients (parameter names
 * in any case, double-quoted and percent-encoded key selectors, their own payload namespace, batch ids with a query
 * string), legacy systems (the ETag in the entry, headers tunnelled through X-Override, HTTP/1.0), and the
 * concurrency habits of other products (If-Match: *, Prefer: return=minimal, preconditions before content).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientsContract {
    private static final String CONTACT = "/a:entry/sdata:payload/c:contact";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    abstract Backend backend();

    private TestServer server;
    private String b;

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        b = server.base();
    }

    @AfterAll
    void stop() { server.close(); }

    private static String unique(String prefix) { return prefix + COUNTER.incrementAndGet() + "n" + System.nanoTime() % 100000; }

    private String contact(String lastName) {
        Reply r = Http.post(b + "/contacts", entry(resource("contact", "", "<firstName>F</firstName><lastName>" + lastName + "</lastName>")));
        assertEquals(201, r.status(), r::toString);
        return r.xml().text(CONTACT + "/@sdata:key");
    }

    private String lastName(String key) { return Http.get(b + "/contacts('" + key + "')").xml().text(CONTACT + "/c:lastName"); }

    // ------------------------------------------------------------------ Sage's clients

    @Test
    void queryParameterNamesMatchInAnyLetterCase() {
        String prefix = unique("Case");
        for (String n : new String[] {"b", "c", "a"}) contact(prefix + n);
        String where = "&where=" + java.net.URLEncoder.encode("lastName like '" + prefix + "%'", java.nio.charset.StandardCharsets.UTF_8);
        Xml page = Http.get(b + "/contacts?orderby=lastName%20desc&startindex=2&COUNT=1" + where.replace("where", "WHERE")).xml();
        assertEquals("3", page.text("/a:feed/opensearch:totalResults"));
        assertEquals("2", page.text("/a:feed/opensearch:startIndex"));
        assertEquals(prefix + "b", page.text("/a:feed/a:entry/sdata:payload/c:contact/c:lastName"), "orderby desc, startindex 2");
        String next = page.text("/a:feed/a:link[@rel='next']/@href");
        assertFalse(next.contains("startindex="), "the client's spelling is replaced, not kept beside ours: " + next);
        assertEquals(prefix + "a", Http.get(next).xml().text("/a:feed/a:entry/sdata:payload/c:contact/c:lastName"));
        assertEquals(200, Http.get(b + "/contacts?_t=1700000000&_includeContent=false&count=1").status(), "cache breakers mean nothing");
    }

    @Test
    void keySelectorsMayBeDoubleQuotedOrPercentEncoded() {
        String name = unique("Quoted");
        String key = contact(name);
        for (String url : new String[] {b + "/contacts(%22" + key + "%22)", b + "/contacts(%27" + key + "%27)",
            b + "/contacts%28%27" + key + "%27%29"}) {
            Reply r = Http.get(url);
            assertEquals(200, r.status(), url + " " + r);
            assertEquals(name, r.xml().text(CONTACT + "/c:lastName"), url);
        }
        // the npm sdata-client writes the double quotes as they are
        try (java.net.Socket s = RawHttp.connect(server.port())) {
            RawHttp.send(s, RawHttp.request("GET", "/sdata/myApp/myContract/-/contacts(\"" + key + "\")", null));
            RawHttp.Answer a = RawHttp.read(s.getInputStream());
            assertEquals(200, a.status(), a::toString);
            assertTrue(a.body().contains("<lastName>" + name + "</lastName>"), a::toString);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Refusals.refused(Http.get(b + "/contacts(%22" + key + ")"), 400, "BadUrlSyntax");
    }

    @Test
    void aPayloadInSagesDynamicNamespaceAndXmlnsEmptyIsRead() {
        String name = unique("Dynamic");
        String body = entry("<contact xmlns=\"http://schemas.sage.com/dynamic/2007\"><firstName xmlns=\"\">Dyn</firstName>"
                + "<lastName>" + name + "</lastName></contact>");
        Reply r = Http.post(b + "/contacts", body);
        assertEquals(201, r.status(), r::toString);
        Xml x = r.xml();
        assertEquals("Dyn", x.text(CONTACT + "/c:firstName"));
        assertEquals(name, x.text(CONTACT + "/c:lastName"));
    }

    @Test
    void aBatchEntryMayNameItsCollectionWithAQueryString() {
        String name = unique("BatchId");
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"><entry><id>" + b + "/contacts?_includeContent=false</id>"
                + "<http:httpMethod>POST</http:httpMethod><sdata:payload><contact xmlns=\"http://schemas.sage.com/dynamic/2007\">"
                + "<lastName>" + name + "</lastName></contact></sdata:payload></entry></feed>";
        Reply r = Http.post(b + "/contacts/$batch", feed, "Content-Type", "application/atom+xml; type=feed");
        assertEquals(200, r.status(), r::toString);
        assertEquals("201", r.xml().text("/a:feed/a:entry/http:httpStatus"), r::toString);
    }

    // ------------------------------------------------------------------ legacy systems

    @Test
    void theEtagMayComeInTheEntryAndTheHeaderCounts() {
        String key = contact(unique("InBody"));
        String url = b + "/contacts('" + key + "')";
        String etag = Http.get(url).etag();
        String stale = entryWithIfMatch("\"stale\"", "Lost");
        Reply refused = Http.put(url, stale);
        assertEquals(412, refused.status(), refused::toString);
        assertEquals(etag, refused.etag());
        Reply ok = Http.put(url, entryWithIfMatch(etag, "FromBody"));
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("FromBody", lastName(key));
        String current = ok.etag();
        // both: the header counts (CONC-9)
        assertEquals(200, Http.put(url, entryWithIfMatch("\"stale\"", "HeaderWins"), "If-Match", "\"" + current + "\"").status());
        String newer = Http.get(url).etag();
        assertEquals(412, Http.put(url, entryWithIfMatch(newer, "BodyLoses"), "If-Match", "\"" + current + "\"").status());
        assertEquals("HeaderWins", lastName(key));
        // JSON's $ifMatch
        Reply json = Http.put(url, "{\"$ifMatch\":\"" + newer + "\",\"lastName\":\"JsonBody\"}", "Content-Type", "application/json");
        assertEquals(200, json.status(), json::toString);
        assertEquals("JsonBody", lastName(key));
    }

    private static String entryWithIfMatch(String ifMatch, String lastName) {
        return "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"><http:ifMatch>" + ifMatch + "</http:ifMatch>"
                + "<sdata:payload><contact xmlns=\"http://schemas.sage.com/myContract\"><lastName>" + lastName
                + "</lastName></contact></sdata:payload></entry>";
    }

    @Test
    void headersMayBeTunnelledThroughXOverride() {
        String key = contact(unique("Tunnel"));
        String url = b + "/contacts('" + key + "')";
        String etag = Http.get(url).etag();
        Reply put = Http.put(url, entry(resource("contact", "", "<lastName>Tunnelled</lastName>")), "X-Override", "If-Match: \"" + etag + "\"");
        assertEquals(200, put.status(), put::toString);
        assertEquals("Tunnelled", lastName(key));
        // a DELETE tunnelled twice: the method override itself comes through X-Override, so does If-Match
        String current = put.etag();
        Reply deleted = Http.send("POST", url, null, "X-Override", "X-HTTP-Method-Override: DELETE", "X-Override", "If-Match: \"" + current + "\"");
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(404, Http.get(url).status());
        Refusals.refused(Http.get(b + "/contacts", "X-Override", "Host: elsewhere"), 400, "ApplicationDiagnosis", "BadHeader");
        Refusals.refused(Http.get(b + "/contacts", "X-Override", "no colon here"), 400, "ApplicationDiagnosis", "BadHeader");
    }

    @Test
    void anHttp10RequestWithoutKeepAliveIsAnsweredAndClosed() throws Exception {
        String key = contact(unique("Http10"));
        try (Socket s = RawHttp.connect(server.port())) {
            RawHttp.send(s, "GET /sdata/myApp/myContract/-/contacts('" + key + "') HTTP/1.0\r\nHost: localhost\r\n\r\n");
            InputStream in = s.getInputStream();
            RawHttp.Answer a = RawHttp.read(in);
            assertEquals(200, a.status(), a::toString);
            assertTrue(a.body().contains(key));
            assertEquals(-1, in.read(), "an HTTP/1.0 request without keep-alive closes the connection after the answer");
        }
    }

    // ------------------------------------------------------------------ concurrency habits

    @Test
    void ifMatchStarUpdatesWhateverTheCurrentVersionAndNeedsAResource() {
        String key = contact(unique("Star"));
        Reply r = Http.put(b + "/contacts('" + key + "')", entry(resource("contact", "", "<lastName>Starred</lastName>")), "If-Match", "*");
        assertEquals(200, r.status(), r::toString);
        assertEquals("Starred", lastName(key));
        Refusals.refused(Http.put(b + "/contacts('no-such-star')", entry(resource("contact", "", "<lastName>x</lastName>")), "If-Match", "*"),
                404, "ApplicationDiagnosis", "ResourceNotFound");
    }

    @Test
    void preferReturnMinimalAnswersWithoutTheEntry() {
        String key = contact(unique("Minimal"));
        String url = b + "/contacts('" + key + "')";
        Reply minimal = Http.put(url, entry(resource("contact", "", "<lastName>Min</lastName>")), "If-Match",
                "\"" + Http.get(url).etag() + "\"", "Prefer", "return=minimal");
        assertEquals(204, minimal.status(), minimal::toString);
        assertEquals("", minimal.body());
        assertNotNull(minimal.etag());
        assertEquals("return=minimal", minimal.header("Preference-Applied"));
        assertEquals(minimal.etag(), Http.get(url).etag(), "the new ETag");
        Reply created = Http.post(b + "/contacts", entry(resource("contact", "", "<lastName>" + unique("MinNew") + "</lastName>")),
                "Prefer", "return=minimal");
        assertEquals(201, created.status());
        assertEquals("", created.body());
        assertNotNull(created.header("Location"));
        assertEquals(200, Http.get(created.header("Location")).status());
        Reply full = Http.put(url, entry(resource("contact", "", "<lastName>Full</lastName>")), "If-Match", "\"" + minimal.etag() + "\"",
                "Prefer", "return=representation");
        assertEquals(200, full.status());
        assertEquals("Full", full.xml().text(CONTACT + "/c:lastName"));
        assertEquals("return=representation", full.header("Preference-Applied"));
        Reply stale = Http.put(url, entry(resource("contact", "", "<lastName>x</lastName>")), "If-Match", "\"stale\"", "Prefer", "return=minimal");
        assertEquals(412, stale.status(), "a failed precondition still shows the current entry");
        assertNull(stale.header("Preference-Applied"));
        assertEquals("Full", stale.xml().text(CONTACT + "/c:lastName"));
    }

    @Test
    void aStaleIfMatchIs412WhateverThePayloadHolds() {
        String key = contact(unique("PreFirst"));
        String url = b + "/contacts('" + key + "')";
        String etag = Http.get(url).etag();
        String invalid = entry(resource("contact", "", "<birthDate>not a date</birthDate>"));
        Reply r = Http.put(url, invalid, "If-Match", "\"stale\"");
        assertEquals(412, r.status(), r::toString);
        assertEquals(etag, r.etag());
        Reply malformed = Http.put(url, "<entry", "If-Match", "\"stale\"");
        assertEquals(412, malformed.status(), malformed::toString);
        // with the current ETag the payload is judged as usual
        Refusals.refused(Http.put(url, invalid, "If-Match", "\"" + etag + "\""), 400, "ApplicationDiagnosis", "InvalidValue");
        // in a batch too
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:sdata=\"http://schemas.sage.com/sdata/2008/1\""
                + " xmlns:http=\"http://schemas.sage.com/sdata/http/2008/1\"><entry><id>" + url + "</id><http:httpMethod>PUT</http:httpMethod>"
                + "<http:ifMatch>stale</http:ifMatch><sdata:payload><contact xmlns=\"http://schemas.sage.com/myContract\">"
                + "<birthDate>never</birthDate></contact></sdata:payload></entry></feed>";
        Reply batch = Http.post(b + "/contacts/$batch", feed, "Content-Type", "application/atom+xml; type=feed");
        assertEquals("412", batch.xml().text("/a:feed/a:entry/http:httpStatus"), batch::toString);
        assertEquals(etag, Http.get(url).etag(), "nothing changed");
    }
}
