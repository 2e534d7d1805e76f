package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sdataserver.SDataServer;
import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up creates and migrates the tables (issue point 12): a contract that gains a property on the next start
 * gets its column, and the data written before is still there.
 */
abstract class SchemaMigrationContract {
    abstract Backend backend();

    @Test
    void aNewContractPropertyBecomesAColumnAndOldDataSurvives(@TempDir Path dir) throws Exception {
        Path contract = dir.resolve("myContract.xsd");
        String original = Files.readString(TestServer.BUNDLED_CONTRACTS.resolve("myContract.xsd"), StandardCharsets.UTF_8);
        Files.writeString(contract, original, StandardCharsets.UTF_8);
        String db = backend().newDatabaseUrl();
        String key;
        try (SDataServer s = SDataServer.start(ServerConfig.defaults(dir, db), "127.0.0.1")) {
            Reply r = Http.post(base(s), entry(resource("product", "", "<name>Widget</name><listPrice>9.90</listPrice>")));
            assertEquals(201, r.status(), r::toString);
            key = r.xml().text("/a:entry/sdata:payload/c:product/@sdata:key");
        }
        String extended = original.replace("<xs:element name=\"discontinued\" type=\"xs:boolean\" minOccurs=\"0\" sme:label=\"Discontinued\" />",
                "<xs:element name=\"discontinued\" type=\"xs:boolean\" minOccurs=\"0\" sme:label=\"Discontinued\" />\n"
                        + "      <xs:element name=\"weight\" type=\"xs:decimal\" minOccurs=\"0\" nillable=\"true\" sme:label=\"Weight\" />");
        Files.writeString(contract, extended, StandardCharsets.UTF_8);
        try (SDataServer s = SDataServer.start(ServerConfig.defaults(dir, db), "127.0.0.1")) {
            String url = base(s) + "('" + key + "')";
            Reply before = Http.get(url);
            assertEquals(200, before.status(), before::toString);
            assertEquals("Widget", before.xml().text("/a:entry/sdata:payload/c:product/c:name"));
            assertEquals("9.90", before.xml().text("/a:entry/sdata:payload/c:product/c:listPrice"));
            assertEquals("true", before.xml().text("/a:entry/sdata:payload/c:product/c:weight/@xsi:nil"));
            Reply put = Http.put(url, entry(resource("product", "", "<weight>1.250</weight>")), "If-Match", before.header("ETag"));
            assertEquals(200, put.status(), put::toString);
            assertEquals("1.250", put.xml().text("/a:entry/sdata:payload/c:product/c:weight"));
        }
    }

    private static String base(SDataServer s) { return s.baseUrl() + "/myApp/myContract/-/products"; }
}
