package io.sdataserver.update;

import static io.sdataserver.testsupport.Entries.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.sdataserver.testsupport.Refusals.application;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sme: flags of the served $schema are what the server does (issue 4, point 8): every resource kind and every
 * child relationship is tried with each operation its flags allow or forbid. Nothing here knows the bundled contract
 * by name: kinds, properties, flags and mandatory references are read from $schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SchemaTruthContract {
    private static final String NS = "http://schemas.sage.com/myContract";

    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

    private TestServer server;
    private String b;
    private Xml schema;
    /** element name -> kind description */
    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    record Prop(String name, String type, String relationship, boolean collection, Map<String, String> flags) {
        boolean flag(String f) { return "true".equals(flags.get(f)); }
    }

    record Kind(String element, String plural, String type, Map<String, String> flags, List<Prop> props) {
        boolean flag(String f) { return "true".equals(flags.get(f)); }
    }

    abstract Backend backend();

    @BeforeAll
    void start() {
        server = TestServer.start(backend());
        b = server.base();
        Reply r = Http.get(b + "/$schema");
        assertEquals(200, r.status());
        schema = r.xml();
        int n = schema.count("/xs:schema/xs:element[@sme:role='resourceKind']");
        for (int i = 1; i <= n; i++) {
            String k = "/xs:schema/xs:element[@sme:role='resourceKind'][" + i + "]";
            String element = schema.text(k + "/@name");
            String type = schema.text(k + "/@type").replaceFirst("^.*:", "");
            kinds.put(element, new Kind(element, schema.text(k + "/@sme:pluralName"), type, flags(k), props(type)));
        }
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    private Map<String, String> flags(String xpath) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String flag : List.of("canGet", "canPost", "canPut", "canDelete", "supportsETag", "hasUuid", "isReadOnly",
                "isMandatory", "relationship", "isCollection")) {
            String v = schema.text(xpath + "/@sme:" + flag);
            if (!v.isEmpty()) f.put(flag, v);
        }
        return f;
    }

    private List<Prop> props(String type) {
        List<Prop> out = new ArrayList<>();
        String base = "/xs:schema/xs:complexType[@name='" + type + "']/xs:all/xs:element";
        int n = schema.count(base);
        for (int i = 1; i <= n; i++) {
            String p = base + "[" + i + "]";
            Map<String, String> f = flags(p);
            String t = schema.text(p + "/@type").replaceFirst("^.*:", "");
            out.add(new Prop(schema.text(p + "/@name"), t, f.getOrDefault("relationship", ""),
                    "true".equals(f.get("isCollection")) || t.endsWith("--list"), f));
        }
        return out;
    }

    // ---------------------------------------------------------------- making valid payloads from the schema

    /** A value for a simple property: an enumeration's first value, or a value of its base type. */
    private String value(Prop p) {
        String t = p.type();
        if (!t.startsWith("xs") && schema.has("/xs:schema/xs:simpleType[@name='" + t + "']")) {
            String st = "/xs:schema/xs:simpleType[@name='" + t + "']/xs:restriction";
            if (schema.has(st + "/xs:enumeration")) return schema.text(st + "/xs:enumeration[1]/@value");
            if (schema.has(st + "/xs:pattern")) return "AB";
            t = schema.text(st + "/@base").replaceFirst("^.*:", "");
        }
        switch (t) {
            case "boolean": return "true";
            case "int": case "long": case "short": case "integer": case "decimal": return "1";
            case "date": return "2008-05-19";
            case "dateTime": return "2008-05-19T18:41:00Z";
            default: return "v" + COUNTER.incrementAndGet(); // unique keys stay unique
        }
    }

    /** The kind whose entity type is {@code type}. */
    private Kind kindOfType(String type) {
        return kinds.values().stream().filter(k -> k.type().equals(type)).findFirst().orElse(null);
    }

    /** The resource element with every writable simple property and every mandatory reference (made on demand). */
    private String resource(Kind k, String elementName) {
        StringBuilder inner = new StringBuilder();
        for (Prop p : k.props()) {
            if (p.flag("isReadOnly")) continue;
            if (p.relationship().isEmpty()) {
                inner.append("<").append(p.name()).append(">").append(value(p)).append("</").append(p.name()).append(">");
            } else if (p.relationship().equals("reference") && p.flag("isMandatory")) {
                Kind target = kindOfType(p.type());
                assertNotNull(target, "a mandatory reference needs a kind to point at: " + p.name());
                inner.append("<").append(p.name()).append(" sdata:key=\"").append(create(target)).append("\"/>");
            }
        }
        return "<" + elementName + " xmlns=\"" + NS + "\">" + inner + "</" + elementName + ">";
    }

    /** Creates a resource of the kind (directly, or as a child of a kind that can hold it) and returns its key. */
    private String create(Kind k) {
        if (k.flag("canPost")) {
            Reply r = Http.post(b + "/" + k.plural(), entry(resource(k, k.element())));
            assertEquals(201, r.status(), () -> k.plural() + ": " + r);
            return r.xml().text("/a:entry/sdata:payload/*/@sdata:key");
        }
        for (Kind owner : kinds.values()) {
            for (Prop p : owner.props()) {
                if (p.relationship().equals("child") && !owner.element().equals(k.element()) && owner.flag("canPost")
                        && k.type().equals(childType(p))) {
                    String item = p.collection() ? itemElement(p) : p.name();
                    String wrapped = p.collection() ? "<" + p.name() + ">" + resource(k, item) + "</" + p.name() + ">" : resource(k, item);
                    String ownerXml = resource(owner, owner.element()).replaceFirst("</" + owner.element() + ">$",
                            wrapped.replace(" xmlns=\"" + NS + "\"", "") + "</" + owner.element() + ">");
                    Reply r = Http.post(b + "/" + owner.plural() + "?include=$children", entry(ownerXml));
                    assertEquals(201, r.status(), () -> owner.plural() + " holding a " + k.element() + ": " + r);
                    String key = r.xml().text("/a:entry/sdata:payload/*/*[local-name()='" + p.name() + "']"
                            + (p.collection() ? "/*[1]" : "") + "/@sdata:key");
                    assertFalse(key.isEmpty(), r::body);
                    return key;
                }
            }
        }
        throw new AssertionError("no way to make a " + k.element());
    }

    /** The totalResults of a feed. */
    private static String total(String feed) {
        Reply r = Http.get(feed + "?count=0");
        assertEquals(200, r.status(), r::toString);
        return r.xml().text("/a:feed/opensearch:totalResults");
    }

    private String childType(Prop p) {
        if (!p.collection()) return p.type();
        return schema.text("/xs:schema/xs:complexType[@name='" + p.type() + "']//xs:element/@type").replaceFirst("^.*:", "");
    }

    private String itemElement(Prop p) {
        return schema.text("/xs:schema/xs:complexType[@name='" + p.type() + "']//xs:element/@name");
    }

    // ---------------------------------------------------------------- the checks

    @Test
    void everyKindDoesWhatItsFlagsSay() {
        assertTrue(kinds.size() >= 5);
        for (Kind k : kinds.values()) {
            String feed = b + "/" + k.plural();
            Reply list = Http.get(feed);
            if (k.flag("canGet")) assertEquals(200, list.status(), () -> k.plural() + " canGet: " + list);
            else application(list, 405, "MethodNotAllowed");
            if (!k.flag("canPost")) {
                String before = k.flag("canGet") ? total(feed) : null;
                Reply refused = Http.post(feed, entry(resource(k, k.element())));
                application(refused, 405, "MethodNotAllowed"); // canPost=false
                assertFalse(refused.header("Allow").contains("POST"), k.plural());
                if (before != null) assertEquals(before, total(feed), k.plural() + ": the refused POST created nothing");
            }
            String key = create(k);
            String url = feed + "('" + key + "')";
            Reply read = Http.get(url);
            assertEquals(200, read.status(), url);
            String etag = read.header("ETag");
            assertEquals(k.flag("supportsETag"), etag != null, k.plural() + " supportsETag vs ETag header");
            assertEquals(k.flag("supportsETag"), read.xml().has("/a:entry/http:etag"), k.plural() + " supportsETag vs http:etag");
            assertEquals(k.flag("hasUuid"), !read.xml().text("/a:entry/sdata:payload/*/@sdata:uuid").isEmpty(), k.plural() + " hasUuid");

            String change = "<" + k.element() + " xmlns=\"" + NS + "\"/>";
            if (k.flag("canPut")) {
                if (k.flag("supportsETag")) {
                    application(Http.put(url, entry(change)), 400, "MissingIfMatch");
                    assertEquals(etag, Http.get(url).header("ETag"), k.plural() + ": the PUT without If-Match changed nothing");
                }
                Reply put = k.flag("supportsETag") ? Http.put(url, entry(change), "If-Match", etag) : Http.put(url, entry(change));
                assertEquals(200, put.status(), () -> k.plural() + " canPut: " + put);
                etag = put.header("ETag");
            } else {
                String body = Http.get(url).body();
                application(Http.put(url, entry(change), "If-Match", String.valueOf(etag)), 405, "MethodNotAllowed"); // canPut=false
                assertEquals(body, Http.get(url).body(), k.plural() + ": the refused PUT changed nothing");
            }
            checkReadOnlyAndMandatory(k, url);
            Reply del = Http.delete(url);
            if (k.flag("canDelete")) {
                assertEquals(200, del.status(), () -> k.plural() + " canDelete: " + del);
                application(Http.get(url), 404, "ResourceNotFound");
            } else {
                application(del, 405, "MethodNotAllowed");
                assertEquals(200, Http.get(url).status(), k.plural() + ": the refused DELETE kept the resource");
            }
        }
    }

    /** A read-only property sent with another value is ignored; a mandatory one left out of a create is refused. */
    private void checkReadOnlyAndMandatory(Kind k, String url) {
        for (Prop p : k.props()) {
            if (p.flag("isReadOnly") && p.relationship().isEmpty() && k.flag("canPut")) {
                String before = Http.get(url).xml().text("/a:entry/sdata:payload/*/*[local-name()='" + p.name() + "']");
                String change = "<" + k.element() + " xmlns=\"" + NS + "\"><" + p.name() + ">" + value(p) + "</" + p.name() + "></"
                        + k.element() + ">";
                Reply put = Http.put(url, entry(change), "If-Match", String.valueOf(Http.get(url).header("ETag")));
                assertEquals(200, put.status(), () -> k.plural() + "." + p.name() + " read-only: " + put);
                assertEquals(before, put.xml().text("/a:entry/sdata:payload/*/*[local-name()='" + p.name() + "']"),
                        k.plural() + "." + p.name() + " isReadOnly: ignored, not written");
            }
            if (p.flag("isMandatory") && k.flag("canPost")) {
                String without = resource(k, k.element()).replaceAll("<" + p.name() + "[ >][^<]*(</" + p.name() + ">)?|<" + p.name() + " [^>]*/>", "");
                String before = k.flag("canGet") ? total(b + "/" + k.plural()) : null;
                Reply refused = Http.post(b + "/" + k.plural(), entry(without));
                Xml x = application(refused, 400, "MandatoryProperty");
                assertEquals(k.element() + "/" + p.name(), x.text("/sdata:diagnoses/sdata:diagnosis/sdata:payloadPath"), refused::body);
                if (before != null) assertEquals(before, total(b + "/" + k.plural()), k.plural() + ": the refused POST created nothing");
            }
        }
    }

    @Test
    void everyChildRelationshipDoesWhatItsFlagsSay() {
        int checked = 0;
        for (Kind owner : kinds.values()) {
            if (!owner.flag("canPost")) continue;
            for (Prop p : owner.props()) {
                if (!p.relationship().equals("child")) continue;
                Kind child = kindOfType(childType(p));
                if (child == null) continue;
                checked++;
                String ownerUrl = b + "/" + owner.plural() + "('" + create(owner) + "')";
                String url = ownerUrl + "/" + p.name();
                String item = p.collection() ? itemElement(p) : p.name();
                String body = entry(resource(child, item));
                // create() sends no children, so a single child is absent yet: its URL is a 404 until one is posted
                Reply read = Http.get(url);
                if (!p.flag("canGet")) application(read, 405, "MethodNotAllowed");
                else if (p.collection()) assertEquals(200, read.status(), () -> url + " canGet: " + read);
                else application(read, 404, "ResourceNotFound");
                Reply post = Http.post(url, body);
                if (!p.flag("canPost")) {
                    application(post, 405, "MethodNotAllowed"); // canPost=false
                    Reply again = Http.get(url);
                    if (p.collection()) assertEquals(read.xml().count("/a:feed/a:entry"), again.xml().count("/a:feed/a:entry"),
                            url + ": the refused POST added nothing");
                    else assertEquals(read.status(), again.status(), url + ": the refused POST set nothing");
                    continue;
                }
                assertEquals(201, post.status(), () -> url + " canPost: " + post);
                String childUrl = p.collection() ? url + "('" + post.xml().text("/a:entry/sdata:payload/*/@sdata:key") + "')" : url;
                Reply got = Http.get(childUrl);
                assertEquals(200, got.status(), childUrl);
                String change = entry("<" + item + " xmlns=\"" + NS + "\"/>");
                Reply put = Http.put(childUrl, change, "If-Match", String.valueOf(got.header("ETag")));
                if (p.flag("canPut")) {
                    assertEquals(200, put.status(), () -> childUrl + " canPut: " + put);
                } else {
                    application(put, 405, "MethodNotAllowed");
                    assertEquals(got.body(), Http.get(childUrl).body(), childUrl + ": the refused PUT changed nothing");
                }
                Reply del = Http.delete(childUrl);
                if (p.flag("canDelete")) {
                    assertEquals(200, del.status(), () -> childUrl + " canDelete: " + del);
                    application(Http.get(childUrl), 404, "ResourceNotFound");
                } else {
                    application(del, 405, "MethodNotAllowed");
                    assertEquals(200, Http.get(childUrl).status(), childUrl + ": the refused DELETE kept the child");
                }
            }
        }
        assertTrue(checked >= 3, "child relationships tried: " + checked);
    }
}
