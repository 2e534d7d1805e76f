package io.sdataserver.store;

import static io.sdataserver.store.ReferencedDeleteContract.CLAIMS;
import static io.sdataserver.store.ReferencedDeleteContract.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import io.sdataserver.testsupport.Xml;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bidirectional association (§9.2, UPD-19): orders list their tags and may change them; tags list their orders
 * read-only, as $schema says. The read-only direction shows what the other direction stores, its ETag moves when
 * that changes, and payload sent for it is ignored. Also CONC-4 for plain association lists: deleting a resource
 * changes the ETag of every resource whose list pointed at it.
 */
abstract class MirroredAssociationContract {
    abstract Backend backend();

    private static final String P = "/a:entry/sdata:payload/*";

    /** The keys of a resource's list, in payload order. */
    private static List<String> keys(Reply r, String list) {
        Xml x = r.xml();
        List<String> keys = new ArrayList<>();
        int n = x.count(P + "/*[local-name()='" + list + "']/*");
        for (int i = 1; i <= n; i++) keys.add(x.text("(" + P + "/*[local-name()='" + list + "']/*)[" + i + "]/@sdata:key"));
        return keys;
    }

    /** The keys of a feed's entries, in feed order. */
    private static List<String> feedKeys(Reply r) {
        assertEquals(200, r.status(), r::toString);
        Xml x = r.xml();
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= x.count("/a:feed/a:entry"); i++) keys.add(x.text("/a:feed/a:entry[" + i + "]/sdata:payload/*/@sdata:key"));
        return keys;
    }

    @Test
    void theReadOnlyDirectionMirrorsTheWritableOne() {
        try (TestServer s = TestServer.start(backend(), CLAIMS, List.of(), -1)) {
            String b = s.base("claims");
            Xml schema = Http.get(b + "/$schema").xml();
            assertEquals("true", schema.text("//xs:complexType[@name='tag--type']//xs:element[@name='orders']/@sme:isReadOnly"),
                    "UPD-19: the read-only direction is flagged");
            assertEquals("", schema.text("//xs:complexType[@name='order--type']//xs:element[@name='tags']/@sme:isReadOnly"));
            for (String t : List.of("T1", "T2")) {
                assertEquals(201, Http.post(b + "/tags", claims("tag", "sdata:key=\"" + t + "\"", "<name>" + t + "</name>")).status());
            }
            Reply o1 = Http.post(b + "/orders", claims("order", "sdata:key=\"O1\"", "<note>x</note><tags><tag sdata:key=\"T1\"/><tag sdata:key=\"T2\"/></tags>"));
            assertEquals(201, o1.status(), o1::toString);
            Reply o2 = Http.post(b + "/orders", claims("order", "sdata:key=\"O2\"", "<note>y</note><tags><tag sdata:key=\"T1\"/></tags>"));
            assertEquals(201, o2.status(), o2::toString);

            Reply t1 = Http.get(b + "/tags('T1')");
            assertEquals(List.of("O1", "O2"), keys(t1, "orders"));
            assertEquals(List.of("O1"), keys(Http.get(b + "/tags('T2')"), "orders"));
            assertEquals(List.of("O1", "O2"), feedKeys(Http.get(b + "/tags('T1')/orders")), "its property URL is the same list");
            assertEquals(List.of("O2"), feedKeys(Http.get(b + "/tags('T1')/orders?where=note%20eq%20'y'")), "and queryable");

            // the writable direction changes: the read-only one follows, and its ETag moves (CONC-4)
            Reply put = Http.put(b + "/orders('O2')", claims("order", "", "<tags><tag sdata:key=\"T1\" sdata:isDeleted=\"true\"/></tags>"),
                    "If-Match", o2.etag());
            assertEquals(200, put.status(), put::toString);
            Reply t1After = Http.get(b + "/tags('T1')");
            assertEquals(List.of("O1"), keys(t1After, "orders"));
            assertNotEquals(t1.etag(), t1After.etag(), "T1 shows one order fewer: a new ETag");
            assertEquals(200, Http.get(b + "/tags('T1')", "If-None-Match", t1.etag()).status(),
                    "the old ETag no longer validates a cached copy");

            // payload for the read-only direction is ignored (UPD-18)
            Reply ignored = Http.put(b + "/tags('T1')", claims("tag", "", "<name>T1b</name><orders sdata:deleteMissing=\"true\">"
                    + "<order sdata:key=\"O2\"/></orders>"), "If-Match", t1After.etag());
            assertEquals(200, ignored.status(), ignored::toString);
            assertEquals(List.of("O1"), keys(ignored, "orders"));
            assertEquals(List.of(), keys(Http.get(b + "/orders('O2')"), "tags"), "nothing was written from the tag's side");

            // deleting an order: both tags lose it and get new ETags
            String t2Etag = Http.get(b + "/tags('T2')").etag();
            assertEquals(200, Http.delete(b + "/orders('O1')").status());
            assertEquals(List.of(), keys(Http.get(b + "/tags('T1')"), "orders"));
            Reply t2 = Http.get(b + "/tags('T2')");
            assertEquals(List.of(), keys(t2, "orders"));
            assertNotEquals(t2Etag, t2.etag());

            // deleting a tag: the order that listed it loses it and gets a new ETag
            Reply o3 = Http.post(b + "/orders", claims("order", "sdata:key=\"O3\"", "<tags><tag sdata:key=\"T2\"/></tags>"));
            assertEquals(201, o3.status(), o3::toString);
            assertEquals(200, Http.delete(b + "/tags('T2')").status());
            Reply o3After = Http.get(b + "/orders('O3')");
            assertEquals(List.of(), keys(o3After, "tags"));
            assertNotEquals(o3.etag(), o3After.etag(), "O3 lists one tag fewer: a new ETag");
        }
    }
}
