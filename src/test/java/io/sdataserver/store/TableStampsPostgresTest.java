package io.sdataserver.store;

import static io.sdataserver.testsupport.Entries.entry;
import static io.sdataserver.testsupport.Entries.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sdataserver.testsupport.Backend;
import io.sdataserver.testsupport.Http;
import io.sdataserver.testsupport.Http.Reply;
import io.sdataserver.testsupport.Postgres;
import io.sdataserver.testsupport.ServerProcess;
import io.sdataserver.testsupport.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TableStampsPostgresTest extends TableStampsContract {
    @Override Backend backend() { return Backend.POSTGRES; }

    private static ServerProcess start(String db) {
        return ServerProcess.start("--port", "0", "--host", "127.0.0.1", "--db", db, "--contracts", "schemas");
    }

    /**
     * Servers starting together on one new database each create the stamp rows they miss, outside any write: one row
     * per table and dataset in the end, whoever made it, and every server writes and counts.
     */
    @Test
    void serversStartingTogetherMakeEachStampRowOnce() throws Exception {
        String db = Postgres.newDatabaseUrl();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<TestServer> servers = new ArrayList<>();
        try {
            List<Future<TestServer>> starting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starting.add(pool.submit(() -> TestServer.start(db, TestServer.BUNDLED_CONTRACTS, List.of("prod"), -1)));
            }
            for (Future<TestServer> f : starting) servers.add(f.get(2, TimeUnit.MINUTES));
            assertEquals(Map.of("address", 0L, "contact", 0L, "customer", 0L, "product", 0L, "salesorder", 0L,
                    "salesorderline", 0L, "taxcode", 0L), stamps(db));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT ds, COUNT(*) FROM sd_table_stamps GROUP BY ds ORDER BY ds")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) rows.add(rs.getString(1) + "=" + rs.getLong(2));
                assertEquals(List.of("-=7", "prod=7"), rows, "one row per table of each dataset");
            }
            for (TestServer s : servers) assertEquals(201, Http.post(s.base() + "/contacts", contact("Together")).status());
            for (TestServer s : servers) assertEquals(3, total(s.base() + "/contacts"));
        } finally {
            pool.shutdownNow();
            for (TestServer s : servers) s.close();
        }
    }

    /**
     * The creation of stamp rows itself, raced: several connections in autocommit create the rows of the same new
     * dataset at the same moment (as processes starting together do); none fails, and each row exists once.
     */
    @Test
    void stampRowsCreatedByRacingConnectionsExistOnce() throws Exception {
        String db = Postgres.newDatabaseUrl();
        TestServer.start(db, TestServer.BUNDLED_CONTRACTS, List.of(), -1).close(); // the system tables
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < 50; i++) tables.add("t" + i);
        TableStamps stamps = new TableStamps(Dialect.POSTGRESQL);
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 5; round++) {
                String ds = "race" + round;
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(racers);
                List<Future<Void>> done = new ArrayList<>();
                for (int r = 0; r < racers; r++) {
                    List<String> mine = new ArrayList<>(tables);
                    java.util.Collections.shuffle(mine);
                    done.add(pool.submit(() -> {
                        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db)) {
                            c.setAutoCommit(true);
                            together.await(1, TimeUnit.MINUTES);
                            stamps.ensure(c, ds, mine);
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : done) f.get(1, TimeUnit.MINUTES);
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(db)) {
                    assertEquals(0, stamps.sum(c, ds, tables));
                    try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sd_table_stamps WHERE ds = ?")) {
                        ps.setString(1, ds);
                        try (java.sql.ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertEquals(tables.size(), rs.getLong(1), "one row per table");
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two server processes on one PostgreSQL: what one writes moves the other's cached counts and feed ETags. */
    @Test
    void aCreateThroughOneProcessIsCountedAndValidatedByTheOther() {
        String db = Postgres.newDatabaseUrl();
        try (ServerProcess a = start(db); ServerProcess b = start(db)) {
            String contacts = a.base() + "/contacts";
            String products = a.base() + "/products";
            assertEquals(0, total(contacts));
            String contactsTag = feedEtag(contacts);
            String productsTag = feedEtag(products);

            assertEquals(201, Http.post(b.base() + "/contacts", contact("FromB")).status());
            assertEquals(1, total(contacts), "A's cached count of contacts is not served after B's create");
            contactsTag = changed(contacts, contactsTag, "B created a contact");
            unchanged(products, productsTag, "B's contact is no part of A's products feed");

            assertEquals(201, Http.post(b.base() + "/products", product("FromB")).status());
            assertEquals(1, total(products));
            changed(products, productsTag, "B created a product");
            unchanged(contacts, contactsTag, "B's product is no part of A's contacts feed");
        }
    }

    /**
     * Writers on two processes create contacts, products and tax codes at the same time while a reader keeps asking
     * both processes for every count (so they cache counts of every intermediate state): at the end each process
     * counts exactly the creates that were answered 201.
     */
    @Test
    void concurrentCreatesOnTwoProcessesAreCountedExactlyByBoth() throws Exception {
        String db = Postgres.newDatabaseUrl();
        int perWriter = 25;
        try (ServerProcess a = start(db); ServerProcess b = start(db)) {
            // process, kind, element: contacts on A, products on B, tax codes on both
            List<String[]> writers = List.of(new String[] {a.base(), "contacts"}, new String[] {a.base(), "contacts"},
                    new String[] {a.base(), "taxCodes"}, new String[] {b.base(), "products"}, new String[] {b.base(), "products"},
                    new String[] {b.base(), "taxCodes"});
            Map<String, Integer> expected = Map.of("contacts", 2 * perWriter, "products", 2 * perWriter, "taxCodes", 2 * perWriter);
            ExecutorService pool = Executors.newFixedThreadPool(writers.size() + 1);
            AtomicBoolean writing = new AtomicBoolean(true);
            try {
                Future<Integer> reader = pool.submit(() -> {
                    int reads = 0;
                    while (writing.get()) {
                        for (String base : List.of(a.base(), b.base())) {
                            for (String kind : expected.keySet()) {
                                total(base + "/" + kind);
                                reads++;
                            }
                        }
                    }
                    return reads;
                });
                List<Future<Integer>> created = new ArrayList<>();
                for (int w = 0; w < writers.size(); w++) {
                    String[] spec = writers.get(w);
                    int writer = w;
                    created.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < perWriter; i++) {
                            String name = "w" + writer + "-" + i;
                            String body = switch (spec[1]) {
                                case "contacts" -> contact(name);
                                case "products" -> product(name);
                                default -> entry(resource("taxCode", "", "<code>" + name + "</code>"));
                            };
                            Reply r = Http.post(spec[0] + "/" + spec[1], body);
                            assertEquals(201, r.status(), r::toString);
                            ok++;
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : created) assertEquals(perWriter, f.get(5, TimeUnit.MINUTES));
                writing.set(false);
                reader.get(1, TimeUnit.MINUTES);
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
            for (String base : List.of(a.base(), b.base())) {
                for (Map.Entry<String, Integer> e : expected.entrySet()) {
                    assertEquals(e.getValue().longValue(), total(base + "/" + e.getKey()), base + " counts every " + e.getKey());
                }
            }
        }
    }
}
