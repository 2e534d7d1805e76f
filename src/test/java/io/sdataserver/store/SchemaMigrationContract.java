package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sdataserver.SDataServer;
import io.sdataserver.ServerConfig;
import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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

    private static final String CONTACTS = "sd_mycontract_contact";
    private static final String TABLE = "\"" + CONTACTS + "\"";

    /**
     * A table from before the single uuid index (a unique index on the uuid as sent, a plain one on its lower-cased
     * copy) gets the one unique index on the copy at the next start, and the old two go. Uniqueness is then the
     * database's and ignores letter case, as the lookups always did; the uuid is still echoed as the client sent it.
     */
    @Test
    void oldUuidIndexesGiveWayToOneCaseInsensitiveUniqueIndex() throws Exception {
        String db = backend().newDatabaseUrl();
        String uuid = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        try (SDataServer s = SDataServer.start(ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, db), "127.0.0.1")) {
            Reply r = Http.post(contacts(s), entry(resource("contact", "sdata:uuid=\"" + uuid + "\"", "<lastName>Upper</lastName>")));
            assertEquals(201, r.status(), r::toString);
        }
        oldLayout(db);
        assertEquals(Set.of("uuid", "uuid_lc"), uuidIndexes(db));
        try (SDataServer s = SDataServer.start(ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, db), "127.0.0.1")) {
            assertEquals(Set.of("uuid_lc_uq"), uuidIndexes(db));
            Reply found = Http.get(contacts(s) + "?where=" + URLEncoder.encode("$uuid eq '" + uuid.toLowerCase(Locale.ROOT) + "'",
                    StandardCharsets.UTF_8));
            assertEquals(200, found.status(), found::toString);
            assertEquals("1", found.xml().text("/a:feed/opensearch:totalResults"));
            assertEquals(uuid, found.xml().text("/a:feed/a:entry/sdata:payload/c:contact/@sdata:uuid"), "echoed as sent");
            // the same uuid in other letters is the same resource: a create sent again answers with it
            Reply again = Http.post(contacts(s), entry(resource("contact", "sdata:uuid=\"" + uuid.toLowerCase(Locale.ROOT) + "\"",
                    "<lastName>Lower</lastName>")));
            assertEquals(201, again.status(), again::toString);
            assertEquals("Upper", again.xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
            assertEquals(1, rows(db, "\"p_lastname\" IN ('Upper', 'Lower')"), "nothing written");
        }
        // and a writer that did not look first (a race) is stopped by the database itself
        try (Connection c = DriverManager.getConnection(db); PreparedStatement ps = twin(c, uuid.toLowerCase(Locale.ROOT))) {
            SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
            assertEquals("23505", e.getSQLState(), e::toString);
        }
        assertEquals(0, rows(db, "k = 'twin'"), "nothing written");
    }

    private static PreparedStatement twin(Connection c, String uuid) throws SQLException {
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                + " (ds, k, uuid, etag, ver, updated, \"p_lastname\") VALUES ('-', 'twin', ?, 'e1', 1, CURRENT_TIMESTAMP, 'Upper')");
        ps.setString(1, uuid);
        return ps;
    }


    /** Rows whose uuids differ only in letter case (possible before) keep the old indexes: the server starts and serves both. */
    @Test
    void uuidsThatDifferOnlyInCaseKeepTheOldIndexesAndStillServe() throws Exception {
        String db = backend().newDatabaseUrl();
        String uuid = UUID.randomUUID().toString();
        String first;
        try (SDataServer s = SDataServer.start(ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, db), "127.0.0.1")) {
            Reply r = Http.post(contacts(s), entry(resource("contact", "sdata:uuid=\"" + uuid + "\"", "<lastName>Lower</lastName>")));
            assertEquals(201, r.status(), r::toString);
            first = r.xml().text("/a:entry/sdata:payload/c:contact/@sdata:key");
        }
        oldLayout(db);
        try (Connection c = DriverManager.getConnection(db); PreparedStatement ps = twin(c, uuid.toUpperCase(Locale.ROOT))) {
            ps.executeUpdate();
        }
        try (SDataServer s = SDataServer.start(ServerConfig.defaults(TestServer.BUNDLED_CONTRACTS, db), "127.0.0.1")) {
            assertEquals(Set.of("uuid", "uuid_lc"), uuidIndexes(db));
            assertEquals("Lower", Http.get(contacts(s) + "('" + first + "')").xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
            assertEquals("Upper", Http.get(contacts(s) + "('twin')").xml().text("/a:entry/sdata:payload/c:contact/c:lastName"));
        }
    }

    /** The two uuid indexes tables had before, in place of the one unique index. */
    private static void oldLayout(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
            st.execute("DROP INDEX \"" + CONTACTS + "_uuid_lc_uq\"");
            st.execute("CREATE UNIQUE INDEX \"" + CONTACTS + "_uuid\" ON " + TABLE + " (ds, uuid)");
            st.execute("CREATE INDEX \"" + CONTACTS + "_uuid_lc\" ON " + TABLE + " (ds, uuid_lc)");
        }
    }

    /** The contact table's uuid indexes, by name without the table's prefix. */
    private static Set<String> uuidIndexes(String db) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(db);
             ResultSet rs = c.getMetaData().getIndexInfo(null, null, CONTACTS, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null && name.startsWith(CONTACTS + "_uuid")) names.add(name.substring(CONTACTS.length() + 1));
            }
        }
        return names;
    }

    private static int rows(String db, String where) throws SQLException {
        try (Connection c = DriverManager.getConnection(db);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE " + where)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String contacts(SDataServer s) { return s.baseUrl() + "/myApp/myContract/-/contacts"; }

    private static String base(SDataServer s) { return s.baseUrl() + "/myApp/myContract/-/products"; }
}
